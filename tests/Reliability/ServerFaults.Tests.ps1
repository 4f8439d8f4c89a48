# Reliability scenario 3: the server goes away mid-operation. Dovecot restarted during an export, the server dropping
# the connection with "* BYE" (doveadm kick), and a server that stops answering (stalled proxy): each ends in a clear
# MailTools error, never a hang, and a re-run completes the export with nothing lost or duplicated.
BeforeAll {
    . $PSScriptRoot/ReliabilityCommon.ps1
    $script:CaptureName = 'ServerFaults'
    Clear-Capture
    $server = Start-TestMailServer -Users alice -Profile Small -NoPop3
    $alice = $server.Users[0]
    $allHashes = @(Get-ServerHash -Server $server)
    $outcomes = [Collections.Generic.List[object]]::new()

    function Complete-Export([string] $Root) {
        # The re-run, straight to the server: afterwards the export must equal the server.
        $s = Connect-Rel -Server $server
        $rerun = Invoke-Captured { Export-Mailbox -Session $s -Path $Root -ErrorAction Continue }
        Disconnect-MailServer -Session $s
        $c = Compare-HashSet -Expected $allHashes -Actual @(Get-ExportHash -Root $Root)
        [pscustomobject]@{ Errors = $rerun.Errors; Lost = $c.Lost; Duplicated = $c.Duplicated; Foreign = $c.Foreign; Partial = @(Get-PartialFile $Root).Count }
    }
}

AfterAll {
    Save-ScenarioResult -Scenario 'server-faults' -Title 'Dovecot restarted, * BYE, stalled server during Export-Mailbox' -Trials $outcomes.Count `
        -Failures @($outcomes | Where-Object Failed).Count -Lost ($outcomes | Measure-Object Lost -Sum).Sum -Duplicated ($outcomes | Measure-Object Duplicated -Sum).Sum `
        -Notes (($outcomes | ForEach-Object { "$($_.Fault): $(if ($_.ErrorId) { $_.ErrorId } else { 'no error, reconnected and finished' }) after $($_.Seconds) s" }) -join '; ') -Rows @($outcomes)
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Scenario 3: server faults during Export-Mailbox' {
    It 'Dovecot restarted mid-export: a ConnectionLost error, and the re-run completes the export' {
        $root = Join-Path $TestDrive 'restart'
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs 20
        try {
            $job = Start-MailToolsRunspace -Port $proxy.Port -Credential $alice.Credential -Command Export-Mailbox -Arguments @{ Path = $root }
            Wait-ExportProgress -Root $root -Files 15 -Job $job | Should -BeTrue -Because 'the restart must land mid-export'
            Restart-TestDovecot -Server $server
            $run = Wait-MailToolsRunspace $job
        } finally { Stop-TestFaultProxy $proxy }
        $after = Complete-Export $root
        $outcomes.Add([pscustomobject]@{ Fault = 'restart'; ErrorId = "$(($run.Errors | Select-Object -First 1).FullyQualifiedErrorId -replace ',.*')"; Seconds = $run.Seconds
                Lost = $after.Lost; Duplicated = $after.Duplicated; Failed = -not $run.Finished -or $after.Errors.Count + $after.Lost + $after.Duplicated + $after.Foreign + $after.Partial -gt 0 })
        $run.Finished | Should -BeTrue
        $run.Errors | Should -Not -BeNullOrEmpty
        foreach ($e in $run.Errors) { $e.FullyQualifiedErrorId | Should -BeLike 'MailToolsConnectionLost*'; "$e" | Should -Match '127\.0\.0\.1' }
        $after.Errors | Should -BeNullOrEmpty
        $after.Lost + $after.Duplicated + $after.Foreign + $after.Partial | Should -Be 0
    }

    It 'the server drops the connection with * BYE (doveadm kick): the export reconnects by itself and completes' {
        $root = Join-Path $TestDrive 'bye'
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs 20
        try {
            $job = Start-MailToolsRunspace -Port $proxy.Port -Credential $alice.Credential -Command Export-Mailbox -Arguments @{ Path = $root }
            Wait-ExportProgress -Root $root -Files 15 -Job $job | Should -BeTrue
            $null = Invoke-TestDoveadm $server kick alice
            $run = Wait-MailToolsRunspace $job
        } finally { Stop-TestFaultProxy $proxy }
        $after = Complete-Export $root
        $outcomes.Add([pscustomobject]@{ Fault = '* BYE'; ErrorId = "$(($run.Errors | Select-Object -First 1).FullyQualifiedErrorId -replace ',.*')"; Seconds = $run.Seconds
                Lost = $after.Lost; Duplicated = $after.Duplicated; Failed = -not $run.Finished -or $after.Errors.Count + $after.Lost + $after.Duplicated + $after.Foreign + $after.Partial -gt 0 })
        $run.Finished | Should -BeTrue
        # A dropped connection is reconnected and the folder resumed from its state (SessionResume), with a warning;
        # the follow-up run (Complete-Export) then has nothing left to do wrong.
        $run.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        ($run.Warnings -join "`n") | Should -Match 'was lost during the export'
        $after.Errors | Should -BeNullOrEmpty
        $after.Lost + $after.Duplicated + $after.Foreign + $after.Partial | Should -Be 0
    }

    It 'a stalled server: the timeout fires with MailToolsTimeout, no hang, and the re-run completes' {
        $root = Join-Path $TestDrive 'stall'
        # Measure where the export's data starts, then stall halfway through it.
        $probe = Start-TestFaultProxy -TargetPort $server.ImapsPort
        try {
            Disconnect-MailServer -Session (Connect-Rel -Server $server -Proxy $probe)
            $s = Connect-Rel -Server $server -Proxy $probe
            $null = Export-Mailbox -Session $s -Path (Join-Path $TestDrive 'stall-probe') -Folder INBOX
            Disconnect-MailServer -Session $s
            $stallAt = [long]((Get-ProxyServerBytes $probe 1) + (Get-ProxyServerBytes $probe 2)) / 2
        } finally { Stop-TestFaultProxy $probe }
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -StallAfterBytes ([long]$stallAt) -OnlyConnection 1
        try {
            $job = Start-MailToolsRunspace -Port $proxy.Port -Credential $alice.Credential -Command Export-Mailbox -Arguments @{ Path = $root; Folder = 'INBOX' } -TimeoutSeconds 3
            $run = Wait-MailToolsRunspace $job -TimeoutSeconds 90
        } finally { Stop-TestFaultProxy $proxy }
        $after = Complete-Export $root
        $outcomes.Add([pscustomobject]@{ Fault = 'stall (-TimeoutSeconds 3)'; ErrorId = "$(($run.Errors | Select-Object -First 1).FullyQualifiedErrorId -replace ',.*')"; Seconds = $run.Seconds
                Lost = $after.Lost; Duplicated = $after.Duplicated; Failed = -not $run.Finished -or $after.Errors.Count + $after.Lost + $after.Duplicated + $after.Foreign + $after.Partial -gt 0 })
        Write-Host "stalled export ended after $($run.Seconds) s: $($run.Errors | Select-Object -First 1)"
        $run.Finished | Should -BeTrue -Because 'the timeout must end the command, not hang it'
        ($run.Errors | Select-Object -First 1).FullyQualifiedErrorId | Should -BeLike 'MailToolsTimeout*'
        "$($run.Errors | Select-Object -First 1)" | Should -Match '3 seconds'
        $after.Errors | Should -BeNullOrEmpty
        $after.Lost + $after.Duplicated + $after.Foreign + $after.Partial | Should -Be 0
    }

    # A connection reset while the session sat idle shows only at the next cmdlet's first command (the folder listing).
    # That listing changes nothing, so every cmdlet reconnects and lists again, with a warning, instead of failing; the
    # reliability suite's cut clean-up once met this when the cut fell after the clean-up's last reply.
    It 'a connection reset while the session sat idle: <Name> reconnects at its first command and gives what a fresh session gives' -ForEach @(
        @{ Name = 'Get-MailFolder'; Run = { param($s) Get-MailFolder -Session $s | ForEach-Object { "$($_.FullName) $($_.Count)" } } }
        @{ Name = 'Get-MailMessage'; Run = { param($s) Get-MailMessage -Session $s -Folder INBOX | ForEach-Object { "$($_.Uid) $($_.Subject)" } } }
        @{ Name = 'Measure-Mailbox'; Run = { param($s) Measure-Mailbox -Session $s -GroupBy Year | ForEach-Object { "$($_.Key) $($_.Count) $($_.Size)" } } }
        @{ Name = 'Invoke-MailCleanup -WhatIf'; Run = { param($s) Invoke-MailCleanup -Session $s -Folder INBOX, Sent -OlderThan 30 -Action Delete -WhatIf | ForEach-Object { "$($_.Folder) $($_.Matched)" } } }
    ) {
        # The bytes a session sends the client up to and including its LOGOUT reply; a session that only connected has
        # had all of them but that reply (a few dozen bytes), so a cut there falls inside its next command's reply.
        $probe = Start-TestFaultProxy -TargetPort $server.ImapsPort
        try {
            Disconnect-MailServer -Session (Connect-Rel -Server $server -Proxy $probe)
            $connectBytes = Get-ProxyServerBytes $probe 1
        } finally { Stop-TestFaultProxy $probe }
        $fresh = Connect-Rel -Server $server
        $expected = @(& $Run $fresh)
        Disconnect-MailServer -Session $fresh
        $expected.Count | Should -BeGreaterThan 0

        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -CutAfterBytes $connectBytes -OnlyConnection 1
        try {
            $s = Connect-Rel -Server $server -Proxy $proxy
            $run = Invoke-Captured { & $Run $s }
            Disconnect-MailServer -Session $s
            $log = Get-Content -LiteralPath $proxy.LogPath -Raw
        } finally { Stop-TestFaultProxy $proxy }
        $log | Should -Match 'conn 1: cut' -Because 'the first connection was reset under the command'
        $run.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        $run.Text | Should -Match 'was lost during the (folder|message) listing; reconnecting'
        $run.Output | Should -Be $expected
    }

    It 'no protocol log, -Verbose/-Debug line or error message of this file contains a password' {
        Find-SecretLeak -Servers $server | Should -BeNullOrEmpty
    }
}
