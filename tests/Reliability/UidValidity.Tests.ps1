# Reliability scenario 9: UIDVALIDITY changes between two exports (Dovecot's index and uidlist removed, so every UID
# is new): MailTools detects it, says so, and re-synchronises without a duplicate and without losing a message.
BeforeAll {
    . $PSScriptRoot/ReliabilityCommon.ps1
    $script:CaptureName = 'UidValidity'
    Clear-Capture
    $server = Start-TestMailServer -Users alice -Profile Small -NoPop3
    $outcomes = [Collections.Generic.List[object]]::new()
}

AfterAll {
    Save-ScenarioResult -Scenario 'uidvalidity' -Title 'UIDVALIDITY changed between runs (Dovecot index removed)' -Trials $outcomes.Count `
        -Failures @($outcomes | Where-Object Failed).Count -Lost ($outcomes | Measure-Object Lost -Sum).Sum -Duplicated ($outcomes | Measure-Object Duplicated -Sum).Sum -Rows @($outcomes)
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Scenario 9: UIDVALIDITY changed between runs' {
    It '<_> export: detected, reported, no duplicate, nothing lost, the new message added' -ForEach 'Maildir', 'Mbox' {
        $root = Join-Path $TestDrive "uv-$_"
        $s = Connect-Rel -Server $server
        $null = Export-Mailbox -Session $s -Folder INBOX -Path $root -Format $_
        Disconnect-MailServer -Session $s
        $before = (Get-TestMailboxStatus -Server $server -User alice -Mailbox INBOX).UidValidity
        # Dovecot rebuilds a Maildir's index and UID list from scratch when they are gone: new UIDVALIDITY, new UIDs.
        $null = & /bin/sh -c 'doveadm -c "$0" kick alice >/dev/null 2>&1; true' $server.ConfigPath   # exit 68 = nobody to kick
        $dir = $server.Users[0].MailDir
        Get-ChildItem -LiteralPath $dir -File -Force | Where-Object Name -like 'dovecot*' | Remove-Item -Force
        Start-Sleep -Seconds 1   # UIDVALIDITY is a timestamp: make sure the new one differs
        $null = Add-TestMessage -Server $server -User alice -Bytes ([Text.Encoding]::ASCII.GetBytes("From: a@example.com`r`nSubject: after the reset $_`r`nMessage-ID: <reset.$_@test>`r`n`r`nnew`r`n"))
        $now = (Get-TestMailboxStatus -Server $server -User alice -Mailbox INBOX).UidValidity
        $now | Should -Not -Be $before
        $s = Connect-Rel -Server $server
        $r = Invoke-Captured { Export-Mailbox -Session $s -Folder INBOX -Path $root -Format $_ -ErrorAction Continue }
        Disconnect-MailServer -Session $s
        $c = Compare-HashSet -Expected @(Get-ServerHash -Server $server -Folder INBOX) -Actual @(Get-ExportHash -Root $root -Format $_)
        $warned = $r.Text -match 'WarningRecord.*UIDVALIDITY'
        $outcomes.Add([pscustomobject]@{ Format = $_; From = $before; To = $now; Warned = [bool]$warned; Exported = ($r.Output | Measure-Object Exported -Sum).Sum
                Lost = $c.Lost; Duplicated = $c.Duplicated; Failed = -not $warned -or ($r.Errors.Count + $c.Lost + $c.Duplicated + $c.Foreign) -gt 0 })
        $r.Errors | Should -BeNullOrEmpty
        $warned | Should -BeTrue -Because 'the change is reported as a warning'
        $r.Output[0].UidValidityChanged | Should -BeTrue
        ($r.Output | Measure-Object Exported -Sum).Sum | Should -Be 1 -Because 'only the new message is written again'
        $c.Lost | Should -Be 0
        $c.Duplicated | Should -Be 0
        $c.Foreign | Should -Be 0
    }

    It 'no protocol log, -Verbose/-Debug line or error message of this file contains a password' {
        Find-SecretLeak -Servers $server | Should -BeNullOrEmpty
    }
}
