# Compare-MailProtocol against real Dovecots: IMAP+POP3, IMAP only, POP3 only, and with a quota.
# Every number is checked against Dovecot itself (doveadm) and a separate POP3 STAT/UIDL; the comparison must not
# change one byte of the mail on disk.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1

    function Get-MaildirFingerprint([string] $MailDir) {
        # Every message file (path carries the flags: ":2,FS") with its content hash. Dovecot's own index and cache
        # files (dovecot.index*, dovecot-uidlist, ...) are left out: the server rewrites them on any read, and they
        # hold no mail.
        Get-ChildItem -LiteralPath $MailDir -Recurse -File -Force |  # -Force: Maildir++ folders are dot-directories
            Where-Object { $_.Directory.Name -in 'cur', 'new', 'tmp' } |
            Sort-Object FullName |
            ForEach-Object { '{0} {1}' -f $_.FullName.Substring($MailDir.Length), (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash }
    }

    function Get-Pop3Stat($Server, $User) {
        # An independent POP3 look (MailKit directly, not MailTools): STAT, then UIDL, then QUIT.
        $pop = [MailKit.Net.Pop3.Pop3Client]::new()
        $pop.CheckCertificateRevocation = $false  # the run's CA publishes no CRL
        try {
            $pop.Connect($Server.Host, $Server.Pop3sPort, [MailKit.Security.SecureSocketOptions]::SslOnConnect)
            $pop.Authenticate($User.Credential.GetNetworkCredential())
            $count = $pop.GetMessageCount()
            [pscustomobject]@{ Count = $count; Size = $pop.Size; Uids = @(if ($count) { $pop.GetMessageUids() }) }
        }
        finally { $pop.Disconnect($true); $pop.Dispose() }
    }

    function Get-ComparisonError([scriptblock] $Call) {
        try { & $Call; throw 'Compare-MailProtocol did not fail.' }
        catch [System.Management.Automation.RuntimeException] { if ($_.Exception.Message -eq 'Compare-MailProtocol did not fail.') { throw }; return $_ }
    }

    function Invoke-Comparison($Server, $User, [hashtable] $Extra = @{}) {
        $ports = @{}
        if ($Server.ImapPort) { $ports.ImapPort = $Server.ImapsPort, $Server.ImapPort } else { $ports.ImapPort = Get-TestFreePort -Count 2 }
        if ($Server.Pop3Port) { $ports.Pop3Port = $Server.Pop3sPort, $Server.Pop3Port } else { $ports.Pop3Port = Get-TestFreePort -Count 2 }
        Compare-MailProtocol -Server $Server.Host -Credential $User.Credential @ports @Extra
    }
}

Describe 'Compare-MailProtocol on a server with IMAP and POP3' {
    BeforeAll {
        $server = Start-TestMailServer -Users alice -Profile Small
        $alice = $server.Users[0]
        # A flagged and an answered message in the inbox, so the read-state row has something to show.
        $bytes = [Text.Encoding]::ASCII.GetBytes("From: Ann <ann@example.com>`r`nTo: alice@example.com`r`nSubject: Flagged`r`nDate: Mon, 3 Nov 2025 09:00:00 +0000`r`nMessage-ID: <flagged-1@example.com>`r`n`r`nPlease keep.`r`n")
        $null = Add-TestMessage -Server $server -User alice -Bytes $bytes -Flags '\Flagged \Answered'

        $status = @(Get-TestMailboxStatus -Server $server -User alice)
        $before = Get-MaildirFingerprint $alice.MailDir
        $flagsBefore = Invoke-TestDoveadm $server -f tab fetch -u alice 'mailbox uid flags' all
        $comparison = Invoke-Comparison $server $alice -Extra @{ ErrorVariable = 'comparisonErrors'; WarningVariable = 'comparisonWarnings' }
        $after = Get-MaildirFingerprint $alice.MailDir
        $flagsAfter = Invoke-TestDoveadm $server -f tab fetch -u alice 'mailbox uid flags' all
        $pop3 = Get-Pop3Stat $server $alice
        $inbox = $status | Where-Object Mailbox -eq 'INBOX'
        $others = @($status | Where-Object Mailbox -ne 'INBOX')
        function Row([string] $Aspect) { $comparison.Rows | Where-Object Aspect -eq $Aspect }
    }
    AfterAll {
        Disconnect-MailServer -All
        if ($server) { Stop-TestMailServer $server }
    }

    It 'returns one MailTools.ProtocolComparison with thirteen rows (two for sending), no error and no warning' {
        $comparison | Should -HaveCount 1
        $comparison | Should -BeOfType ([MailTools.ProtocolComparison])
        $comparisonErrors | Should -BeNullOrEmpty
        $comparisonWarnings | Should -BeNullOrEmpty
        $comparison.Rows.Aspect | Should -Be @('Reachable and secure', 'Messages visible', 'Inbox agreement', 'Deletion', 'Leave on server',
            'Read state and flags', 'Sent items', 'Real-time updates', 'Server storage', 'Offline access', 'Sending (SMTP)', 'Sending limits',
            'Recommendation')
        foreach ($row in $comparison.Rows) {
            $row.Imap | Should -Not -BeNullOrEmpty -Because "$($row.Aspect) has an IMAP cell"
            $row.Pop3 | Should -Not -BeNullOrEmpty -Because "$($row.Aspect) has a POP3 cell"
            $row.Meaning | Should -Not -BeNullOrEmpty -Because "$($row.Aspect) says what it means"
        }
    }

    It 'reports all four ports and modes as answering over TLS 1.2 or later, and the login as working' {
        $comparison.Probes | Should -HaveCount 4
        foreach ($p in $comparison.Probes) {
            $p.Status | Should -Be 'Answered'
            $p.TlsVersion | Should -Match '^Tls1[23]$'
        }
        ($comparison.Probes | Where-Object { $_.Protocol -eq 'Imap' -and $_.Port -eq $server.ImapsPort }).Security | Should -Be 'SslOnConnect'
        ($comparison.Probes | Where-Object { $_.Protocol -eq 'Imap' -and $_.Port -eq $server.ImapPort }).Security | Should -Be 'StartTls'
        ($comparison.Probes | Where-Object { $_.Protocol -eq 'Pop3' -and $_.Port -eq $server.Pop3sPort }).Security | Should -Be 'SslOnConnect'
        ($comparison.Probes | Where-Object { $_.Protocol -eq 'Pop3' -and $_.Port -eq $server.Pop3Port }).Security | Should -Be 'StartTls'
        $comparison.ImapAvailable | Should -BeTrue
        $comparison.Pop3Available | Should -BeTrue
        (Row 'Reachable and secure').Imap | Should -BeLike "$($server.ImapsPort) TLS: yes (TLS 1.*); $($server.ImapPort) STARTTLS: yes (TLS 1.*); login: OK"
        (Row 'Reachable and secure').Pop3 | Should -BeLike "$($server.Pop3sPort) TLS: yes (TLS 1.*); $($server.Pop3Port) STARTTLS: yes (TLS 1.*); login: OK"
    }

    It 'counts every IMAP folder, message, byte and unread message exactly as doveadm mailbox status does' {
        $comparison.ImapFolderCount | Should -Be $status.Count
        $comparison.ImapMessageCount | Should -Be ($status | Measure-Object Messages -Sum).Sum
        $comparison.ImapSize | Should -Be ($status | Measure-Object VSize -Sum).Sum
        $comparison.UnreadCount | Should -Be ($status | Measure-Object Unseen -Sum).Sum
        $comparison.InboxCount | Should -Be $inbox.Messages
        $comparison.InboxSize | Should -Be $inbox.VSize
        $comparison.SentFolder | Should -Be 'Sent'
        $comparison.SentCount | Should -Be ($status | Where-Object Mailbox -eq 'Sent').Messages
        foreach ($s in $status) {
            $f = $comparison.Folders | Where-Object FullName -ceq $s.Mailbox
            $f.Count | Should -Be $s.Messages -Because $s.Mailbox
            $f.Size | Should -Be $s.VSize -Because $s.Mailbox
        }
        $comparison.ImapMessageCount | Should -BeGreaterThan $comparison.InboxCount
    }

    It 'matches a separate POP3 STAT and UIDL, and the IMAP inbox' {
        $comparison.Pop3Count | Should -Be $pop3.Count
        $comparison.Pop3Size | Should -Be $pop3.Size
        $comparison.Pop3UidCount | Should -Be @($pop3.Uids | Select-Object -Unique).Count
        $comparison.Pop3Count | Should -Be $inbox.Messages
        $comparison.Pop3Size | Should -Be $inbox.VSize
        (Row 'Inbox agreement').Imap | Should -BeLike "INBOX: $($inbox.Messages) messages (*)"
        (Row 'Inbox agreement').Pop3 | Should -BeLike "STAT: $($pop3.Count) messages (*)"
        (Row 'Inbox agreement').Meaning | Should -Be "Both see the same $($pop3.Count) messages in the inbox."
    }

    It 'counts the mail in Sent, Archive, Newsletters and every other folder as invisible to POP3' {
        $withMail = @($others | Where-Object Messages -gt 0)
        $comparison.InvisibleToPop3Count | Should -Be ($others | Measure-Object Messages -Sum).Sum
        $comparison.InvisibleToPop3Size | Should -Be ($others | Measure-Object VSize -Sum).Sum
        $comparison.InvisibleToPop3FolderCount | Should -Be $withMail.Count
        foreach ($name in 'Sent', 'Archive', 'Newsletters') {
            ($comparison.Folders | Where-Object FullName -eq $name).VisibleToPop3 | Should -BeFalse
            $withMail.Mailbox | Should -Contain $name
        }
        ($comparison.Folders | Where-Object FullName -eq 'INBOX').VisibleToPop3 | Should -BeTrue
        (Row 'Messages visible').Meaning | Should -BeLike "$($comparison.InvisibleToPop3Count) messages (*) in $($withMail.Count) other folders are invisible to a POP3 client: *"
        (Row 'Messages visible').Pop3 | Should -BeLike "$($pop3.Count) messages (*), inbox only"
    }

    It 'puts the measured numbers into the deletion, read-state, sent, leave-on-server and real-time rows' {
        (Row 'Deletion').Pop3 | Should -BeLike "'delete after download' would remove $($pop3.Count) messages (*)"
        (Row 'Deletion').Meaning | Should -Match 'vanish from your phone'
        $flaggedInInbox = @(Invoke-TestDoveadm $server -f tab fetch -u alice uid mailbox INBOX FLAGGED).Count - 1  # minus the header
        $comparison.InboxFlaggedCount | Should -Be $flaggedInInbox
        $flaggedInInbox | Should -BeGreaterThan 0
        (Row 'Read state and flags').Imap | Should -Be "kept on the server: $($comparison.UnreadCount) unread, $flaggedInInbox flagged in the inbox"
        (Row 'Sent items').Imap | Should -Be "'Sent': $($comparison.SentCount) messages"
        (Row 'Leave on server').Pop3 | Should -Be 'UIDL: yes, TOP: yes, PIPELINING: yes'
        (Row 'Real-time updates').Imap | Should -Match '^IDLE: yes'
        (Row 'Server storage').Imap | Should -BeLike '* in all folders (no quota reported)'
        $comparison.QuotaLimit | Should -BeNullOrEmpty
    }

    It 'recommends IMAP in plain words and warns what POP3 deletion would take away' {
        $comparison.Recommendation | Should -BeLike 'Use IMAP on every device*'
        $comparison.Recommendation | Should -Match "take $($pop3.Count) messages \(.+\) off the server"
        (Row 'Recommendation').Meaning | Should -Be $comparison.Recommendation
    }

    It 'is read-only: every message file, its name (flags) and content are identical before and after' {
        $before.Count | Should -Be ($status | Measure-Object Messages -Sum).Sum
        $after | Should -Be $before
        # \Recent is left out: it is a per-session marker (RFC 3501 2.3.2, dropped by IMAP4rev2, RFC 9051) kept in
        # Dovecot's index, not in the mail files, and Dovecot's POP3 login itself clears it before any command.
        $persistent = {
            param($lines)
            foreach ($line in $lines) {
                $mailbox, $uid, $flags = $line -split "`t", 3
                "$mailbox $uid " + ((-split $flags | Where-Object { $_ -ne '\Recent' } | Sort-Object) -join ' ')
            }
        }
        $stored = & $persistent $flagsBefore
        @($stored | Where-Object { $_ -match '\\(Seen|Flagged|Answered)' }).Count | Should -BeGreaterThan 10
        @($stored | Where-Object { $_ -match '\$' }).Count | Should -BeGreaterThan 0 -Because 'keywords ($Forwarded, ...) are checked too'
        & $persistent $flagsAfter | Should -Be $stored
    }

    It 'compares two open sessions too, and leaves them open' {
        $imap = Connect-TestSession -Server $server
        $pop = Connect-TestSession -Server $server -Protocol Pop3
        try {
            $c = Compare-MailProtocol -ImapSession $imap -Pop3Session $pop
            $c.ImapMessageCount | Should -Be $comparison.ImapMessageCount
            $c.Pop3Count | Should -Be $comparison.Pop3Count
            $c.Probes | Should -HaveCount 0
            ($c.Rows | Where-Object Aspect -eq 'Reachable and secure').Imap | Should -BeLike "$($imap.Port) TLS: yes (TLS 1.*); login: OK"
            # By property name, as an account object would carry them.
            $byName = [pscustomobject]@{ ImapSession = $imap; Pop3Session = $pop } | Compare-MailProtocol
            $byName.InvisibleToPop3Count | Should -Be $comparison.InvisibleToPop3Count
            $imap.IsConnected | Should -BeTrue
            $pop.IsConnected | Should -BeTrue
            $imapOnly = Compare-MailProtocol -ImapSession $imap
            $imapOnly.Pop3Available | Should -BeNullOrEmpty
            $imapOnly.Recommendation | Should -Match 'POP3 was not checked'
        }
        finally { Disconnect-MailServer -All }
    }

    It 'refuses a session of the wrong protocol with a clear error' {
        $pop = Connect-TestSession -Server $server -Protocol Pop3
        try {
            $err = Get-ComparisonError { Compare-MailProtocol -ImapSession $pop }
            $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsInvalidArgument*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match '-ImapSession got a POP3 session'
        }
        finally { Disconnect-MailServer -All }
    }

    It 'gives clean JSON for scripts: plain data, no session, no MailKit object, no cycle' {
        $json = $comparison | ConvertTo-Json -Depth 5 -WarningVariable jsonWarnings
        $jsonWarnings | Should -BeNullOrEmpty -Because 'nothing is deeper than 5 levels'
        $json | Should -Not -Match 'MailKit|"Session"|"Client"'
        $back = $json | ConvertFrom-Json
        $back.ImapMessageCount | Should -Be $comparison.ImapMessageCount
        $back.Pop3Count | Should -Be $comparison.Pop3Count
        $back.Rows | Should -HaveCount 13
        $back.Rows[1].Aspect | Should -Be 'Messages visible'
        $back.Recommendation | Should -Be $comparison.Recommendation
    }

    It 'reads well at 80 columns: the default view and Format-Table -Wrap keep every line and every word' {
        foreach ($text in @(
                ($comparison.Rows | Format-Table -Wrap | Out-String -Width 80),
                [MailTools.Core.Compare.ComparisonText]::Render($comparison, 79))) {
            $lines = $text -split "`n"
            $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
            $words = -split $text
            @(-split $comparison.Recommendation | Where-Object { $_ -cnotin $words }) | Should -BeNullOrEmpty -Because 'no word is cut in two'
            $text | Should -Match 'What it means'
        }
        $default = $comparison | Out-String
        $default | Should -Match "IMAP and POP3 for $($alice.UserName)@"
        $default | Should -Match 'Aspect +IMAP +POP3 +What it means'
    }

    It 'reports a wrong password as MailToolsAuthenticationFailed, naming server and user, without the password' {
        $bad = [pscredential]::new('alice', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        $err = Get-ComparisonError { Compare-MailProtocol -Server $server.Host -ImapPort $server.ImapsPort -Pop3Port $server.Pop3sPort -Credential $bad }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match ([regex]::Escape($server.Host))
        $err.Exception.Message | Should -Match "'alice'"
        "$err $($err.ErrorDetails.RecommendedAction)" | Should -Not -Match 'not-the-password'
        $err.ErrorDetails.RecommendedAction | Should -Match 'password'
    }
}

Describe 'Compare-MailProtocol when one protocol is missing' {
    It 'on an IMAP-only server shows POP3 as "not offered", still recommends sensibly, and raises no error' {
        $server = Start-TestMailServer -Users carol -NoPop3
        try {
            $carol = $server.Users[0]
            $bytes = [Text.Encoding]::ASCII.GetBytes("From: a@example.com`r`nSubject: one`r`n`r`nbody`r`n")
            $null = Add-TestMessage -Server $server -User carol -Bytes $bytes
            $null = Add-TestMessage -Server $server -User carol -Mailbox Archive -Bytes $bytes
            $c = Invoke-Comparison $server $carol -Extra @{ ErrorVariable = 'errs' }
            $errs | Should -BeNullOrEmpty
            $c.ImapAvailable | Should -BeTrue
            $c.Pop3Available | Should -BeFalse
            $c.Pop3Count | Should -BeNullOrEmpty
            $c.ImapMessageCount | Should -Be 2
            $c.InvisibleToPop3Count | Should -Be 1
            @($c.Probes | Where-Object Protocol -eq 'Pop3').Status | Sort-Object -Unique | Should -Be 'NotOffered'
            ($c.Rows | Where-Object Aspect -eq 'Reachable and secure').Pop3 | Should -Match '^\d+ TLS: not offered; \d+ TLS: not offered$'
            foreach ($row in $c.Rows | Where-Object Aspect -notin 'Reachable and secure', 'Recommendation', 'Sending (SMTP)', 'Sending limits') {
                $row.Pop3 | Should -Be 'not offered' -Because $row.Aspect
            }
            $c.Recommendation | Should -Match 'only be used over IMAP'
            $c.Recommendation | Should -Match 'not offered'
            $c.Recommendation | Should -Not -Match 'delete after download'
        }
        finally { Stop-TestMailServer $server }
    }

    It 'on a POP3-only server shows IMAP as "not offered" and recommends leaving a copy on the server' {
        $server = Start-TestMailServer -Users dave -NoImap
        try {
            $dave = $server.Users[0]
            $bytes = [Text.Encoding]::ASCII.GetBytes("From: a@example.com`r`nSubject: one`r`n`r`nbody`r`n")
            1..3 | ForEach-Object { $null = Add-TestMessage -Server $server -User dave -Bytes $bytes }
            $inbox = Get-TestMailboxStatus -Server $server -User dave -Mailbox INBOX
            $c = Invoke-Comparison $server $dave -Extra @{ ErrorVariable = 'errs' }
            $errs | Should -BeNullOrEmpty
            $c.ImapAvailable | Should -BeFalse
            $c.Pop3Available | Should -BeTrue
            $c.Pop3Count | Should -Be 3
            $c.Pop3Size | Should -Be $inbox.VSize
            $c.ImapMessageCount | Should -BeNullOrEmpty
            ($c.Rows | Where-Object Aspect -eq 'Messages visible').Imap | Should -Be 'not offered'
            ($c.Rows | Where-Object Aspect -eq 'Deletion').Pop3 | Should -BeLike "'delete after download' would remove 3 messages (*)"
            $c.Recommendation | Should -Match 'only be read over POP3'
            $c.Recommendation | Should -Match "leave a copy on the server"
        }
        finally { Stop-TestMailServer $server }
    }

    It 'reports a server where nothing answers as MailToolsConnectionRefused, naming the ports it tried' {
        $ports = Get-TestFreePort -Count 2
        $cred = [pscredential]::new('nobody', (ConvertTo-SecureString 'x' -AsPlainText -Force))
        $err = Get-ComparisonError { Compare-MailProtocol -Server 127.0.0.1 -ImapPort $ports[0] -Pop3Port $ports[1] -Security SslOnConnect -Credential $cred }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsConnectionRefused*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match "Neither IMAP nor POP3 answered securely on 127\.0\.0\.1"
        $err.Exception.Message | Should -Match "IMAP $($ports[0]) TLS: nothing listening"
        $err.ErrorDetails.RecommendedAction | Should -Match '-ImapPort'
    }
}

Describe 'Compare-MailProtocol with a quota' {
    It 'shows storage used and limit from the IMAP QUOTA extension' {
        $server = Start-TestMailServer -Users erin -Quota '50M'
        try {
            $erin = $server.Users[0]
            $body = 'x' * 200000
            $bytes = [Text.Encoding]::ASCII.GetBytes("From: a@example.com`r`nSubject: big`r`n`r`n$body`r`n")
            1..2 | ForEach-Object { $null = Add-TestMessage -Server $server -User erin -Bytes $bytes }
            # doveadm quota get: the STORAGE line's Value and Limit, in KiB.
            $quota = @(Invoke-TestDoveadm $server -f tab quota get -u erin | ConvertFrom-Csv -Delimiter "`t") | Where-Object Type -eq 'STORAGE'
            $c = Invoke-Comparison $server $erin
            $c.QuotaLimit | Should -Be (50MB)
            $c.QuotaLimit | Should -Be ([long]$quota.Limit * 1024)
            $c.QuotaUsed | Should -Be ([long]$quota.Value * 1024)
            $c.QuotaUsed | Should -BeGreaterThan 390KB
            ($c.Rows | Where-Object Aspect -eq 'Server storage').Imap | Should -Match '^\d+(\.\d)? KB of 50 MB used \(\d+(\.\d)?%\)$'
            ($c.Rows | Where-Object Aspect -eq 'Server storage').Meaning | Should -Match 'Plenty of room'
        }
        finally { Stop-TestMailServer $server }
    }
}

Describe 'Compare-MailProtocol -Reference' {
    It 'prints the general comparison with no server, in the same rows' {
        $r = Compare-MailProtocol -Reference
        $r.IsReference | Should -BeTrue
        $r.ImapAvailable | Should -BeNullOrEmpty
        $r.Probes | Should -HaveCount 0
        $r.Rows | Should -HaveCount 13
        ($r.Rows | Where-Object Aspect -eq 'Sending (SMTP)').Imap | Should -Match '465 with TLS, or 587 with STARTTLS'
        ($r.Rows | Where-Object Aspect -eq 'Deletion').Pop3 | Should -Match 'delete after download'
        $r.Recommendation | Should -Match 'use IMAP'
        ($r | Out-String) | Should -Match 'IMAP and POP3 in general'
        ($r | ConvertTo-Json -Depth 5 | ConvertFrom-Json).Rows[0].Aspect | Should -Be 'Reachable and secure'
    }
}
