# Get-MailMessage after a dropped connection, against a real Dovecot: a pass-through proxy (tests/TestServer/FaultProxy)
# resets the first connection in the middle of the header listing; MailTools reconnects (the proxy's second connection
# is not cut) and carries on. What it wrote is checked against Dovecot itself (doveadm), not against MailTools.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    Import-Module (Join-Path $PSScriptRoot 'TestServer/FaultProxy.psm1') -Force
    $server = Start-TestMailServer -Users alice
    $alice = $server.Users[0]
    # 3,000 small messages in one folder, straight into the Maildir: the header listing is ~1 MB, several FETCH batches.
    $folderDir = Join-Path $alice.MailDir '.Listing'
    foreach ($sub in 'cur', 'new', 'tmp') { $null = New-Item -ItemType Directory -Force -Path (Join-Path $folderDir $sub) }
    $null = New-Item -ItemType File -Force -Path (Join-Path $folderDir 'maildirfolder')
    for ($i = 1; $i -le 3000; $i++) {
        $text = "From: sender$($i % 17)@example.org`nTo: alice@example.org`nSubject: listing test $i`nDate: Mon, 01 Apr 2024 10:00:00 +0000`nMessage-ID: <listing-$i@mailtools.test>`n`nBody $i.`n"
        [IO.File]::WriteAllText((Join-Path $folderDir "cur/1700000000.M${i}P1.mailtools:2,S"), $text)
    }
    if ($server.MailUid) { $null = & chown -R "$($server.MailUid):$($server.MailGid)" $folderDir }
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Get-MailMessage after a dropped connection (real Dovecot through a cutting proxy)' {
    It 'reconnects when the connection is reset mid-listing and writes each message exactly once' {
        $serverUids = @(Invoke-TestDoveadm $server -f tab fetch -u alice uid mailbox Listing all | Select-Object -Skip 1 | ForEach-Object { [uint32]"$_".Trim() })
        $serverUids.Count | Should -Be 3000
        # Only the first connection is cut, after 400 KB from the server: past the login and the first header batches
        # (500 messages each, ~150 KB), in the middle of the listing.
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -CutAfterBytes 400000 -OnlyConnection 1
        try {
            $s = Connect-MailServer -Server 127.0.0.1 -Port $proxy.Port -Security SslOnConnect -Credential $alice.Credential
            $out = @(Get-MailMessage -Session $s -Folder Listing -WarningAction Continue 3>&1)
            $log = Get-Content -LiteralPath $proxy.LogPath
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $proxy }
        # The proxy did cut a connection, and MailTools said it reconnected.
        @($log | Where-Object { $_ -match ': cut after \d+ bytes to client' }).Count | Should -BeGreaterOrEqual 1
        $warnings = @($out | Where-Object { $_ -is [Management.Automation.WarningRecord] })
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'was lost during the message listing; reconnecting'
        # The drop came mid-listing: some messages were written before the warning, some after.
        $at = [array]::IndexOf($out, $warnings[0])
        $at | Should -BeGreaterThan 0
        $at | Should -BeLessThan 3000
        $messages = @($out | Where-Object { $_ -is [MailTools.MailMessage] })
        $messages.Count | Should -Be 3000
        @($messages.Uid | Sort-Object -Unique).Count | Should -Be 3000
        Compare-Object ($messages.Uid | Sort-Object) ($serverUids | Sort-Object) | Should -BeNullOrEmpty
    }

    It 'with -First, stops after that many messages even across a reconnect, none twice' {
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -CutAfterBytes 400000 -OnlyConnection 1
        try {
            $s = Connect-MailServer -Server 127.0.0.1 -Port $proxy.Port -Security SslOnConnect -Credential $alice.Credential
            $messages = @(Get-MailMessage -Session $s -Folder Listing -First 2500 -WarningAction SilentlyContinue -WarningVariable warned)
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $proxy }
        $warned.Count | Should -Be 1
        $messages.Count | Should -Be 2500
        @($messages.Uid | Sort-Object -Unique).Count | Should -Be 2500
    }
}
