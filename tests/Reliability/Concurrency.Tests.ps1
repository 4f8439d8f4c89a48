# Reliability scenario 6: two clean-ups on the same folder at once (two sessions, two runspaces), and a second
# client expunging messages while Export-Mailbox runs: no crash, nothing wrongly deleted, clear warnings.
BeforeAll {
    . $PSScriptRoot/ReliabilityCommon.ps1
    $script:CaptureName = 'Concurrency'
    Clear-Capture
    $server = Start-TestMailServer -Users alice, bob -Profile Small -NoPop3
    $alice = $server.Users[0]; $bob = $server.Users[1]
    $outcomes = [Collections.Generic.List[object]]::new()
}

AfterAll {
    Save-ScenarioResult -Scenario 'concurrency' -Title 'Two clean-ups on one folder at once; a second client expunging during an export' -Trials $outcomes.Count `
        -Failures @($outcomes | Where-Object Failed).Count -Lost ($outcomes | Measure-Object Lost -Sum).Sum -Duplicated ($outcomes | Measure-Object Duplicated -Sum).Sum `
        -Notes (($outcomes | ForEach-Object { "$($_.Case): $($_.Note)" }) -join '; ') -Rows @($outcomes)
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Scenario 6: concurrent clients' {
    It 'two Trash clean-ups of the same folder at once: each old message in Trash exactly once, nothing else moved' {
        # bob's INBOX: what -OlderThan 1y names, read from the server before anything runs.
        $s = Connect-Rel -Server $server -UserIndex 1
        $inRule = @(Get-MailMessage -Session $s -Folder INBOX -OlderThan 1y | Where-Object { -not $_.IsFlagged })
        Disconnect-MailServer -Session $s
        $before = @(Get-ServerHash -Server $server -UserIndex 1 -Folder INBOX)
        $trashBefore = @(Get-ServerHash -Server $server -UserIndex 1 -Folder Trash)
        $jobs = foreach ($i in 1, 2) {
            Start-MailToolsRunspace -Port $server.ImapsPort -Credential $bob.Credential -Command Invoke-MailCleanup -Arguments @{ Folder = 'INBOX'; OlderThan = '1y'; Action = 'Trash'; Confirm = $false }
        }
        $runs = foreach ($j in $jobs) { Wait-MailToolsRunspace $j }
        $after = @(Get-ServerHash -Server $server -UserIndex 1 -Folder INBOX)
        $moved = @($before | Where-Object { $_ -notin $after })
        $trash = Compare-HashSet -Expected @($trashBefore + $moved) -Actual @(Get-ServerHash -Server $server -UserIndex 1 -Folder Trash)
        $outcomes.Add([pscustomobject]@{ Case = 'two clean-ups'; Note = "$($moved.Count) moved, $(@($runs | ForEach-Object { $_.Errors } | Where-Object { $_ }).Count) error(s), $(@($runs | ForEach-Object { $_.Warnings } | Where-Object { $_ }).Count) warning(s)"
                Lost = $trash.Lost; Duplicated = $trash.Duplicated; Failed = ($trash.Lost + $trash.Duplicated + $trash.Foreign) -gt 0 -or @($runs | Where-Object { -not $_.Finished }).Count -gt 0 })
        foreach ($r in $runs) {
            $r.Finished | Should -BeTrue
            foreach ($e in $r.Errors) { $e.FullyQualifiedErrorId | Should -BeLike 'MailTools*' }
        }
        $moved.Count | Should -BeGreaterThan 0
        $moved.Count | Should -BeLessOrEqual $inRule.Count -Because 'only messages the rule names may leave INBOX'
        $trash.Lost | Should -Be 0
        $trash.Duplicated | Should -Be 0
        $trash.Foreign | Should -Be 0
        # The job is done: nothing unflagged the rule names is left in INBOX.
        $s = Connect-Rel -Server $server -UserIndex 1
        @(Get-MailMessage -Session $s -Folder INBOX -OlderThan 1y | Where-Object { -not $_.IsFlagged }) | Should -BeNullOrEmpty
        Disconnect-MailServer -Session $s
    }

    It 'a second client expunges messages during an export: no crash, every exported file is a server message, the rest exported' {
        $root = Join-Path $TestDrive 'expunged'
        $original = @(Get-ServerHash -Server $server)
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs 20
        try {
            $job = Start-MailToolsRunspace -Port $proxy.Port -Credential $alice.Credential -Command Export-Mailbox -Arguments @{ Path = $root }
            Wait-ExportProgress -Root $root -Files 10 -Job $job | Should -BeTrue
            # Another client (doveadm) expunges half of INBOX and all of Sent meanwhile.
            $null = Invoke-TestDoveadm $server expunge -u alice mailbox INBOX uid 1:30
            $null = Invoke-TestDoveadm $server expunge -u alice mailbox Sent all
            $run = Wait-MailToolsRunspace $job
        } finally { Stop-TestFaultProxy $proxy }
        $remaining = @(Get-ServerHash -Server $server)
        $exported = @(Get-ExportHash -Root $root)
        $foreign = @($exported | Where-Object { $_ -notin $original }).Count
        $missing = @($remaining | Where-Object { $_ -notin $exported })
        $dup = (Compare-HashSet -Expected $original -Actual $exported).Duplicated
        # A re-run picks up whatever the first run could not (messages still on the server).
        $s = Connect-Rel -Server $server
        $rerun = Invoke-Captured { Export-Mailbox -Session $s -Path $root -ErrorAction Continue }
        Disconnect-MailServer -Session $s
        $c = Compare-HashSet -Expected $remaining -Actual @(Get-ExportHash -Root $root | Where-Object { $_ -in $remaining })
        $outcomes.Add([pscustomobject]@{ Case = 'expunge during export'; Note = "$($original.Count - $remaining.Count) expunged meanwhile, $($missing.Count) still-present missed by the first run, warnings: $(@($run.Warnings).Count), errors: $(@($run.Errors).Count)"
                Lost = $c.Lost; Duplicated = $dup + $c.Duplicated; Failed = -not $run.Finished -or ($foreign + $c.Lost + $dup + $c.Duplicated) -gt 0 })
        Write-Host "expunge during export: $($outcomes[-1].Note); $(($run.Warnings + @($run.Errors | ForEach-Object { "$_" })) -join ' | ')"
        $run.Finished | Should -BeTrue
        foreach ($e in $run.Errors) { $e.FullyQualifiedErrorId | Should -BeLike 'MailTools*' }
        $foreign | Should -Be 0 -Because 'no partial or corrupt file'
        $dup | Should -Be 0
        @(Get-PartialFile $root).FullName | Should -BeNullOrEmpty
        $rerun.Errors | Should -BeNullOrEmpty
        $c.Lost | Should -Be 0
        $c.Duplicated | Should -Be 0
    }

    It 'no protocol log, -Verbose/-Debug line or error message of this file contains a password' {
        Find-SecretLeak -Servers $server | Should -BeNullOrEmpty
    }
}
