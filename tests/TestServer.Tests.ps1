# Smoke test of the Dovecot test harness (tests/TestServer) that every integration test relies on.
# Pester 5: Invoke-Pester tests/TestServer.Tests.ps1
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestServer/MailTestServer.psm1') -Force

    # A CA of our own, handed to the harness the way the build script does it.
    $script:savedCa = $env:MAILTOOLS_TEST_CA
    $script:ca = New-TestCertificateAuthority -Path (Join-Path $TestDrive 'ca')
    $env:MAILTOOLS_TEST_CA = $ca.Path
    # The seeder itself, not the seed cache, for the server whose counts are checked.
    $script:savedCache = $env:MAILTOOLS_SEED_CACHE
    $env:MAILTOOLS_SEED_CACHE = 'off'
    $script:server = Start-TestMailServer -Users alice, bob -Profile Small
    $env:MAILTOOLS_SEED_CACHE = $script:savedCache
    $script:untrusted = Start-TestMailServer -Users carol -UntrustedCertificate -NoPop3 -Quota '10M'

    function Get-InstanceProcessId($Server) {
        # Independent of the module: Dovecot children are titled "dovecot-<instance>/<service>",
        # the master and the harness's watchdog have the server folder on their command line.
        foreach ($dir in Get-ChildItem /proc -Directory | Where-Object Name -Match '^\d+$') {
            try { $cmd = [IO.File]::ReadAllText("$($dir.FullName)/cmdline") } catch { continue }
            if ($cmd.StartsWith("dovecot-$($Server.Name)/") -or $cmd.Contains($Server.Root)) { [int]$dir.Name }
        }
    }

    function Open-TestConnection {
        # Plain TCP, then STARTTLS (Imap/Pop3) or straight TLS (Implicit), validated against -CaPath only.
        param([int]$Port, [ValidateSet('Implicit', 'Imap', 'Pop3', 'None')][string]$Mode, [string]$CaPath, [string]$TargetHost = 'localhost')
        $tcp = [Net.Sockets.TcpClient]::new()
        $tcp.Connect('127.0.0.1', $Port)
        $tcp.ReceiveTimeout = 10000
        [IO.Stream]$stream = $tcp.GetStream()
        $conn = [pscustomobject]@{ Tcp = $tcp; Stream = $stream; Reader = $null; Writer = $null; Greeting = $null }
        $attach = {
            $conn.Reader = [IO.StreamReader]::new($conn.Stream, [Text.Encoding]::UTF8, $false, 4096, $true)
            $conn.Writer = [IO.StreamWriter]::new($conn.Stream, [Text.UTF8Encoding]::new($false), 4096, $true)
            $conn.Writer.NewLine = "`r`n"; $conn.Writer.AutoFlush = $true
        }
        if ($Mode -ne 'Implicit') {
            & $attach
            $conn.Greeting = $conn.Reader.ReadLine()
            if ($Mode -eq 'None') { return $conn }
            $conn.Writer.WriteLine($(if ($Mode -eq 'Imap') { 'S1 STARTTLS' } else { 'STLS' }))
            $answer = $conn.Reader.ReadLine()
            if ($answer -notmatch '^(S1 OK|\+OK)') { throw "STARTTLS refused: $answer" }
        }
        $ssl = [Net.Security.SslStream]::new($stream, $false)
        $options = [Net.Security.SslClientAuthenticationOptions]::new()
        $options.TargetHost = $TargetHost
        $policy = [Security.Cryptography.X509Certificates.X509ChainPolicy]::new()
        $policy.TrustMode = 'CustomRootTrust'
        $policy.RevocationMode = 'NoCheck'
        $null = $policy.CustomTrustStore.Add([Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadCertificateFromFile($CaPath))
        $options.CertificateChainPolicy = $policy
        $ssl.AuthenticateAsClient($options)
        $conn.Stream = $ssl
        & $attach
        if ($Mode -eq 'Implicit') { $conn.Greeting = $conn.Reader.ReadLine() }
        $conn | Add-Member -NotePropertyName Certificate -NotePropertyValue $ssl.RemoteCertificate
        $conn
    }

    function Invoke-TestCommand($Conn, [string]$Line, [string]$Until) {
        # Sends one line, returns every response line up to and including the one matching -Until.
        $Conn.Writer.WriteLine($Line)
        $lines = [Collections.Generic.List[string]]::new()
        do { $l = $Conn.Reader.ReadLine(); if ($null -eq $l) { break }; $lines.Add($l) } while ($l -notmatch $Until)
        , $lines.ToArray()   # always an array, even for one line
    }

    function Invoke-FreshPwsh([string]$Script, [hashtable]$Environment) {
        # .NET reads SSL_CERT_FILE once per process, so this needs a new pwsh.
        $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('n')).ps1"
        Set-Content -LiteralPath $file -Value $Script
        $saved = @{}
        foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
        try {
            $exe = [Environment]::ProcessPath
            $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
            (& $exe @prefix -NoProfile -NonInteractive -File $file 2>&1) -join "`n"
        } finally {
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
    }
}

AfterAll {
    foreach ($s in $script:server, $script:untrusted) { if ($s) { Stop-TestMailServer $s } }
    $env:MAILTOOLS_TEST_CA = $script:savedCa
}

Describe 'Start-TestMailServer' {
    It 'returns the documented properties' {
        $server.Host | Should -Be '127.0.0.1'
        $server.HostName | Should -Be 'localhost'
        @($server.ImapPort, $server.ImapsPort, $server.Pop3Port, $server.Pop3sPort | Select-Object -Unique).Count | Should -Be 4
        $server.CaCertificatePath | Should -Be $ca.CertificatePath
        $server.CertificateThumbprint | Should -Match '^[0-9A-F]{40}$'
        Test-Path -LiteralPath $server.ConfigPath | Should -BeTrue
        Test-Path -LiteralPath $server.LogPath | Should -BeTrue
        $server.MailUid | Should -BeGreaterThan 0
        $server.Users.UserName | Should -Be @('alice', 'bob')
        foreach ($u in $server.Users) {
            $u.Password | Should -Match "^pw-$($u.UserName)-[a-z0-9]{8}$"
            $u.Credential.GetNetworkCredential().Password | Should -Be $u.Password
            Test-Path -LiteralPath (Join-Path $u.MailDir 'cur') | Should -BeTrue
        }
        $server.Users[0].Password | Should -Not -Be $server.Users[1].Password
    }

    It 'serves TLS on the <Name> port, signed by the test CA' -ForEach @(
        @{ Name = 'IMAP STARTTLS'; Port = 'ImapPort'; Mode = 'Imap'; Greeting = '^\* OK' }
        @{ Name = 'IMAPS'; Port = 'ImapsPort'; Mode = 'Implicit'; Greeting = '^\* OK' }
        @{ Name = 'POP3 STLS'; Port = 'Pop3Port'; Mode = 'Pop3'; Greeting = '^\+OK' }
        @{ Name = 'POP3S'; Port = 'Pop3sPort'; Mode = 'Implicit'; Greeting = '^\+OK' }
    ) {
        $c = Open-TestConnection -Port $server.$Port -Mode $Mode -CaPath $ca.CertificatePath
        try {
            $c.Certificate.GetCertHashString() | Should -Be $server.CertificateThumbprint
            $c.Greeting | Should -Match $Greeting
        } finally { $c.Tcp.Dispose() }
    }

    It 'validates the certificate for the IP address too (SAN IP:127.0.0.1)' {
        $c = Open-TestConnection -Port $server.ImapsPort -Mode Implicit -CaPath $ca.CertificatePath -TargetHost '127.0.0.1'
        $c.Tcp.Dispose()
    }

    It 'fails validation for a name the certificate does not carry' {
        { Open-TestConnection -Port $server.ImapsPort -Mode Implicit -CaPath $ca.CertificatePath -TargetHost 'mail.example.org' } |
            Should -Throw '*RemoteCertificateNameMismatch*'
    }

    It 'gives -UntrustedCertificate servers a certificate the test CA did not sign (<Mode>)' -ForEach @(
        @{ Mode = 'Implicit'; Port = 'ImapsPort' }, @{ Mode = 'Imap'; Port = 'ImapPort' }
    ) {
        { Open-TestConnection -Port $untrusted.$Port -Mode $Mode -CaPath $ca.CertificatePath } | Should -Throw '*certificate*'
        $untrusted.CaCertificatePath | Should -Be $ca.CertificatePath
    }

    It 'lets .NET default validation trust the CA through SSL_CERT_FILE in a new process, and only then' {
        $probe = @'
foreach ($port in $env:PROBE_PORTS -split ',') {
    $tcp = [Net.Sockets.TcpClient]::new('127.0.0.1', [int]$port)
    $ssl = [Net.Security.SslStream]::new($tcp.GetStream())
    try { $ssl.AuthenticateAsClient('localhost'); "${port}: TLS-OK" } catch { "${port}: TLS-FAIL " + $_.Exception.GetBaseException().Message }
    $tcp.Dispose()
}
'@
        $emptyDir = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'no-certs') -Force
        $ports = "$($server.ImapsPort),$($untrusted.ImapsPort)"
        $with = Invoke-FreshPwsh $probe @{ PROBE_PORTS = $ports; SSL_CERT_FILE = $ca.CertificatePath; SSL_CERT_DIR = $emptyDir.FullName }
        # "Without": a bundle that lacks the CA (the untrusted server's self-signed certificate).
        $without = Invoke-FreshPwsh $probe @{ PROBE_PORTS = $ports; SSL_CERT_FILE = $untrusted.CertificatePath; SSL_CERT_DIR = $emptyDir.FullName }
        $with | Should -Match "$($server.ImapsPort): TLS-OK"
        $with | Should -Match "$($untrusted.ImapsPort): TLS-FAIL"
        $without | Should -Match "$($server.ImapsPort): TLS-FAIL"
    }

    It 'accepts the generated password over TLS on IMAP and POP3' {
        $alice = $server.Users[0]
        $c = Open-TestConnection -Port $server.ImapsPort -Mode Implicit -CaPath $ca.CertificatePath
        try { (Invoke-TestCommand $c "a LOGIN $($alice.UserName) $($alice.Password)" '^a ')[-1] | Should -Match '^a OK' }
        finally { $c.Tcp.Dispose() }
        $p = Open-TestConnection -Port $server.Pop3Port -Mode Pop3 -CaPath $ca.CertificatePath
        try {
            (Invoke-TestCommand $p "USER $($alice.UserName)" '^[+-]')[-1] | Should -Match '^\+OK'
            (Invoke-TestCommand $p "PASS $($alice.Password)" '^[+-]')[-1] | Should -Match '^\+OK'
        } finally { $p.Tcp.Dispose() }
    }

    It 'refuses a correct password sent without TLS (IMAP and POP3)' {
        $alice = $server.Users[0]
        $c = Open-TestConnection -Port $server.ImapPort -Mode None
        try { (Invoke-TestCommand $c "a LOGIN $($alice.UserName) $($alice.Password)" '^a ')[-1] | Should -Match '^a NO' }
        finally { $c.Tcp.Dispose() }
        $p = Open-TestConnection -Port $server.Pop3Port -Mode None
        try {
            $null = Invoke-TestCommand $p "USER $($alice.UserName)" '^[+-]'
            (Invoke-TestCommand $p "PASS $($alice.Password)" '^[+-]')[-1] | Should -Match '^-ERR'
        } finally { $p.Tcp.Dispose() }
        Get-Content -LiteralPath $server.LogPath -Raw | Should -Match 'deny passdb'
    }

    It 'advertises the default Dovecot capabilities after login' {
        $alice = $server.Users[0]
        $c = Open-TestConnection -Port $server.ImapsPort -Mode Implicit -CaPath $ca.CertificatePath
        try {
            $null = Invoke-TestCommand $c "a LOGIN $($alice.UserName) $($alice.Password)" '^a '
            $caps = (Invoke-TestCommand $c 'b CAPABILITY' '^b ') | Where-Object { $_ -cmatch '^\* CAPABILITY ' }
        } finally { $c.Tcp.Dispose() }
        foreach ($cap in 'IMAP4rev1', 'LIST-STATUS', 'UIDPLUS', 'MOVE', 'CONDSTORE', 'QRESYNC', 'SPECIAL-USE', 'IDLE', 'STATUS=SIZE') {
            " $caps " | Should -BeLike "* $cap *"
        }
        " $caps " | Should -Not -BeLike '* QUOTA *'
        $caps | Should -Be "* CAPABILITY $(Get-TestDefaultImapCapability)"
    }

    It 'enables the quota extension with -Quota' {
        $carol = $untrusted.Users[0]
        $c = Open-TestConnection -Port $untrusted.ImapsPort -Mode Implicit -CaPath $untrusted.CertificatePath
        try {
            $null = Invoke-TestCommand $c "a LOGIN $($carol.UserName) $($carol.Password)" '^a '
            $lines = Invoke-TestCommand $c 'b GETQUOTAROOT INBOX' '^b '
        } finally { $c.Tcp.Dispose() }
        $lines[-1] | Should -Match '^b OK'
        ($lines -join "`n") | Should -Match 'STORAGE 0 10240'
    }

    It 'leaves out the ports of a protocol switched off' {
        $untrusted.Pop3Port | Should -BeNullOrEmpty
        $untrusted.Pop3sPort | Should -BeNullOrEmpty
        Get-Content -LiteralPath $untrusted.ConfigPath | Should -Contain 'protocols = imap'
    }
}

Describe 'Seeding and mailbox status' {
    It 'reports, per folder, exactly what the seeder wrote for <UserName>' -ForEach @(
        @{ UserName = 'alice' }, @{ UserName = 'bob' }
    ) {
        $seeded = ($server.Users | Where-Object UserName -EQ $UserName).Seeded
        $seeded.messages | Should -BeGreaterOrEqual 120
        $seeded.messages | Should -BeLessOrEqual 200
        $status = @(Get-TestMailboxStatus -Server $server -User $UserName)
        $status.Mailbox | Sort-Object | Should -Be (@('INBOX', 'Sent', 'Drafts', 'Trash', 'Junk', 'Archive', 'Newsletters', 'Réservations', 'Clients', 'Clients/2025') | Sort-Object)
        foreach ($f in $seeded.folders) {
            $s = $status | Where-Object Mailbox -EQ $f.name
            "$($f.name): $($s.Messages) $($s.Unseen) $($s.VSize)" | Should -Be "$($f.name): $($f.messages) $($f.unseen) $($f.virtualBytes)"
            $s.UidNext | Should -Be ($f.messages + 1)
            $s.UidValidity | Should -BeGreaterThan 0
        }
        ($status | Measure-Object Messages -Sum).Sum | Should -Be $seeded.messages
    }

    It 'gives the same mailboxes when the seed comes from the cache' {
        $env:MAILTOOLS_SEED_CACHE = Join-Path $TestDrive 'seed-cache'
        try {
            $first = Start-TestMailServer -Users alice -Profile Small
            $second = Start-TestMailServer -Users alice -Profile Small
        } finally { $env:MAILTOOLS_SEED_CACHE = $script:savedCache }
        try {
            $first.SeedSummary | Should -Match '^seeded profile=small'
            $second.SeedSummary | Should -Match 'seed cache: alice'
            $view = { param($s) Get-TestMailboxStatus -Server $s -User alice | Sort-Object Mailbox | ForEach-Object { "$($_.Mailbox) $($_.Messages) $($_.Unseen) $($_.VSize) $($_.UidNext)" } }
            $a = & $view $first
            $a.Count | Should -Be 10
            & $view $second | Should -Be $a
            $second.Users[0].Seeded.messages | Should -Be $first.Users[0].Seeded.messages
            (Invoke-TestDoveadm $second -f tab fetch -u alice 'date.received' mailbox INBOX uid 1)[1] |
                Should -Be (Invoke-TestDoveadm $first -f tab fetch -u alice 'date.received' mailbox INBOX uid 1)[1]
        } finally { $first, $second | Where-Object { $_ } | Stop-TestMailServer }
    }

    It 'seeds deterministically: same seed and day, same bytes' {
        $dll = if ($env:MAILTOOLS_SEEDER) { $env:MAILTOOLS_SEEDER } else { Join-Path $PSScriptRoot '../out/tools/Seeder/MailTools.Seeder.dll' }
        $a = Join-Path $TestDrive 'det-a/Maildir'; $b = Join-Path $TestDrive 'det-b/Maildir'
        foreach ($dir in $a, $b) {
            $null = dotnet $dll --profile small --seed 7 --now 2026-01-15 --user alice --maildir $dir
            $LASTEXITCODE | Should -Be 0
        }
        $hash = { param($root) Get-ChildItem -LiteralPath $root -Recurse -File -Force | Sort-Object { $_.FullName.Substring($root.Length) } |
                ForEach-Object { $_.FullName.Substring($root.Length) + ' ' + (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash } }
        $ha = & $hash $a; $hb = & $hash $b
        $ha.Count | Should -BeGreaterThan 100
        $hb | Should -Be $ha
    }

    It 'Add-TestMessage stores a message with flags, keywords and INTERNALDATE' {
        $eml = "From: Odd <odd@example.org>`r`nSubject: odd one`r`n`r`n>From here`r`n"
        $m = Add-TestMessage -Server $server -User bob -Mailbox 'Odd/Folder' -Bytes ([Text.Encoding]::UTF8.GetBytes($eml)) -Flags '\Seen \Flagged $Label1' -Date ([datetime]'2024-02-03T04:05:06Z')
        $m.Uid | Should -Be 1
        $m.VirtualSize | Should -Be ([Text.Encoding]::UTF8.GetByteCount($eml))
        $row = (Invoke-TestDoveadm $server -f tab fetch -u bob 'flags date.received size.virtual' mailbox 'Odd/Folder' uid 1)[1].Split("`t")
        $row[0] | Should -Match '\\Seen'
        $row[0] | Should -Match '\\Flagged'
        $row[0] | Should -Match '\$Label1'
        $row[1] | Should -Be ([DateTimeOffset]::Parse('2024-02-03T04:05:06Z').LocalDateTime.ToString('yyyy-MM-dd HH:mm:ss'))
        $row[2] | Should -Be $m.VirtualSize
        (Get-TestMailboxStatus -Server $server -User bob -Mailbox 'Odd/Folder').Messages | Should -Be 1
    }

    It 'Invoke-TestDoveadm returns output lines and throws with stderr on failure' {
        (Invoke-TestDoveadm $server user -f uid alice) | Should -Be "$($server.MailUid)"
        { Invoke-TestDoveadm $server mailbox status -u nosuchuser messages INBOX } | Should -Throw '*nosuchuser*'
    }
}

Describe 'Stop-TestMailServer' {
    It 'honours -ImapCapability, then stops every process of the instance and deletes its folder' {
        $caps = 'IMAP4rev1 SASL-IR LITERAL+ IDLE NAMESPACE'
        $s = Start-TestMailServer -Users dave -NoPop3 -ImapCapability $caps
        try {
            $c = Open-TestConnection -Port $s.ImapsPort -Mode Implicit -CaPath $ca.CertificatePath
            try {
                $null = Invoke-TestCommand $c "a LOGIN dave $($s.Users[0].Password)" '^a '
                (Invoke-TestCommand $c 'b CAPABILITY' '^b ')[0] | Should -Be "* CAPABILITY $caps"
            } finally { $c.Tcp.Dispose() }
            @(Get-InstanceProcessId $s).Count | Should -BeGreaterOrEqual 4
        } finally {
            Stop-TestMailServer $s
        }
        @(Get-InstanceProcessId $s).Count | Should -Be 0
        Test-Path -LiteralPath $s.Root | Should -BeFalse
        { $s | Stop-TestMailServer } | Should -Not -Throw
        { [Net.Sockets.TcpClient]::new('127.0.0.1', $s.ImapsPort).Dispose() } | Should -Throw
    }

    It 'cleans up after a pwsh that exits without stopping its server' {
        $module = Join-Path $PSScriptRoot 'TestServer/MailTestServer.psm1'
        $out = Invoke-FreshPwsh "Import-Module '$module'; `$s = Start-TestMailServer -Users frank; 'SERVER|' + `$s.Name + '|' + `$s.Root" @{}
        $name, $root = ($out -split "`n" | Where-Object { $_ -like 'SERVER|*' }).Split('|')[1, 2]
        $root | Should -Not -BeNullOrEmpty
        $gone = [pscustomobject]@{ Name = $name; Root = $root }
        $deadline = [datetime]::UtcNow.AddSeconds(20)
        while (((Test-Path -LiteralPath $root) -or @(Get-InstanceProcessId $gone).Count -gt 0) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        @(Get-InstanceProcessId $gone).Count | Should -Be 0
        Test-Path -LiteralPath $root | Should -BeFalse
    }

    It 'keeps the folder with -Keep' {
        $s = Start-TestMailServer -Users erin -NoImap
        Stop-TestMailServer $s -Keep
        try {
            @(Get-InstanceProcessId $s).Count | Should -Be 0
            Test-Path -LiteralPath $s.LogPath | Should -BeTrue
        } finally { Remove-Item -LiteralPath $s.Root -Recurse -Force }
    }
}
