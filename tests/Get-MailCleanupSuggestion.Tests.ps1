# Get-MailCleanupSuggestion against a real Dovecot: the policy it writes is read unchanged by Invoke-MailCleanup, whose
# -WhatIf gives exactly the promised counts and bytes; after the real run Measure-Mailbox shows that space gone, and
# flagged mail is still there.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    $server = Start-TestMailServer -Users alice -Profile Small
    $alice = $server.Users[0]
    $now = [datetime]::Now
    function New-Eml([string]$From, [string]$Subject, [int]$BodyLines = 3) {
        # LF line ends, as Dovecot stores them (Add-TestMessage -Raw keeps the bytes).
        $body = ('x' * 78 + "`n") * $BodyLines
        [Text.Encoding]::ASCII.GetBytes("From: $From`nTo: alice@example.com`nSubject: $Subject`nDate: $($now.ToString('r'))`n`n$body")
    }
    # What the seeder lacks: an old 12 MB message, Sent mail from three years ago, a flagged old message in Junk.
    $big = Add-TestMessage -Server $server -User $alice.UserName -Mailbox INBOX -Bytes (New-Eml 'scanner@example.net' 'Scans' 160000) -Raw -Date $now.AddYears(-2)
    $oldSent = Add-TestMessage -Server $server -User $alice.UserName -Mailbox Sent -Bytes (New-Eml 'alice@example.com' 'Old reply') -Raw -Date $now.AddYears(-3)
    $keep = Add-TestMessage -Server $server -User $alice.UserName -Mailbox Junk -Bytes (New-Eml 'prize@example.org' 'You won') -Raw -Date $now.AddDays(-60) -Flags '\Flagged'
    $session = Connect-TestSession -Server $server
    function Get-FlaggedCount { @(Invoke-TestDoveadm $server search -u $alice.UserName '(' mailbox Junk or mailbox Trash ')' flagged | Where-Object { $_ }).Count }
    $flaggedBefore = Get-FlaggedCount
    $policy = Join-Path $TestDrive 'suggested.psd1'
    $suggestions = @(Get-MailCleanupSuggestion -OutFile $policy)
}

AfterAll {
    Disconnect-MailServer -All
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Get-MailCleanupSuggestion' {
    It 'proposes the rules the account calls for, each with a count, bytes and a reason' {
        $suggestions.Rule | Should -Contain 'Old junk and trash'
        $suggestions.Rule | Should -Contain 'Big and old'
        $suggestions.Rule | Should -Contain 'Old sent mail'
        @($suggestions | Where-Object { $_.Rule -like 'Old mail from*' }).Count | Should -BeGreaterThan 0 -Because 'the seeded newsletters dominate the ordinary folders'
        foreach ($s in $suggestions) {
            $s.Count | Should -BeGreaterThan 0
            $s.Size | Should -BeGreaterThan 0
            $s.Reason | Should -Not -BeNullOrEmpty
            $s.Account | Should -Be $session.Account
        }
        ($suggestions | Where-Object Rule -eq 'Big and old').Size | Should -BeGreaterOrEqual $big.VirtualSize
        ($suggestions | Where-Object Rule -eq 'Big and old').Action | Should -Be 'Archive'
    }

    It 'never proposes flagged mail' {
        ($suggestions | Where-Object Rule -eq 'Old junk and trash').SkippedFlagged | Should -BeGreaterOrEqual 1
        $flaggedBefore | Should -BeGreaterOrEqual 1
    }

    It 'writes a commented policy file that PowerShell reads as data' {
        $text = Get-Content -Raw $policy
        $text | Should -Match '(?m)^# '
        $text | Should -Not -Match 'IncludeFlagged'
        $data = Import-PowerShellDataFile $policy
        $data.Rules.Count | Should -Be $suggestions.Count
        @($data.Rules | Where-Object { $_.ListId }).Count | Should -BeGreaterThan 0 -Because 'a dominating mailing list is named by its List-Id'
    }

    It 'gives Invoke-MailCleanup -WhatIf exactly the promised counts and bytes' {
        $plan = @(Invoke-MailCleanup -Policy $policy -WhatIf)
        foreach ($s in $suggestions) {
            $rows = @($plan | Where-Object Rule -eq $s.Rule)
            ($rows | Measure-Object Matched -Sum).Sum | Should -Be $s.Count -Because "rule '$($s.Rule)'"
            ($rows | Measure-Object Bytes -Sum).Sum | Should -Be $s.Size -Because "rule '$($s.Rule)'"
        }
        @($plan | Where-Object { $_.Rule -notin $suggestions.Rule }).Count | Should -Be 0
    }

    It 'frees exactly that space when run, and Measure-Mailbox shows it gone' {
        $before = (Measure-Mailbox | Measure-Object Size -Sum).Sum
        $done = @(Invoke-MailCleanup -Policy $policy -Confirm:$false)
        $promised = ($suggestions | Measure-Object Size -Sum).Sum
        ($done | Measure-Object ActedBytes -Sum).Sum | Should -Be $promised
        $after = (Measure-Mailbox | Measure-Object Size -Sum).Sum
        ($before - $after) | Should -Be $promised
        (Get-TestMailboxStatus -Server $server -User $alice.UserName | Measure-Object VSize -Sum).Sum | Should -Be $after
        Join-Path $TestDrive 'archive' | Should -Exist
        @(Import-Csv (Join-Path $TestDrive 'cleanup-log.csv')).Count | Should -Be ($suggestions | Measure-Object Count -Sum).Sum
        Get-FlaggedCount | Should -Be $flaggedBefore -Because 'flagged junk and trash stay'
        @(Get-MailCleanupSuggestion).Count | Should -Be 0 -Because 'nothing is left that a rule would free'
    }

    It 'refuses an unwritable -OutFile before contacting the server' {
        $err = { Get-MailCleanupSuggestion -OutFile '/nonexistent-folder/p.psd1' -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsOutputNotWritable*'
    }
}
