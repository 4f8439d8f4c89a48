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

Describe 'A failed connect never leaves the wrong account current' {
    BeforeAll {
        $bob = $server.Users[1]
        function Invoke-Script([string] $Body) {
            # A fresh pwsh, as a scheduled script runs: the console host prints "What if:" and errors to stdout.
            $wrong = "[pscredential]::new('$($bob.UserName)', (ConvertTo-SecureString 'not-bobs-password' -AsPlainText -Force))"
            $head = "`$ErrorActionPreference = 'Continue'; Import-Module '$ModulePath'; " +
                "`$alice = [pscredential]::new('$($alice.UserName)', (ConvertTo-SecureString '$($alice.Password)' -AsPlainText -Force)); " +
                "`$bob = [pscredential]::new('$($bob.UserName)', (ConvertTo-SecureString '$($bob.Password)' -AsPlainText -Force)); " +
                "`$wrong = $wrong; `$connect = @{ Server = '$($server.Host)'; Port = $($server.ImapsPort); Security = 'SslOnConnect' }; "
            Invoke-FreshPwsh ($head + $Body)
        }
    }

    It 'alice connects, bob''s wrong password fails, Invoke-MailCleanup -Force stops with MailToolsNoSession and alice''s mail is untouched' {
        $before = @(Get-TestMailboxStatus -Server $server -User $alice.UserName)
        ($before | Measure-Object Messages -Sum).Sum | Should -BeGreaterThan 0
        $out = Invoke-Script (
            "`$null = Connect-MailServer @connect -Credential `$alice; " +
            "`$null = Connect-MailServer @connect -Credential `$wrong; " +
            "'current=' + [bool](Get-MailSession -Current); " +
            "try { Invoke-MailCleanup -Folder * -OlderThan 0 -Action Delete -Force -ErrorAction Continue } catch { 'caught=' + `$_.FullyQualifiedErrorId; 'message=' + `$_.Exception.Message }; " +
            "'after=' + `$?")
        $text = $out -join "`n"
        $text | Should -Match 'rejected the login'
        $text | Should -Match 'current=False'
        $text | Should -Match 'caught=MailToolsNoSession'
        $text | Should -Match 'message=.*none is current: the last Connect-MailServer failed'
        $after = @(Get-TestMailboxStatus -Server $server -User $alice.UserName)
        ($after | ForEach-Object { "$($_.Mailbox)=$($_.Messages)" }) -join ',' | Should -Be (($before | ForEach-Object { "$($_.Mailbox)=$($_.Messages)" }) -join ',')
    }

    It 'a later good connect is current again; with two sessions open, the -WhatIf text names the account the fallback acts on' {
        $out = Invoke-Script (
            "`$a = Connect-MailServer @connect -Credential `$alice; " +
            "`$null = Connect-MailServer @connect -Credential `$wrong; " +
            "`$b = Connect-MailServer @connect -Credential `$bob; " +
            "'current=' + (Get-MailSession -Current).Account; " +
            "Invoke-MailCleanup -Folder INBOX -OlderThan 0 -Action Delete -WhatIf | Out-Null; " +
            "Get-MailMessage -Folder INBOX | Select-Object -First 1 | ForEach-Object { `$_.Session = `$null; `$_ } | Remove-MailMessage -WhatIf")
        $text = $out -join "`n"
        $text | Should -Match "current=$([regex]::Escape($bob.UserName))@"
        $whatIf = @($out | Where-Object { $_ -match '^What if:' })
        $whatIf.Count | Should -Be 2
        foreach ($line in $whatIf) {
            $line | Should -Match ([regex]::Escape("$($bob.UserName)@$($server.Host)"))
            $line | Should -Match 'the current session of 2 open'
        }
    }

    It 'with one session open, the -WhatIf text stays short' {
        $out = Invoke-Script (
            "`$b = Connect-MailServer @connect -Credential `$bob; " +
            "Invoke-MailCleanup -Folder INBOX -OlderThan 0 -Action Delete -WhatIf | Out-Null")
        $whatIf = @($out | Where-Object { $_ -match '^What if:' })
        $whatIf.Count | Should -Be 1
        $whatIf[0] | Should -Match ([regex]::Escape("$($bob.UserName)@$($server.Host)"))
        $whatIf[0] | Should -Not -Match 'current session'
    }

    It 'with -Force and several sessions open, warns which account the current session is' {
        $out = Invoke-Script (
            "`$a = Connect-MailServer @connect -Credential `$alice; " +
            "`$b = Connect-MailServer @connect -Credential `$bob; " +
            "Invoke-MailCleanup -Folder NoSuchFolderAtAll -OlderThan 0 -Action Delete -Force -ErrorAction SilentlyContinue | Out-Null")
        ($out -join "`n") | Should -Match "WARNING:.*$([regex]::Escape("$($bob.UserName)@$($server.Host)")).*current session of 2 open"
    }
}

Describe 'One failed login per wrong password' {
    BeforeAll {
        $bob = $server.Users[1]
        function Get-FailedLogins([string] $User) {
            # Dovecot's auth process (auth_verbose = yes) logs one "Password mismatch" per password it checked.
            @(Get-Content -LiteralPath $server.LogPath | Where-Object { $_ -match "passwd-file\($([regex]::Escape($User)),.*Password mismatch" }).Count
        }
        function Get-Disconnects([string] $User) {
            Get-Content -LiteralPath $server.LogPath | Where-Object { $_ -match "auth failed, \d+ attempts.*user=<$([regex]::Escape($User))>" }
        }
    }

    It 'a wrong password over <Protocol> is checked exactly once by the server, and fails as MailToolsAuthenticationFailed' -ForEach @(
        @{ Protocol = 'Imap' }
        @{ Protocol = 'Pop3' }
    ) {
        $port = if ($Protocol -eq 'Imap') { $server.ImapsPort } else { $server.Pop3sPort }
        $wrong = [pscredential]::new($bob.UserName, (ConvertTo-SecureString 'not-bobs-password' -AsPlainText -Force))
        $before = Get-FailedLogins $bob.UserName
        $disconnectsBefore = @(Get-Disconnects $bob.UserName).Count
        $null = Connect-MailServer -Server $server.Host -Port $port -Protocol $Protocol -Security SslOnConnect -Credential $wrong -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
        # The login process logs its "Disconnected (auth failed, N attempts ...)" line once the client has gone.
        $deadline = [datetime]::UtcNow.AddSeconds(15)
        do {
            Start-Sleep -Milliseconds 200
            $disconnect = @(Get-Disconnects $bob.UserName)
        } until ($disconnect.Count -gt $disconnectsBefore -or [datetime]::UtcNow -gt $deadline)
        (Get-FailedLogins $bob.UserName) - $before | Should -Be 1
        $disconnect[-1] | Should -Match 'auth failed, 1 attempts'
        # The right password still logs in with the same one mechanism.
        $session = Connect-MailServer -Server $server.Host -Port $port -Protocol $Protocol -Security SslOnConnect -Credential $bob.Credential
        try { $session.IsConnected | Should -BeTrue } finally { Disconnect-MailServer $session }
    }
}

Describe 'Ctrl+C inside a Core call' {
    BeforeAll {
        # Invoke/TryInvoke are the base class's envelope for every Core call. They are protected, and a
        # PipelineStoppedException would stop this very test, so a small compiled probe calls them and says what left.
        if (-not ('MailToolsStopProbe' -as [type])) {
            # Reflection only, so the probe compiles against nothing but the runtime.
            Add-Type -TypeDefinition @'
using System;
using System.Reflection;
public static class MailToolsStopProbe
{
    const BindingFlags Flags = BindingFlags.NonPublic | BindingFlags.Instance;

    // Calls the envelope after Ctrl+C (StopProcessing) with a call that throws what a cancelled Core call throws.
    public static string Run(object cmdlet, string envelope, Exception thrown)
    {
        cmdlet.GetType().GetMethod("StopProcessing", Flags).Invoke(cmdlet, null);
        Type mailToolsCmdlet = cmdlet.GetType();
        while (mailToolsCmdlet.Name != "MailToolsCmdlet")
            mailToolsCmdlet = mailToolsCmdlet.BaseType;
        Action call = () => { throw thrown; };
        try
        {
            if (envelope == "TryInvoke")
                mailToolsCmdlet.GetMethod("TryInvoke", Flags).Invoke(cmdlet, new object[] { call, null });
            else
                mailToolsCmdlet.GetMethod("Invoke", Flags).MakeGenericMethod(typeof(int))
                    .Invoke(cmdlet, new object[] { (Func<int>)(() => { call(); return 0; }), null });
            return "returned";
        }
        catch (TargetInvocationException e) { return e.InnerException.GetType().Name; }
    }
}
'@
        }
    }

    It '<Envelope> turns a cancelled <Name> into PipelineStoppedException, never the raw exception' -ForEach @(
        @{ Envelope = 'TryInvoke'; Name = 'OperationCanceledException'; Make = { [OperationCanceledException]::new() } }
        @{ Envelope = 'Invoke'; Name = 'OperationCanceledException'; Make = { [OperationCanceledException]::new() } }
        @{ Envelope = 'TryInvoke'; Name = 'MailToolsStopped'; Make = { [MailTools.Core.Errors.MailToolsException]::new('MailToolsStopped', 'OperationStopped', 'stopped', $null) } }
        @{ Envelope = 'Invoke'; Name = 'MailToolsStopped'; Make = { [MailTools.Core.Errors.MailToolsException]::new('MailToolsStopped', 'OperationStopped', 'stopped', $null) } }
    ) {
        [MailToolsStopProbe]::Run([MailTools.Commands.GetMailFolderCommand]::new(), $Envelope, (& $Make)) | Should -Be 'PipelineStoppedException'
    }

    It 'a session that never answers is stopped cleanly: state Stopped, no error record' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Port)
                    Import-Module $ModulePath
                    $c = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force))
                    Connect-MailServer -Server 127.0.0.1 -Port $Port -Security SslOnConnect -Credential $c -TimeoutSeconds 60
                }).AddArgument($ModulePath).AddArgument($listener.LocalEndpoint.Port)
            $async = $ps.BeginInvoke()
            $accepted = $listener.AcceptTcpClient()   # connected; the TLS handshake now waits for a server that never speaks
            Start-Sleep -Milliseconds 500
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            @($ps.Streams.Error) | Should -BeNullOrEmpty
            $async.IsCompleted | Should -BeTrue
        }
        finally { if ($accepted) { $accepted.Dispose() }; $listener.Stop(); $ps.Dispose() }
    }
}
