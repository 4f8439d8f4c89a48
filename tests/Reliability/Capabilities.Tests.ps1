# Reliability scenario 5: a server without LIST-STATUS, UIDPLUS, MOVE, CONDSTORE and SPECIAL-USE (Dovecot's
# imap_capability): every cmdlet still gives the right answer, checked against doveadm and the server's own bytes.
BeforeAll {
    . $PSScriptRoot/ReliabilityCommon.ps1
    $script:CaptureName = 'Capabilities'
    Clear-Capture
    $bare = 'IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT NAMESPACE UNSELECT CHILDREN LIST-EXTENDED ESEARCH'
    $server = Start-TestMailServer -Users alice -Profile Small -NoPop3 -ImapCapability $bare
    $session = Connect-Rel -Server $server
    $checks = [Collections.Generic.List[object]]::new()
    function Add-Check([string] $What, $Compare) {
        $checks.Add([pscustomobject]@{ Cmdlet = $What; Lost = [int]$Compare.Lost; Duplicated = [int]$Compare.Duplicated; Failed = ($Compare.Lost + $Compare.Duplicated + $Compare.Foreign) -gt 0 })
    }
}

AfterAll {
    Save-ScenarioResult -Scenario 'capabilities' -Title 'Server without LIST-STATUS, UIDPLUS, MOVE, CONDSTORE, SPECIAL-USE' -Trials $checks.Count `
        -Failures @($checks | Where-Object Failed).Count -Lost ($checks | Measure-Object Lost -Sum).Sum -Duplicated ($checks | Measure-Object Duplicated -Sum).Sum `
        -Notes "imap_capability = $bare" -Rows @($checks)
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Scenario 5: every cmdlet on a server with few extensions' {
    It 'the server really lacks the extensions' {
        $session.Capabilities -join ' ' | Should -Not -Match 'LIST-STATUS|UIDPLUS|\bMOVE\b|CONDSTORE|SPECIAL-USE'
    }

    It 'Get-MailFolder: counts and sizes equal doveadm''s' {
        $status = @(Get-TestMailboxStatus -Server $server -User alice)
        $folders = @((Invoke-Captured { Get-MailFolder -Session $session }).Output)
        $folders.Count | Should -Be $status.Count
        foreach ($s in $status) {
            $f = $folders | Where-Object FullName -EQ $s.Mailbox
            $f.Count | Should -Be $s.Messages -Because $s.Mailbox
            $f.Unread | Should -Be $s.Unseen -Because $s.Mailbox
            $f.Size | Should -Be $s.VSize -Because $s.Mailbox
        }
        $checks.Add([pscustomobject]@{ Cmdlet = 'Get-MailFolder'; Lost = 0; Duplicated = 0; Failed = $false })
    }

    It 'Export-Mailbox: the export equals the server' {
        $root = Join-Path $TestDrive 'export'
        $r = Invoke-Captured { Export-Mailbox -Session $session -Path $root -ErrorAction Continue }
        $r.Errors | Should -BeNullOrEmpty
        $c = Compare-HashSet -Expected @(Get-ServerHash -Server $server) -Actual @(Get-ExportHash -Root $root)
        Add-Check 'Export-Mailbox' $c
        $c.Lost + $c.Duplicated + $c.Foreign | Should -Be 0
    }

    It 'Invoke-MailCleanup -Action Trash: the old Newsletters go to Trash (found by name), the rest stays' {
        $before = @(Get-ServerHash -Server $server -Folder Newsletters)
        $trashBefore = @(Get-ServerHash -Server $server -Folder Trash)
        $old = @(Get-MailMessage -Session $session -Folder Newsletters -OlderThan 1y)
        $old.Count | Should -BeGreaterThan 0
        $r = Invoke-Captured { Invoke-MailCleanup -Session $session -Folder Newsletters -OlderThan 1y -Action Trash -Confirm:$false -ErrorAction Continue }
        $r.Errors | Should -BeNullOrEmpty
        $after = @(Get-ServerHash -Server $server -Folder Newsletters)
        $moved = @($before | Where-Object { $_ -notin $after })
        $moved.Count | Should -Be $old.Count
        $c = Compare-HashSet -Expected @($trashBefore + $moved) -Actual @(Get-ServerHash -Server $server -Folder Trash)
        Add-Check 'Invoke-MailCleanup (Trash, COPY + UID-less expunge)' $c
        $c.Lost + $c.Duplicated + $c.Foreign | Should -Be 0
        @(Get-MailMessage -Session $session -Folder Newsletters -OlderThan 1y) | Should -BeNullOrEmpty
    }

    It 'Move-MailMessage: Junk to Archive without MOVE' {
        $junk = @(Get-ServerHash -Server $server -Folder Junk)
        $archive = @(Get-ServerHash -Server $server -Folder Archive)
        $r = Invoke-Captured { Get-MailMessage -Session $session -Folder Junk | Move-MailMessage -Destination Archive -Confirm:$false -ErrorAction Continue }
        $r.Errors | Should -BeNullOrEmpty
        @(Get-ServerHash -Server $server -Folder Junk) | Should -BeNullOrEmpty
        $c = Compare-HashSet -Expected @($archive + $junk) -Actual @(Get-ServerHash -Server $server -Folder Archive)
        Add-Check 'Move-MailMessage' $c
        $c.Lost + $c.Duplicated + $c.Foreign | Should -Be 0
    }

    It 'Remove-MailMessage: only the piped Drafts go, other \Deleted mail is left alone' {
        # Another client's \Deleted message in Drafts: without UIDPLUS a plain EXPUNGE would take it too.
        $other = Add-TestMessage -Server $server -User alice -Mailbox Drafts -Bytes ([Text.Encoding]::ASCII.GetBytes("Subject: other client`r`n`r`nx`r`n")) -Flags '\Deleted'
        $sent = @(Get-ServerHash -Server $server -Folder Sent)
        $pick = @(Get-MailMessage -Session $session -Folder Drafts | Where-Object Uid -ne $other.Uid)
        $r = Invoke-Captured { $pick | Remove-MailMessage -Confirm:$false -ErrorAction Continue }
        $r.Errors | Should -BeNullOrEmpty
        @(Invoke-TestDoveadm $server -f tab fetch -u alice uid mailbox Drafts all | Select-Object -Skip 1) | Should -Be @("$($other.Uid)")
        $c = Compare-HashSet -Expected $sent -Actual @(Get-ServerHash -Server $server -Folder Sent)
        Add-Check 'Remove-MailMessage' $c
        $c.Lost | Should -Be 0
    }

    It 'Import-Mailbox: an exported folder uploads with the same bytes' {
        $root = Join-Path $TestDrive 'sent'
        $null = Export-Mailbox -Session $session -Path $root -Folder Sent -Format Mbox
        $r = Invoke-Captured { Import-Mailbox -Session $session -Path (Get-ChildItem -LiteralPath $root -Recurse -Filter *.mbox).FullName -Folder Restored -ErrorAction Continue }
        $r.Errors | Should -BeNullOrEmpty
        $c = Compare-HashSet -Expected @(Get-ServerHash -Server $server -Folder Sent) -Actual @(Get-ServerHash -Server $server -Folder Restored)
        Add-Check 'Import-Mailbox' $c
        $c.Lost + $c.Duplicated + $c.Foreign | Should -Be 0
    }

    It 'no protocol log, -Verbose/-Debug line or error message of this file contains a password' {
        Find-SecretLeak -Servers $server | Should -BeNullOrEmpty
    }
}
