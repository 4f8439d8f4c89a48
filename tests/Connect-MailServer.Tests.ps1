# Connect-MailServer, Disconnect-MailServer and Get-MailSession against a real Dovecot over TLS with certificate validation.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    $server = Start-TestMailServer -Users alice, bob -Profile Small
    $alice = $server.Users[0]
}

AfterAll {
    Disconnect-MailServer -All
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Connect-MailServer over every port and mode' {
    It 'connects over <Protocol> on the <Mode> port and validates the certificate' -ForEach @(
        @{ Protocol = 'Imap'; Mode = 'TLS'; StartTls = $false; Expected = 'SslOnConnect' }
        @{ Protocol = 'Imap'; Mode = 'STARTTLS'; StartTls = $true; Expected = 'StartTls' }
        @{ Protocol = 'Pop3'; Mode = 'TLS'; StartTls = $false; Expected = 'SslOnConnect' }
        @{ Protocol = 'Pop3'; Mode = 'STARTTLS'; StartTls = $true; Expected = 'StartTls' }
    ) {
        $session = Connect-TestSession -Server $server -Protocol $Protocol -StartTls:$StartTls
        try {
            $session | Should -BeOfType ([MailTools.MailSession])
            $session.IsConnected | Should -BeTrue
            $session.Protocol | Should -Be $Protocol
            $session.Security | Should -Be $Expected
            $session.TlsVersion | Should -Match '^Tls1[23]$'
            $session.CertificateThumbprint | Should -Be $server.CertificateThumbprint
            $session.UserName | Should -Be $alice.UserName
            (Get-MailSession -Current).Id | Should -Be $session.Id
        }
        finally {
            Disconnect-MailServer -Session $session
        }
        $session.IsConnected | Should -BeFalse
        (Get-MailSession).Id | Should -Not -Contain $session.Id
    }

    It 'chooses required STARTTLS by itself on a port other than 993 and 995 (-Security Auto)' {
        $session = Connect-MailServer -Server $server.Host -Port $server.ImapPort -Credential $alice.Credential
        try { $session.Security | Should -Be 'StartTls' } finally { Disconnect-MailServer $session }
    }

    It 'keeps two sessions for two accounts open at once' {
        $a = Connect-TestSession -Server $server -UserIndex 0
        $b = Connect-TestSession -Server $server -UserIndex 1
        try {
            @(Get-MailSession).Count | Should -Be 2
            (Get-MailSession -Current).Id | Should -Be $b.Id
            (Get-MailFolder -Session $a -Name INBOX).Account | Should -Be $a.Account
            (Get-MailFolder -Name INBOX).Account | Should -Be $b.Account
            $a.Account | Should -Not -Be $b.Account
            $a.IsConnected -and $b.IsConnected | Should -BeTrue
        }
        finally {
            Disconnect-MailServer -All
        }
        @(Get-MailSession).Count | Should -Be 0
    }

    It 'connects with -SkipCertificateCheck to a server whose certificate is not trusted, with a warning' {
        $untrusted = Start-TestMailServer -Users carol -UntrustedCertificate
        try {
            $session = Connect-MailServer -Server $untrusted.Host -Port $untrusted.ImapsPort -Security SslOnConnect -Credential $untrusted.Users[0].Credential `
                -SkipCertificateCheck -WarningVariable warnings -WarningAction SilentlyContinue
            $session.IsConnected | Should -BeTrue
            "$warnings" | Should -Match 'Certificate checking is off'
            Disconnect-MailServer $session
        }
        finally { Stop-TestMailServer $untrusted }
    }
}

Describe 'Connect-MailServer errors' {
    BeforeAll {
        function Get-ConnectError([scriptblock] $Connect) {
            # Connect-MailServer's failures are non-terminating (so a pipeline of accounts goes on): -ErrorAction Stop here.
            $ErrorActionPreference = 'Stop'
            try { & $Connect; throw 'Connect-MailServer did not fail.' }
            catch [System.Management.Automation.RuntimeException] { if ($_.Exception.Message -eq 'Connect-MailServer did not fail.') { throw }; return $_ }
        }
    }

    It 'reports a wrong password as MailToolsAuthenticationFailed, naming server and user, without the password' {
        $wrong = [pscredential]::new($alice.UserName, (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        $err = Get-ConnectError { Connect-MailServer -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect -Credential $wrong }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match ([regex]::Escape("$($server.Host):$($server.ImapsPort)"))
        $err.Exception.Message | Should -Match $alice.UserName
        $err.Exception.Message | Should -Not -Match 'not-the-password'
        $err.ErrorDetails.RecommendedAction | Should -Match 'password'
    }

    It 'reports a closed port as MailToolsConnectionRefused' {
        $port = Get-TestFreePort
        $err = Get-ConnectError { Connect-MailServer -Server 127.0.0.1 -Port $port -Security SslOnConnect -Credential $alice.Credential }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsConnectionRefused,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match "127\.0\.0\.1:$port"
    }

    It 'reports an unknown host as MailToolsHostNotFound' {
        $err = Get-ConnectError { Connect-MailServer -Server 'no-such-host.invalid' -Credential $alice.Credential -TimeoutSeconds 10 }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsHostNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -Match 'no-such-host\.invalid'
    }

    It 'reports a server that never answers as MailToolsTimeout' {
        # A socket that accepts connections (the kernel completes the handshake) but never says a word.
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            $port = $silent.LocalEndpoint.Port
            $err = Get-ConnectError { Connect-MailServer -Server 127.0.0.1 -Port $port -Security SslOnConnect -Credential $alice.Credential -TimeoutSeconds 2 }
            $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsTimeout,*'
            $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $err.Exception.Message | Should -Match "2 seconds"
        }
        finally { $silent.Stop() }
    }

    It 'refuses an untrusted certificate, naming its subject and thumbprint' {
        $untrusted = Start-TestMailServer -Users carol -UntrustedCertificate
        try {
            $err = Get-ConnectError { Connect-TestSession -Server $untrusted }
            $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsCertificateUntrusted,*'
            $err.CategoryInfo.Category | Should -Be 'SecurityError'
            $err.Exception.Message | Should -Match $untrusted.CertificateThumbprint
            $err.Exception.Message | Should -Match 'Subject: '
            $err.ErrorDetails.RecommendedAction | Should -Match 'SkipCertificateCheck'
        }
        finally { Stop-TestMailServer $untrusted }
    }

    It 'refuses TLS-on-connect to a STARTTLS port as MailToolsTlsHandshakeFailed' {
        $err = Get-ConnectError { Connect-MailServer -Server $server.Host -Port $server.ImapPort -Security SslOnConnect -Credential $alice.Credential -TimeoutSeconds 10 }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsTlsHandshakeFailed,*'
        $err.ErrorDetails.RecommendedAction | Should -Match 'StartTls'
    }

    It 'refuses to log in when STARTTLS is required but the server does not offer it' {
        $plain = Start-TestMailServer -Users carol -NoTls
        try {
            $err = Get-ConnectError { Connect-MailServer -Server $plain.Host -Port $plain.ImapPort -Credential $plain.Users[0].Credential }
            $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsStartTlsNotOffered,*'
            $err.CategoryInfo.Category | Should -Be 'SecurityError'
            $err.Exception.Message | Should -Match 'No password was sent'
            # The server saw no login attempt at all.
            Get-Content $plain.LogPath -Raw | Should -Not -Match 'auth.*(failed|mismatch)'
        }
        finally { Stop-TestMailServer $plain }
    }

    It 'refuses -Security None without -AllowInsecureAuthentication before connecting' {
        $err = Get-ConnectError { Connect-MailServer -Server $server.Host -Port $server.ImapPort -Security None -Credential $alice.Credential }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsInsecureAuthenticationRefused,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'names the file when the protocol log cannot be written' {
        $file = Join-Path $TestDrive 'a-file'
        Set-Content $file 'x'
        $err = Get-ConnectError { Connect-TestSession -Server $server -Extra @{ ProtocolLogPath = (Join-Path $file 'log.txt') } }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsProtocolLogNotWritable,*'
        $err.Exception.Message | Should -Match 'log\.txt'
    }

    It 'needs a session before Get-MailFolder can run' {
        Disconnect-MailServer -All
        $err = Get-ConnectError { Get-MailFolder }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsNoSession,*'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-MailServer'
    }
}

Describe 'No password anywhere' {
    It 'keeps the password out of the protocol log, verbose and debug output and error messages' {
        $log = Join-Path $TestDrive 'protocol.log'
        $secrets = Get-SecretForms -UserName $alice.UserName -Password $alice.Password
        $collected = [System.Collections.Generic.List[string]]::new()

        foreach ($protocol in 'Imap', 'Pop3') {
            foreach ($startTls in $false, $true) {
                $out = Connect-TestSession -Server $server -Protocol $protocol -StartTls:$startTls -Extra @{ ProtocolLogPath = $log; Verbose = $true; Debug = $true } 4>&1 5>&1
                $out | ForEach-Object { $collected.Add("$_") }
                $session = $out | Where-Object { $_ -is [MailTools.MailSession] }
                Get-MailFolder -Session $session -Verbose 4>&1 | ForEach-Object { $collected.Add("$_") }
                Disconnect-MailServer $session
            }
        }
        $wrong = [pscredential]::new($alice.UserName, (ConvertTo-SecureString "$($alice.Password)-wrong" -AsPlainText -Force))
        try { Connect-MailServer -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect -Credential $wrong -ProtocolLogPath $log -Verbose -ErrorAction Stop 4>&1 | ForEach-Object { $collected.Add("$_") } }
        catch { $collected.Add($_.Exception.Message); $collected.Add("$($_.ErrorDetails)") }

        $logText = Get-Content $log -Raw
        $logText | Should -Match 'LOGOUT'            # the log really was written, by all eight connections
        $logText | Should -Match '(AUTHENTICATE|LOGIN|AUTH|USER|PASS)'
        $all = ($collected -join "`n") + "`n" + $logText
        foreach ($secret in $secrets) {
            $all.Contains($secret) | Should -BeFalse -Because "'$secret' (a form of the password) must not leak"
        }
        $all.Contains("$($alice.Password)-wrong") | Should -BeFalse
    }
}
