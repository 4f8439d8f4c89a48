# Export-MailReport against a real Dovecot, checked in a real browser: headless Chromium (no network) renders the file;
# every chart is there with the marks the account calls for, computed here from doveadm and the Maildir files on disk.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    . $PSScriptRoot/Report/Chromium.ps1
    $server = Start-TestMailServer -Users alice -Profile Small -Quota 200M
    $bare = Start-TestMailServer -Users nobody -Profile None
    $alice = $server.Users[0]
    $artifacts = Join-Path $RepoRoot 'out/test-results/report'
    New-Item -ItemType Directory -Force -Path $artifacts | Out-Null
    $session = Connect-TestSession -Server $server
    # History: a real clean-up with a deletion log, and this runspace's run summary.
    $log = Join-Path $TestDrive 'cleanup-log.csv'
    $cleaned = @(Invoke-MailCleanup -Folder '@Junk' -OlderThan 30d -Action Delete -LogPath $log -Confirm:$false)
    $policy = Join-Path $RepoRoot 'docs/examples/cleanup-policy.psd1'
    $preview = @(Invoke-MailCleanup -Policy $policy -WhatIf -ArchivePath (Join-Path $TestDrive 'arch'))
    $suggested = @(Get-MailCleanupSuggestion)
    $report = Join-Path $artifacts 'report.html'
    $file = Export-MailReport -Path $report -Policy $policy -LogPath $log -RunSummary (Get-MailRunSummary)
    $disk = python3 (Join-Path $PSScriptRoot 'Report/maildir_stats.py') $alice.MailDir | ConvertFrom-Json -AsHashtable
    $browser = Invoke-HeadlessChromium -Path $report -Screenshot (Join-Path $artifacts 'report.png')
    $charts = Get-ChartMarks $browser.Dom
}

AfterAll {
    Disconnect-MailServer -All
    if ($server) { Stop-TestMailServer $server }
    if ($bare) { Stop-TestMailServer $bare }
}

Describe 'Export-MailReport in headless Chromium' {
    It 'writes one file and returns it' {
        $file.FullName | Should -Be $report
        $file.Length | Should -BeGreaterThan 10KB
        ($cleaned | Measure-Object Acted -Sum).Sum | Should -BeGreaterThan 0 -Because 'the history needs a real clean-up'
    }

    It 'renders without console errors and a screenshot is saved' {
        $browser.Console | Should -BeNullOrEmpty
        $browser.Dom | Should -Match '<h1>What fills the mail servers</h1>'
        Join-Path $artifacts 'report.png' | Should -Exist
        (Get-Item (Join-Path $artifacts 'report.png')).Length | Should -BeGreaterThan 20KB
    }

    It 'refers to nothing outside the file' {
        $html = Get-Content -Raw $report
        $html | Should -Not -Match '\ssrc\s*='
        $html | Should -Not -Match 'url\('
        $html | Should -Not -Match '@import'
        [regex]::Matches($html, 'href="([^"]*)"') | ForEach-Object { $_.Groups[1].Value | Should -Match '^(#|data:)' }
        $html | Should -Match "default-src 'none'"
    }

    It 'draws every chart with titles, axes and the expected number of marks' {
        $status = @(Get-TestMailboxStatus -Server $server -User $alice.UserName)
        $withMail = @($status | Where-Object VSize -gt 0).Count
        $domains = @($disk.Sender.Keys | ForEach-Object { ($_ -split '@')[-1] } | Sort-Object -Unique).Count
        $expected = [ordered]@{
            'a1-usage'          = 3   # measured, quota used, quota limit
            'a1-folders'        = $withMail
            'a1-growth'         = [math]::Min(6, $withMail) + [int]($withMail -gt 6)
            'a1-age'            = 6
            'a1-sizes'          = 5
            'a1-senders-size'   = [math]::Min(10, $disk.Sender.Count)
            'a1-senders-count'  = [math]::Min(10, $disk.Sender.Count)
            'a1-domains-size'   = [math]::Min(10, $domains)
            'a1-domains-count'  = [math]::Min(10, $domains)
            'a1-suggestions'    = $suggested.Count
            'a1-policy'         = @($preview.Rule | Sort-Object -Unique).Count
            'history'           = 1
        }
        $charts.Keys | Sort-Object | Should -Be ($expected.Keys | Sort-Object)
        foreach ($id in $expected.Keys) {
            $charts[$id].Marks | Should -Be $expected[$id] -Because "chart $id"
            $charts[$id].Declared | Should -Be $charts[$id].Marks
            $charts[$id].HasTitle | Should -BeTrue
            if ($charts[$id].Kind -ne 'treemap') { $charts[$id].HasAxis | Should -BeTrue -Because "chart $id needs an axis" }
        }
        $suggested.Count | Should -BeGreaterThan 0
    }

    It 'shows the folder tiles with the sizes doveadm reports' {
        foreach ($s in Get-TestMailboxStatus -Server $server -User $alice.UserName | Where-Object VSize -gt 0) {
            $text = [MailTools.Core.Cleanup.CleanupPlan]::FormatBytes($s.VSize)
            $name = $s.Mailbox.Replace('&', '&amp;').Replace('<', '&lt;').Replace('>', '&gt;')   # as the DOM serialises text
            $browser.Dom | Should -Match ([regex]::Escape("<title>${name}: $text")) -Because "the tile of $($s.Mailbox)"
        }
    }

    It 'shows usage against quota per account with the figures Get-MailQuota gives' {
        $quota = Get-MailQuota
        $text = [MailTools.Core.Cleanup.CleanupPlan]::FormatBytes($quota.Used) + ' of ' + [MailTools.Core.Cleanup.CleanupPlan]::FormatBytes($quota.Limit)
        $browser.Dom | Should -Match ([regex]::Escape("Quota used (server's count): " + [MailTools.Core.Cleanup.CleanupPlan]::FormatBytes($quota.Used)))
        # Two accounts, one with a quota: the overview has one bar, for that one.
        $empty = Connect-TestSession -Server $bare
        try {
            $path = Join-Path $artifacts 'report-two-accounts.html'
            $session, $empty | Export-MailReport -Path $path -NoSuggestion -ErrorAction Stop | Out-Null
            $two = Invoke-HeadlessChromium -Path $path
            $two.Console | Should -BeNullOrEmpty
            $marks = Get-ChartMarks $two.Dom
            $marks['quota'].Marks | Should -Be 1
            $marks['quota'].HasAxis | Should -BeTrue
            $two.Dom | Should -Match ([regex]::Escape("$($session.Account): $($quota.PercentUsed.ToString('0.#', [cultureinfo]::InvariantCulture)) % ($text)"))
        } finally { Disconnect-MailServer -Session $empty }
    }

    It 'shows the clean-up history from the deletion log' {
        $browser.Dom | Should -Match 'Clean-up history'
        $rows = @(Import-Csv $log)
        $browser.Dom | Should -Match ("{0} message\(s\), {1}" -f $rows.Count, [regex]::Escape([MailTools.Core.Cleanup.CleanupPlan]::FormatBytes(($rows | Measure-Object Size -Sum).Sum)))
    }

    It 'prints: print rules keep charts whole' {
        Get-Content -Raw $report | Should -Match '@media print'
        Get-Content -Raw $report | Should -Match 'break-inside: avoid'
    }
}

Describe 'Export-MailReport with bad input' {
    It 'refuses an unwritable -Path before contacting any server' {
        $err = { Export-MailReport -Path '/nonexistent-folder/report.html' -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsOutputNotWritable*'
        $err.Exception.Message | Should -Match 'nonexistent-folder'
    }

    It 'writes an empty but valid report for an empty account' {
        $empty = Connect-TestSession -Server $bare
        try {
            $path = Join-Path $TestDrive 'empty.html'
            Export-MailReport -Path $path -Session $empty -ErrorAction Stop | Out-Null
            $result = Invoke-HeadlessChromium -Path $path
            $result.Console | Should -BeNullOrEmpty
            $result.Dom | Should -Match 'holds no messages'
            (Get-ChartMarks $result.Dom)['a1-usage'].Marks | Should -Be 1
        } finally { Disconnect-MailServer -Session $empty }
    }

    It 'reports a missing folder and still writes the report' {
        $path = Join-Path $TestDrive 'partial.html'
        Export-MailReport -Path $path -Folder 'INBOX', 'No Such Folder' -NoSuggestion -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsFolderNotFound*'
        $path | Should -Exist
    }
}
