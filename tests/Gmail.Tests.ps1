# Gmail's rules, against a scripted Gmail IMAP server (tests/TestServer/FaultProxy --gmail): Dovecot has no
# X-GM-EXT-1, so a small server answers as Gmail's IMAP extensions documentation describes (labels as folders,
# X-GM-LABELS, X-GM-MSGID, X-GM-RAW, [Gmail]/All Mail, [Gmail]/Trash; expunging from a label only removes the label).
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    Import-Module (Join-Path $PSScriptRoot 'TestServer/FaultProxy.psm1') -Force
    $dir = Join-Path $TestDrive 'gmail'
    $null = New-Item -ItemType Directory -Path $dir
    # A TLS certificate for 127.0.0.1 from the run's CA, so MailTools validates the scripted server like any other.
    $ca = if ($env:MAILTOOLS_TEST_CA) { $env:MAILTOOLS_TEST_CA } else { Split-Path (New-TestCertificateAuthority -Path (Join-Path $dir 'ca')).CertificatePath }
    $cnf = Join-Path $dir 'san.cnf'
    Set-Content -LiteralPath $cnf -Value "[server]`nsubjectAltName = IP:127.0.0.1, DNS:localhost`nextendedKeyUsage = serverAuth"
    $key = Join-Path $dir 'gmail.key'; $csr = Join-Path $dir 'gmail.csr'; $crt = Join-Path $dir 'gmail.crt'
    $null = & openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout $key -out $csr -subj '/CN=127.0.0.1' 2>&1
    $null = & openssl x509 -req -in $csr -CA "$ca/ca.crt" -CAkey "$ca/ca.key" -CAcreateserial -days 1 -sha256 -extfile $cnf -extensions server -out $crt 2>&1
    if (-not (Test-Path $crt)) { throw 'openssl could not sign the scripted Gmail server certificate' }

    $messages = @(
        @{ n = 1; subject = 'Invoice 1'; labels = @('\Inbox', 'Work'); date = '2019-03-01T12:00:00Z' }
        @{ n = 2; subject = 'Hello'; labels = @('\Inbox'); date = [datetime]::UtcNow.AddDays(-2).ToString('o') }
        @{ n = 3; subject = 'Project plan'; labels = @('Work'); date = '2019-05-01T12:00:00Z' }
        @{ n = 4; subject = 'Archived receipt'; labels = @(); date = '2019-06-01T12:00:00Z' }
        @{ n = 5; subject = 'Receipt 2'; labels = @('\Inbox', 'Receipts'); date = [datetime]::UtcNow.AddDays(-1).ToString('o') }
    )
    $seed = foreach ($m in $messages) {
        $file = "m$($m.n).eml"
        $text = "From: Shop <shop$($m.n)@example.org>`r`nTo: owner@gmail.example`r`nSubject: $($m.subject)`r`nDate: $(([datetime]$m.date).ToUniversalTime().ToString('r'))`r`nMessage-ID: <gmail-$($m.n)@mailtools.test>`r`n`r`nBody $($m.n).`r`n"
        [IO.File]::WriteAllText((Join-Path $dir $file), $text)
        @{ file = $file; labels = $m.labels; date = $m.date }
    }
    $seedPath = Join-Path $dir 'seed.json'
    ConvertTo-Json @($seed) -Depth 4 | Set-Content -LiteralPath $seedPath
    $password = 'app-password-' + [Guid]::NewGuid().ToString('N').Substring(0, 8)
    $cred = [pscredential]::new('owner@gmail.example', (ConvertTo-SecureString $password -AsPlainText -Force))

    function Start-Gmail { Start-TestGmailServer -SeedPath $seedPath -UserName owner@gmail.example -Password $password -TlsCertificatePath $crt -TlsKeyPath $key }
    function Connect-Gmail($Gmail) { Connect-MailServer -Server 127.0.0.1 -Port $Gmail.Port -Security SslOnConnect -Credential $cred }
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
}

Describe 'Gmail (scripted Gmail IMAP server)' {
    It 'scripted Gmail: messages show their labels, and -GmailQuery is sent as X-GM-RAW' {
        $gmail = Start-Gmail
        try {
            $s = Connect-Gmail $gmail
            $s.IsGmail | Should -BeTrue
            $all = @(Get-MailMessage -Session $s -Folder '@All')
            $found = @(Get-MailMessage -Session $s -Folder '@All' -GmailQuery 'label:work')
            $log = Get-Content -LiteralPath $gmail.LogPath
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $gmail }
        $all.Count | Should -Be 5
        ($all | Where-Object Subject -EQ 'Invoice 1').Labels | Sort-Object | Should -Be @('\Inbox', 'Work')
        ($all | Where-Object Subject -EQ 'Archived receipt').Labels.Count | Should -Be 0
        @($all.GmailMessageId | Sort-Object -Unique).Count | Should -Be 5
        @($found.Subject | Sort-Object) | Should -Be @('Invoice 1', 'Project plan')
        @($log | Where-Object { $_ -match 'UID SEARCH .*X-GM-RAW' }).Count | Should -BeGreaterThan 0
    }

    It 'scripted Gmail: -Action Delete moves to [Gmail]/Trash and expunges there, so the message is gone from every label' {
        $gmail = Start-Gmail
        try {
            $s = Connect-Gmail $gmail
            $preview = Invoke-MailCleanup -Session $s -Folder Work -Before '2020-01-01' -Action Delete -WhatIf -Verbose 4>&1
            $afterPreview = @(Get-MailMessage -Session $s -Folder '@All').Count
            $r = Invoke-MailCleanup -Session $s -Folder Work -Before '2020-01-01' -Action Delete -Force
            $allMail = @(Get-MailMessage -Session $s -Folder '@All')
            $trash = @(Get-MailMessage -Session $s -Folder '@Trash')
            $inbox = @(Get-MailMessage -Session $s -Folder INBOX)
            $log = Get-Content -LiteralPath $gmail.LogPath
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $gmail }
        # -WhatIf (and -Confirm) say what Delete means on Gmail, and change nothing.
        "$($preview | Where-Object { $_ -is [Management.Automation.VerboseRecord] })" | Should -Match 'Gmail: move to \[Gmail\]/Trash and expunge there'
        $afterPreview | Should -Be 5
        $r.Acted | Should -Be 2
        # Gone for good: not in All Mail, not in Trash, and 'Invoice 1' not left behind in INBOX either.
        @($allMail.Subject | Sort-Object) | Should -Be @('Archived receipt', 'Hello', 'Receipt 2')
        $trash.Count | Should -Be 0
        @($inbox.Subject | Sort-Object) | Should -Be @('Hello', 'Receipt 2')
        @($log | Where-Object { $_ -match 'MOVE 2 from Work to \[Gmail\]/Trash' }).Count | Should -Be 1
        @($log | Where-Object { $_ -match 'EXPUNGE 2 in \[Gmail\]/Trash' }).Count | Should -Be 1
    }

    It 'scripted Gmail: exporting every folder writes each message once (by X-GM-MSGID), with its labels in the manifest' {
        $gmail = Start-Gmail
        try {
            $s = Connect-Gmail $gmail
            $path = Join-Path $TestDrive 'gmail-export'
            $results = @(Export-Mailbox -Session $s -Path $path)
            $root = Get-ExportTree -Path $path -Session $s
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $gmail }
        $results.Folder | Should -Contain '[Gmail]/All Mail'
        $results.Folder | Should -Contain 'Work'
        ($results | Measure-Object Exported -Sum).Sum | Should -Be 5
        $files = @(Get-ChildItem -LiteralPath $root -Recurse -File -Force | Where-Object { $_.Directory.Name -in 'cur', 'new' })
        $files.Count | Should -Be 5
        $entries = @(Get-Content -LiteralPath (Join-Path $root 'manifest.jsonl') | ConvertFrom-Json)
        @($entries.gmMsgId | Sort-Object -Unique).Count | Should -Be 5
        @($entries.file | Sort-Object -Unique).Count | Should -Be 5
        $invoice = @($entries | Where-Object messageId -Match 'gmail-1@')
        $invoice.Count | Should -Be 3    # All Mail, INBOX and Work: one file, three labels
        @($invoice.file | Sort-Object -Unique).Count | Should -Be 1
        ($invoice | Where-Object folder -EQ '[Gmail]/All Mail').labels | Sort-Object | Should -Be @('\Inbox', 'Work')
    }
}

Describe 'Gmail''s daily bandwidth limit (scripted Gmail IMAP server)' {
    BeforeAll {
        # 600 small messages: an export fetches bodies in batches of 250, so the limit (300 bodies) falls in the 2nd batch.
        $bigDir = Join-Path $TestDrive 'gmail-bandwidth'
        $null = New-Item -ItemType Directory -Path $bigDir
        $bigSeed = foreach ($n in 1..600) {
            $file = "b$n.eml"
            [IO.File]::WriteAllText((Join-Path $bigDir $file), "From: list@example.org`r`nTo: owner@gmail.example`r`nSubject: Bandwidth $n`r`nDate: Mon, 01 Apr 2024 10:00:00 +0000`r`nMessage-ID: <bw-$n@mailtools.test>`r`n`r`nBody $n.`r`n")
            @{ file = $file; labels = @('\Inbox'); date = '2024-04-01T10:00:00Z' }
        }
        $bigSeedPath = Join-Path $bigDir 'seed.json'
        ConvertTo-Json @($bigSeed) -Depth 4 | Set-Content -LiteralPath $bigSeedPath
        function Start-BigGmail([int] $BandwidthMessages = -1) {
            # No limit unless asked: the harness's -BandwidthMessages takes only 0 or more.
            $limit = if ($BandwidthMessages -ge 0) { @{ BandwidthMessages = $BandwidthMessages } } else { @{} }
            Start-TestGmailServer -SeedPath $bigSeedPath -UserName owner@gmail.example -Password $password -TlsCertificatePath $crt -TlsKeyPath $key @limit
        }
        function Get-ExportedIds([string] $Root) {
            @(Get-ChildItem -LiteralPath $Root -Recurse -File -Force | Where-Object { $_.Directory.Name -in 'cur', 'new' } |
                ForEach-Object { if (((Get-Content -LiteralPath $_.FullName -TotalCount 6) -join "`n") -match '<(bw-\d+)@') { $Matches[1] } })
        }
    }

    It 'scripted Gmail: the export stops at once with MailToolsBandwidthLimitExceeded, and a re-run the next day carries on with nothing lost or doubled' {
        $path = Join-Path $TestDrive 'bandwidth-export'
        $gmail = Start-BigGmail -BandwidthMessages 300
        try {
            $s = Connect-Gmail $gmail
            $err = $null
            $first = @(Export-Mailbox -Session $s -Path $path -ConnectionCount 1 -ErrorVariable err -ErrorAction SilentlyContinue -Verbose 4>&1)
            $root = Get-ExportTree -Path $path -Session $s
            $log = Get-Content -LiteralPath $gmail.LogPath
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $gmail }
        # The scripted server refused once for the limit, and MailTools did not wait, retry or try the next folder (the
        # limit is the account's), and no wait was reported.
        $refused = @($log | Where-Object { $_ -match 'bandwidth limit: refused' })
        $refused.Count | Should -Be 1
        @($first | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -match '^Waited \d+ ms' }).Count | Should -Be 0
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsBandwidthLimitExceeded*'
        "$($err[0])" | Should -Match 'bandwidth limit'
        "$($err[0])" | Should -Match 'Account exceeded command or bandwidth limits'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'again'
        # What was fetched before the limit is on disk, each message once (the first batch of 250).
        $partial = @(Get-ExportedIds $root)
        $partial.Count | Should -Be 250
        @($partial | Sort-Object -Unique).Count | Should -Be 250

        # The next day (a new server over the same mailbox, no limit reached): the export carries on from its state.
        $gmail = Start-BigGmail
        try {
            $s = Connect-Gmail $gmail
            $second = @(Export-Mailbox -Session $s -Path $path -ConnectionCount 1)
            $log2 = Get-Content -LiteralPath $gmail.LogPath
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $gmail }
        ($second | Measure-Object Exported -Sum).Sum | Should -Be 350
        $all = @(Get-ExportedIds $root)
        $all.Count | Should -Be 600
        @($all | Sort-Object -Unique).Count | Should -Be 600
        # The re-run fetched only the bodies it did not have: no UID FETCH names a UID of the first 250.
        @($log2 | Where-Object { $_ -match 'UID FETCH \d+.*BODY\.PEEK\[\]' -and $_ -match 'UID FETCH (1:|1,|1 )' }).Count | Should -Be 0
    }
}
