# Find-MailServer and -EmailAddress against loopback fixtures only (no internet): dnsmasq answers SRV, MX and A
# records for *.test, an HTTPS server (the run's CA) serves autoconfig files (valid, malformed, redirected) and an
# ISPDB, an HTTP-only server serves one that must be refused, forwarders put a real Dovecot (IMAP, POP3 and its SMTP
# submission service) on the standard ports of dedicated 127.x.y.z addresses, and an SMTP sink behind Dovecot's
# submission counts every message that reaches it: it must stay at 0.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    Import-Module (Join-Path $PSScriptRoot 'TestServer/DiscoveryFixture.psm1') -Force

    $script:sinkPort = Get-TestFreePort
    $script:countFile = Join-Path $TestDrive 'sink-count'
    $script:server = Start-TestMailServer -Users alice -Profile Small -Submission -SubmissionRelayPort $sinkPort `
        -CertificateName 'mail.reiki.test', 'imap.guess.test', 'smtp.guess.test'
    $script:alice = $server.Users[0]
    $script:wrong = [pscredential]::new('alice', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))

    $web = New-TestLoopbackAddress; $plain = New-TestLoopbackAddress; $guess = New-TestLoopbackAddress; $slow = New-TestLoopbackAddress
    $cert = New-TestNamedCertificate -Directory (Join-Path $TestDrive 'web') -Name 'autoconfig.reiki.test', 'autoconfig.broken.test',
        'autoconfig.redirect.test', 'redirect.test', 'evil.test', 'ispdb.fixture.test'

    function ConfigXml([string] $HostName, [string] $Domain) {
        $s = $script:server
        @"
<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="$Domain">
    <domain>$Domain</domain>
    <incomingServer type="imap"><hostname>$HostName</hostname><port>$($s.ImapsPort)</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication></incomingServer>
    <incomingServer type="imap"><hostname>$HostName</hostname><port>$($s.ImapPort)</port><socketType>STARTTLS</socketType><username>%EMAILLOCALPART%</username></incomingServer>
    <incomingServer type="pop3"><hostname>$HostName</hostname><port>$($s.Pop3sPort)</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username></incomingServer>
    <outgoingServer type="smtp"><hostname>$HostName</hostname><port>$($s.SubmissionsPort)</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username></outgoingServer>
    <outgoingServer type="smtp"><hostname>$HostName</hostname><port>$($s.SubmissionPort)</port><socketType>STARTTLS</socketType><username>%EMAILLOCALPART%</username></outgoingServer>
  </emailProvider>
</clientConfig>
"@
    }

    $script:fixture = Start-TestDiscoveryFixture -Config @{
        web     = @(
            @{ address = $web; port = 443; cert = $cert.CertificatePath; key = $cert.KeyPath; routes = @{
                    'autoconfig.reiki.test'    = @{ '/mail/config-v1.1.xml' = @{ body = (ConfigXml 'mail.reiki.test' 'reiki.test') } }
                    'autoconfig.broken.test'   = @{ '/mail/config-v1.1.xml' = @{ body = '<clientConfig><emailProvider><incomingServer type="imap"><hostname>mail' } }
                    'autoconfig.redirect.test' = @{
                        '/mail/config-v1.1.xml' = @{ status = 302; location = 'https://evil.test/mail/config-v1.1.xml' }
                        '/mail/moved.xml'       = @{ body = (ConfigXml 'mail.reiki.test' 'redirect.test') }
                    }
                    'redirect.test'            = @{ '/.well-known/autoconfig/mail/config-v1.1.xml' = @{ status = 301; location = 'https://autoconfig.redirect.test/mail/moved.xml' } }
                    'evil.test'                = @{ '/mail/config-v1.1.xml' = @{ body = (ConfigXml 'mail.evil.test' 'redirect.test') } }
                    'ispdb.fixture.test'       = @{ '/v1.1/hoster.test' = @{ body = (ConfigXml 'mail.reiki.test' 'hoster.test') } }
                }
            }
            @{ address = $plain; port = 80; routes = @{ 'autoconfig.plain.test' = @{ '/mail/config-v1.1.xml' = @{ body = (ConfigXml 'mail.reiki.test' 'plain.test') } } } }
        )
        forward = @(
            @{ address = $guess; port = 993; target = $server.ImapsPort }
            @{ address = $guess; port = 143; target = $server.ImapPort }
            @{ address = $guess; port = 465; target = $server.SubmissionsPort }
            @{ address = $guess; port = 587; target = $server.SubmissionPort }
            @{ address = $slow; port = 993; stall = $true }
            @{ address = $slow; port = 143; stall = $true }
        )
        sink    = @{ port = $sinkPort; count_file = $countFile }
    }

    $script:dns = Start-TestDnsServer -HostRecord @(
        "autoconfig.reiki.test,$web", 'mail.reiki.test,127.0.0.1', 'imap.reiki.test,127.0.0.1', "autoconfig.broken.test,$web",
        "autoconfig.redirect.test,$web", "redirect.test,$web", "evil.test,$web", 'mail.evil.test,127.0.0.1', "ispdb.fixture.test,$web",
        "autoconfig.plain.test,$plain", "imap.guess.test,$guess", "smtp.guess.test,$guess", "imap.slow.test,$slow"
    ) -Srv @(
        "_imaps._tcp.reiki.test,imap.reiki.test,$($server.ImapsPort),0,1"
        '_pop3._tcp.reiki.test'
        "_imaps._tcp.broken.test,mail.reiki.test,$($server.ImapsPort),0,1"
        "_imaps._tcp.mismatch.test,imap.reiki.test,$($server.ImapsPort),0,1"
    ) -Mx @('mxonly.test,mx1.hoster.test,10')

    $script:savedIspdb = $env:MAILTOOLS_ISPDB_URL
    $env:MAILTOOLS_ISPDB_URL = 'https://ispdb.fixture.test/v1.1/'
    $script:find = @{ DnsServer = $dns.Server; TimeoutSeconds = 20 }

    function Get-SinkCount { [int](Get-Content -Raw -LiteralPath $script:countFile) }

    function Get-Failure([scriptblock] $Call) {
        try { & $Call; throw 'no error' } catch { if ("$_" -eq 'no error') { throw 'The command did not fail.' }; return $_ }
    }
}

AfterAll {
    $env:MAILTOOLS_ISPDB_URL = $script:savedIspdb
    if ($script:dns) { Stop-TestDiscoveryProcess $script:dns }
    if ($script:fixture) { Stop-TestDiscoveryProcess $script:fixture }
    if ($script:server) { Stop-TestMailServer $script:server }
}

Describe 'Find-MailServer' {
    It '-Offline knows nothing before a lookup, even for a domain DNS would answer' {
        $e = Get-Failure { Find-MailServer alice@mismatch.test -Offline -DnsServer $dns.Server -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -BeLike 'MailToolsMailServerNotFound*'
        "$e" | Should -Match 'Offline'
    }

    It 'finds the provider''s autoconfig, probes each server without a login, and ranks the verified one first' {
        $c = @(Find-MailServer -EmailAddress alice@reiki.test @find)
        $imap = $c | Where-Object { $_.Protocol -eq 'Imap' -and $_.Rank -eq 1 }
        $imap.Host | Should -Be 'mail.reiki.test'
        $imap.Port | Should -Be $server.ImapsPort
        $imap.Security | Should -Be 'SslOnConnect'
        $imap.Source | Should -Be 'Autoconfig'
        $imap.SourceDetail | Should -Be "https://autoconfig.reiki.test/mail/config-v1.1.xml?emailaddress=alice%40reiki.test"
        $imap.UserName | Should -Be 'alice'
        $imap.Verified | Should -BeTrue
        $imap.CertificateValid | Should -BeTrue
        $imap.Greeting | Should -Match '^\* OK'
        $imap.AuthenticationMechanisms | Should -Contain 'PLAIN'
        $imap.Capabilities | Should -Contain 'Idle'
        $imap.Address | Should -Be '127.0.0.1'
        $smtp = $c | Where-Object { $_.Protocol -eq 'Smtp' -and $_.Rank -eq 1 }
        $smtp.Port | Should -Be $server.SubmissionsPort
        $smtp.Verified | Should -BeTrue
        $smtp.Greeting | Should -Match '^220 '
        $smtp.MaxMessageSize | Should -Be 10MB
        ($c | Where-Object { $_.Protocol -eq 'Smtp' -and $_.Port -eq $server.SubmissionPort }).Verified | Should -BeTrue -Because 'STARTTLS on submission also verifies'
        ($c | Where-Object Protocol -eq 'Pop3').Port | Should -Contain $server.Pop3sPort
        # Nothing was logged in to, so nothing was sent either.
        Get-Content -Raw $server.LogPath | Should -Not -Match 'Login: user=<alice>'
        Get-SinkCount | Should -Be 0
    }

    It 'does not verify an SRV candidate whose certificate is for another name, and says why' {
        $c = @(Find-MailServer alice@reiki.test @find -Verbose 4>&1)
        $verbose = ($c | Where-Object { $_ -is [Management.Automation.VerboseRecord] }) -join "`n"
        $srv = $c | Where-Object { $_ -is [MailTools.MailServerCandidate] -and $_.Source -eq 'Srv' }
        $srv.Host | Should -Be 'imap.reiki.test'
        $srv.Verified | Should -BeFalse
        $srv.Status | Should -Be 'CertificateUntrusted'
        $srv.Detail | Should -Match 'different host name'
        $srv.Rank | Should -BeGreaterThan 1
        $verbose | Should -Match '_pop3\._tcp\.reiki\.test: "\.": not offered'
    }

    It 'skips a malformed autoconfig file with a warning and goes on with SRV' {
        $c = @(Find-MailServer alice@broken.test @find -WarningVariable warned -WarningAction SilentlyContinue)
        "$warned" | Should -Match 'autoconfig\.broken\.test.*skipped: it is not valid XML'
        $c[0].Source | Should -Be 'Srv'
        $c[0].Host | Should -Be 'mail.reiki.test'
        $c[0].Verified | Should -BeTrue
    }

    It 'refuses a redirect to another domain and follows one within the domain' {
        $c = @(Find-MailServer alice@redirect.test @find -WarningVariable warned -WarningAction SilentlyContinue)
        "$warned" | Should -Match 'redirect to evil\.test refused'
        $c.Host | Should -Not -Contain 'mail.evil.test'
        $c[0].SourceDetail | Should -Be 'https://autoconfig.redirect.test/mail/moved.xml'
        $c[0].Verified | Should -BeTrue
    }

    It 'refuses autoconfig over plain HTTP unless -AllowInsecureDiscovery, and then warns' {
        $e = Get-Failure { Find-MailServer alice@plain.test @find -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -BeLike 'MailToolsMailServerNotFound*'
        "$e" | Should -Match 'add -AllowInsecureDiscovery'
        $c = @(Find-MailServer alice@plain.test @find -AllowInsecureDiscovery -WarningVariable warned -WarningAction SilentlyContinue)
        $c[0].SourceDetail | Should -BeLike 'http://autoconfig.plain.test/*'
        "$warned" | Should -Match 'plain HTTP'
    }

    It 'asks the ISPDB for the MX host''s domain' {
        $c = @(Find-MailServer alice@mxonly.test @find)
        $c[0].Source | Should -Be 'Ispdb'
        $c[0].SourceDetail | Should -Be 'https://ispdb.fixture.test/v1.1/hoster.test'
        $c[0].Verified | Should -BeTrue
    }

    It 'probes the common host names on the standard ports when nothing else is published' {
        $c = @(Find-MailServer alice@guess.test @find)
        $imap = $c | Where-Object { $_.Protocol -eq 'Imap' -and $_.Rank -eq 1 }
        $imap.Host | Should -Be 'imap.guess.test'
        $imap.Port | Should -Be 993
        $imap.Source | Should -Be 'HostName'
        $imap.Verified | Should -BeTrue
        ($c | Where-Object { $_.Protocol -eq 'Smtp' -and $_.Rank -eq 1 }).Port | Should -Be 465
        $c.Protocol | Should -Not -Contain 'Pop3' -Because 'no pop. name resolves'
    }

    It 'names every source tried when the domain does not exist' {
        $e = Get-Failure { Find-MailServer nobody@nowhere.test @find -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -BeLike 'MailToolsMailServerNotFound*'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        foreach ($source in 'https://autoconfig.nowhere.test/mail/config-v1.1.xml', 'https://nowhere.test/.well-known/autoconfig/mail/config-v1.1.xml',
            'ISPDB https://ispdb.fixture.test/v1.1/nowhere.test', 'MX nowhere.test', 'SRV _imaps._tcp.nowhere.test', 'SRV _submission._tcp.nowhere.test',
            'host name imap.nowhere.test', 'host name smtp.nowhere.test') {
            "$e" | Should -Match ([regex]::Escape($source))
        }
        "$e" | Should -Match 'does not exist'
    }

    It 'stays within -TimeoutSeconds when a server accepts and never answers' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $c = @(Find-MailServer alice@slow.test -Protocol Imap -DnsServer $dns.Server -TimeoutSeconds 4)
        $watch.Stop()
        $c.Count | Should -Be 2
        $c.Verified | Should -Not -Contain $true
        $c[0].Detail | Should -Be 'no answer in time'
        # The stalled server would hold a connection forever; the whole lookup must end with the 4 s budget (plus start-up).
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 9
    }

    It '-Offline answers from what this session already found' {
        $online = @(Find-MailServer alice@reiki.test @find)
        $offline = @(Find-MailServer alice@reiki.test -Offline -DnsServer $dns.Server)
        ($offline | ForEach-Object { "$($_.Protocol) $($_.Host):$($_.Port) $($_.Verified)" }) |
            Should -Be ($online | ForEach-Object { "$($_.Protocol) $($_.Host):$($_.Port) $($_.Verified)" })
    }

    It 'fits 80 columns and exports cleanly' {
        $c = @(Find-MailServer alice@reiki.test @find)
        $table = $c | Format-Table | Out-String -Width 80
        $table | Should -Match 'Proto +# Host +Port Security Source +Verified'
        $table | Should -Match 'IMAP +1 mail\.reiki\.test'
        ($table -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        $csv = $c | ConvertTo-Csv | ConvertFrom-Csv
        $csv[0].Protocol | Should -Be 'Imap'
        $csv[0].Source | Should -Be 'Autoconfig'
        ($c | ConvertTo-Json -Depth 3 -EnumsAsStrings | ConvertFrom-Json)[0].Security | Should -Be 'SslOnConnect'
    }
}

Describe '-EmailAddress on the other cmdlets' {
    BeforeAll {
        $script:config = Join-Path $TestDrive 'accounts'
        $script:savedConfig = $env:MAILTOOLS_CONFIG
        $env:MAILTOOLS_CONFIG = $config
    }
    AfterAll {
        $env:MAILTOOLS_CONFIG = $script:savedConfig
        Disconnect-MailServer -All
    }

    It 'Connect-MailServer uses the best verified candidate and says which' {
        $out = @(Connect-MailServer -EmailAddress alice@reiki.test -Credential $alice.Credential -DnsServer $dns.Server -Verbose 4>&1)
        $session = $out | Where-Object { $_ -is [MailTools.MailSession] }
        $session.Server | Should -Be 'mail.reiki.test'
        $session.Port | Should -Be $server.ImapsPort
        (Get-MailFolder -Session $session).Count | Should -BeGreaterThan 1
        ($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] }) -join "`n" |
            Should -Match "Using IMAP mail\.reiki\.test:$($server.ImapsPort) \(SslOnConnect\), from Autoconfig"
    }

    It 'Connect-MailServer -Server wins over the address (no discovery at all)' {
        $session = Connect-MailServer -EmailAddress alice@nowhere.test -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -Credential $alice.Credential
        $session.Server | Should -Be '127.0.0.1'
    }

    It 'Connect-MailServer refuses a candidate whose certificate does not match, naming it and why' {
        $e = Get-Failure { Connect-MailServer -EmailAddress alice@mismatch.test -Credential $alice.Credential -DnsServer $dns.Server -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -BeLike 'MailToolsNoVerifiedMailServer*'
        "$e" | Should -Match 'imap\.reiki\.test.*different host name'
        "$e" | Should -Match 'No password was sent'
    }

    It 'Register-MailAccount stores what was found' {
        Register-MailAccount reiki -EmailAddress alice@reiki.test -UserName alice -DnsServer $dns.Server
        $a = Get-MailAccount reiki
        $a.Server | Should -Be 'mail.reiki.test'
        $a.Port | Should -Be $server.ImapsPort
        $a.Pop3Server | Should -Be 'mail.reiki.test'
        $a.Pop3Port | Should -Be $server.Pop3sPort
        $a.SmtpServer | Should -Be 'mail.reiki.test'
        $a.SmtpPort | Should -Be $server.SubmissionsPort
        $a.EmailAddress | Should -Be 'alice@reiki.test'
        $a.DnsServer | Should -Be $dns.Server
        (Connect-MailServer -Account reiki -Credential $alice.Credential).Server | Should -Be 'mail.reiki.test'
    }

    It 'Test-MailAccount -EmailAddress -Smtp checks sending with AUTH only: accepted, and nothing sent' {
        $r = Test-MailAccount -EmailAddress alice@reiki.test -Credential $alice.Credential -DnsServer $dns.Server -Smtp
        $r.Success | Should -BeTrue
        $r.SmtpSuccess | Should -BeTrue
        $r.SmtpServer | Should -Be 'mail.reiki.test'
        $r.SmtpPort | Should -Be $server.SubmissionsPort
        $r.SmtpAuthenticationMechanisms | Should -Contain 'PLAIN'
        $r.SmtpMaxMessageSize | Should -Be 10MB
        Get-Content -Raw $server.LogPath | Should -Match 'submission-login: Info: Login: user=<alice>, method=PLAIN'
        Get-SinkCount | Should -Be 0
    }

    It 'Test-MailAccount -Smtp with a wrong password: sending refused, said in plain words' {
        $r = Test-MailAccount -EmailAddress alice@reiki.test -Credential $wrong -DnsServer $dns.Server -Smtp
        $r.Success | Should -BeFalse
        $r.SmtpSuccess | Should -BeFalse
        $r.SmtpError | Should -Match 'refused'
        Get-SinkCount | Should -Be 0
    }

    It 'Compare-MailProtocol -EmailAddress compares the servers found, with the sending side' {
        $c = Compare-MailProtocol -EmailAddress alice@reiki.test -Credential $alice.Credential -DnsServer $dns.Server
        $c.ImapServer | Should -Be 'mail.reiki.test'
        $c.SmtpServer | Should -Be 'mail.reiki.test'
        $c.SmtpLogin | Should -Be 'Accepted'
        ($c.Rows | Where-Object Aspect -eq 'Sending (SMTP)').Imap | Should -Match "^$($server.SubmissionsPort) TLS: yes \(TLS 1\.\d\); login: OK$"
        Get-SinkCount | Should -Be 0
    }
}

Describe 'Compare-MailProtocol: the sending side' {
    It 'checks each submission port (TLS first, then STARTTLS on a port that is not 465/587), AUTH only' {
        $c = Compare-MailProtocol -Server 127.0.0.1 -Credential $alice.Credential -ImapPort $server.ImapsPort -Pop3Port $server.Pop3sPort `
            -SmtpPort $server.SubmissionsPort, $server.SubmissionPort
        ($c.Rows | Where-Object Aspect -eq 'Sending (SMTP)').Imap |
            Should -Match "^$($server.SubmissionsPort) TLS: yes \(TLS 1\.\d\); $($server.SubmissionPort) STARTTLS: yes \(TLS 1\.\d\); login: OK$"
        ($c.Rows | Where-Object Aspect -eq 'Sending limits').Imap | Should -Be 'SIZE: 10 MB; AUTH: LOGIN PLAIN'
        $c.SmtpAvailable | Should -BeTrue
        $c.SmtpAuthenticationMechanisms | Should -Be @('LOGIN', 'PLAIN')
        $c.Recommendation | Should -Match "Copies of sent mail: IMAP clients keep them in 'Sent' on the server"
        $c.Recommendation | Should -Match 'keeps what it sends only on itself: there is no copy on the server'
        Get-SinkCount | Should -Be 0
    }
}

Describe 'Set-MailAccount: the sending side of a saved account' {
    It 'stores -SmtpServer, -SmtpPort and -DnsServer, which Test-MailAccount -Smtp then uses' {
        $saved = $env:MAILTOOLS_CONFIG
        $env:MAILTOOLS_CONFIG = Join-Path $TestDrive 'set-accounts'
        try {
            Register-MailAccount local 127.0.0.1 -UserName alice -Port $server.ImapsPort -Security SslOnConnect
            Set-MailAccount local -SmtpServer mail.reiki.test -SmtpPort $server.SubmissionPort -DnsServer $dns.Server
            $a = Get-MailAccount local
            ($a.SmtpServer, $a.SmtpPort, $a.DnsServer) | Should -Be @('mail.reiki.test', $server.SubmissionPort, $dns.Server)
            $r = Test-MailAccount local -Credential $alice.Credential -Smtp
            $r.SmtpSuccess | Should -BeTrue
            $r.SmtpServer | Should -Be 'mail.reiki.test'
            $r.SmtpSecurity | Should -Be 'StartTls'
            Get-SinkCount | Should -Be 0
        }
        finally { $env:MAILTOOLS_CONFIG = $saved }
    }
}
