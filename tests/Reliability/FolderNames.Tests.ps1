# Reliability scenario 8: odd folder names (non-ASCII = modified UTF-7 on the wire, spaces, dots, 200 characters,
# deep hierarchy) and 1,000 folders: listed exactly, exported into -Path (never outside), cleaned by name.
BeforeDiscovery {
    $odd = @('Réservations été 2025', 'with  two  spaces', 'Dots..in..name', 'a.b', 'Ünïcødé/日本語/Ελληνικά', 'Deep/a/b/c/d/e/f', ('L' * 200), '&ersand & co', 'Quote "it"')
}

BeforeAll {
    . $PSScriptRoot/ReliabilityCommon.ps1
    $script:CaptureName = 'FolderNames'
    Clear-Capture
    # LAYOUT=fs: Maildir++ (the default) cannot hold a '.' in a name. Dovecot refuses a '..' part in any layout, so
    # that case is covered by SafePath's xunit tests instead.
    $server = Start-TestMailServer -Users alice -NoPop3 -ExtraConfig 'mail_location = maildir:~/Maildir:LAYOUT=fs'
    $odd = @('Réservations été 2025', 'with  two  spaces', 'Dots..in..name', 'a.b', 'Ünïcødé/日本語/Ελληνικά', 'Deep/a/b/c/d/e/f', ('L' * 200), '&ersand & co', 'Quote "it"')
    $created = foreach ($name in $odd) {
        $m = "From: a@example.com`r`nSubject: in $name`r`nMessage-ID: <$([guid]::NewGuid().ToString('N'))@test>`r`n`r`nbody`r`n"
        Save-DoveadmMessage -Server $server -User alice -Mailbox $name -Bytes ([Text.Encoding]::UTF8.GetBytes($m))
        $name
    }
    # 1,000 more in one doveadm call.
    $bulk = 1..1000 | ForEach-Object { 'Bulk/f{0:d4}' -f $_ }
    $null = Invoke-TestDoveadm $server mailbox create -u alice @bulk
    $session = Connect-Rel -Server $server
    $serverNames = @(Invoke-TestDoveadm $server mailbox list -u alice)
    $checks = [Collections.Generic.List[object]]::new()
}

AfterAll {
    Save-ScenarioResult -Scenario 'folder-names' -Title 'Folder names (non-ASCII, spaces, dots, quotes, 200 chars, deep) and 1,000 folders' -Trials $checks.Count `
        -Failures @($checks | Where-Object Failed).Count -Lost ($checks | Measure-Object Lost -Sum).Sum -Duplicated ($checks | Measure-Object Duplicated -Sum).Sum -Rows @($checks)
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Scenario 8: folder names' {
    It 'Dovecot accepted the odd name <_>' -ForEach $odd {
        $serverNames | Should -Contain $_
    }

    It 'Get-MailFolder lists every folder by its exact name (1,000 + the odd ones)' {
        $r = Invoke-Captured { Get-MailFolder -Session $session }
        $names = @($r.Output.FullName)
        $r.Errors | Should -BeNullOrEmpty
        @($names | Sort-Object) | Should -Be @($serverNames | Sort-Object)
        $names.Count | Should -BeGreaterThan 1000
        foreach ($n in $odd) { ($r.Output | Where-Object FullName -EQ $n).Count | Should -Be 1 -Because $n }
        $checks.Add([pscustomobject]@{ Check = "Get-MailFolder ($($names.Count) folders)"; Lost = 0; Duplicated = 0; Failed = $false })
    }

    It 'Export-Mailbox <_> writes every odd folder inside -Path with the server''s bytes' -ForEach 'Maildir', 'Mbox', 'Eml' {
        $root = Join-Path $TestDrive "names-$_"
        $r = Invoke-Captured { Export-Mailbox -Session $session -Folder $odd -Path $root -Format $_ -ErrorAction Continue }
        $c = Compare-HashSet -Expected @(Get-ServerHash -Server $server -Folder $odd) -Actual @(Get-ExportHash -Root $root -Format $_)
        $checks.Add([pscustomobject]@{ Check = "Export $_ of the odd names"; Lost = $c.Lost; Duplicated = $c.Duplicated; Failed = ($r.Errors.Count + $c.Lost + $c.Duplicated + $c.Foreign) -gt 0 })
        $r.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        $c.Lost + $c.Duplicated + $c.Foreign | Should -Be 0
        $full = [IO.Path]::GetFullPath($root) + '/'
        Get-ChildItem -LiteralPath $TestDrive -Recurse -Force -File | Where-Object { $_.FullName -like "$TestDrive/names-$_*" -and $_.FullName -notlike "$full*" } | Should -BeNullOrEmpty
        # Names longer than a file system allows were shortened, not refused.
        Get-ChildItem -LiteralPath $root -Recurse -Force | Where-Object { [Text.Encoding]::UTF8.GetByteCount($_.Name) -gt 255 } | Should -BeNullOrEmpty
    }

    It 'Export-Mailbox of many folders completes (all 1,000+ under -Full, 200 by default)' {
        $root = Join-Path $TestDrive 'all'
        # Export-Mailbox takes exact names; wildcards go through Get-MailFolder, as the help shows.
        $r = Invoke-Captured {
            if ($RelFull) { Export-Mailbox -Session $session -Path $root -ErrorAction Continue }
            else { Get-MailFolder -Session $session 'Bulk/f00*', 'Bulk/f01*' | Export-Mailbox -Path $root -ErrorAction Continue }
        }
        $r.Errors | Should -BeNullOrEmpty
        # Every selectable folder; the parents Dovecot made for "Deep/a/b/..." are \NoSelect and hold nothing.
        @($r.Output | Where-Object Folder -like 'Bulk/f*').Count | Should -Be $(if ($RelFull) { 1000 } else { 199 })
        if ($RelFull) { foreach ($n in $odd) { @($r.Output | Where-Object Folder -EQ $n).Count | Should -Be 1 -Because $n } }
        $checks.Add([pscustomobject]@{ Check = "Export of all $(@($r.Output).Count) folders"; Lost = 0; Duplicated = 0; Failed = $r.Errors.Count -gt 0 })
    }

    It 'Invoke-MailCleanup by an odd name moves exactly that folder''s message to Trash' {
        $name = 'Réservations été 2025'
        $h = @(Get-ServerHash -Server $server -Folder $name)
        $r = Invoke-Captured { Invoke-MailCleanup -Session $session -Folder $name -Subject 'in ' -Action Trash -Confirm:$false -ErrorAction Continue }
        $r.Errors | Should -BeNullOrEmpty
        @(Get-ServerHash -Server $server -Folder $name) | Should -BeNullOrEmpty
        $c = Compare-HashSet -Expected $h -Actual @(Get-ServerHash -Server $server -Folder Trash)
        $checks.Add([pscustomobject]@{ Check = 'Clean-up by non-ASCII name'; Lost = $c.Lost; Duplicated = $c.Duplicated; Failed = ($c.Lost + $c.Duplicated) -gt 0 })
        $c.Lost + $c.Duplicated | Should -Be 0
    }

    It 'no protocol log, -Verbose/-Debug line or error message of this file contains a password' {
        Find-SecretLeak -Servers $server | Should -BeNullOrEmpty
    }
}
