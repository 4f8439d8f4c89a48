# Pipelines over a folder tree this file builds with doveadm (not the seeder), on Maildir++ (issue 11, items 8 and 9):
# hierarchy-only parents (\NonExistent), Gmail-style "[Gmail]/Sent Mail", a name with '*' beside one it would match,
# and a name spelled in NFD. Every consumer of Get-MailFolder output skips non-selectable folders; named, they are a
# clear error; an exact name wins over wildcards; NFC and NFD spellings name the same folder.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    $server = Start-TestMailServer -Users alice -NoPop3
    $user = $server.Users[0].UserName
    $nfd = 'Re' + [char]0x301 + 'sume' + [char]0x301       # "Résumé" in NFD, as macOS clients create it
    $nfc = $nfd.Normalize([Text.NormalizationForm]::FormC)
    $selectable = @('Parent/Child', '[Gmail]/Sent Mail', 'Ne*', 'Newsletters', $nfd, 'Deep/a/b/Leaf')
    $null = Invoke-TestDoveadm $server mailbox create -u $user @selectable
    foreach ($name in $selectable) {
        $m = "From: a@example.com`r`nSubject: tree $name`r`nMessage-ID: <$([guid]::NewGuid().ToString('N'))@tree>`r`n`r`nin $name`r`n"
        $null = Add-TestMessage -Server $server -User $user -Mailbox $name -Bytes ([Text.Encoding]::UTF8.GetBytes($m))
    }
    $session = Connect-TestSession -Server $server
    $parents = @('Parent', '[Gmail]', 'Deep', 'Deep/a', 'Deep/a/b')

    function Get-Count([string] $Mailbox) { (Get-TestMailboxStatus -Server $server -User $user -Mailbox $Mailbox).Messages }
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction Ignore
    if ($server) { Stop-TestMailServer $server }
}

Describe 'the doveadm tree' {
    It 'has hierarchy-only parents that Get-MailFolder shows as not selectable' {
        $f = @(Get-MailFolder -Session $session)
        foreach ($p in $parents) { ($f | Where-Object FullName -EQ $p).IsSelectable | Should -BeFalse -Because $p }
    }
}

Describe 'Non-selectable folders (item 8)' {
    It 'Get-MailFolder | Export-Mailbox exports every selectable folder and raises no error' {
        $root = Join-Path $TestDrive 'tree-export'
        $out = @(Get-MailFolder -Session $session | Export-Mailbox -Path $root -ErrorVariable err -Verbose 4>&1)
        $err | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        $results = @($out | Where-Object { $_ -is [MailTools.ExportResult] })
        foreach ($n in $selectable) { @($results | Where-Object Folder -EQ $n).Count | Should -Be 1 -Because $n }
        foreach ($p in $parents) { $results.Folder | Should -Not -Contain $p }
        ($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and "$_" -like "*'Parent'*not selectable*" }) | Should -Not -BeNullOrEmpty
    }

    It 'Get-MailFolder | Get-MailMessage returns every message and raises no error' {
        $m = @(Get-MailFolder -Session $session | Get-MailMessage -ErrorVariable err)
        $err | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        @($m | Where-Object Subject -like 'tree *').Count | Should -Be $selectable.Count
    }

    It 'Get-MailFolder | Invoke-MailCleanup -WhatIf raises no error and changes nothing' {
        $before = foreach ($n in $selectable) { Get-Count $n }
        $r = @(Get-MailFolder -Session $session | Invoke-MailCleanup -Subject 'tree' -Action Delete -WhatIf -ErrorVariable err)
        $err | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        ($r | Measure-Object Matched -Sum).Sum | Should -Be $selectable.Count
        foreach ($n in $selectable) { $r.Folder | Should -Contain $n }
        @(foreach ($n in $selectable) { Get-Count $n }) | Should -Be @($before)
    }

    It '<Command> naming Parent is a clear error (MailToolsFolderNotSelectable), not silent nothing' -ForEach @(
        @{ Command = 'Get-MailMessage'; Call = { Get-MailMessage -Session $session -Folder Parent -ErrorVariable e -ErrorAction SilentlyContinue; $e } }
        @{ Command = 'Export-Mailbox'; Call = { Export-Mailbox -Session $session -Folder Parent -Path (Join-Path $TestDrive 'named') -ErrorVariable e -ErrorAction SilentlyContinue; $e } }
        @{ Command = 'Invoke-MailCleanup'; Call = { Invoke-MailCleanup -Session $session -Folder Parent -Subject tree -WhatIf -ErrorVariable e -ErrorAction SilentlyContinue; $e } }
        @{ Command = 'Move-MailMessage'; Call = { Get-MailMessage -Session $session -Folder Newsletters | Move-MailMessage -Destination Parent -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue; $e } }
    ) {
        $err = @(& $Call | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        @($err).Count | Should -BeGreaterThan 0
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsFolderNotSelectable*'
        $err[0].Exception.Message | Should -BeLike "*'Parent'*"
        Get-Count Newsletters | Should -Be 1
    }
}

Describe 'Wildcard characters and Unicode spellings in names (item 9)' {
    It 'Get-MailFolder, Get-MailMessage and Invoke-MailCleanup take "[Gmail]/Sent Mail" as the exact name it is' {
        (Get-MailFolder -Session $session '[Gmail]/Sent Mail').FullName | Should -Be '[Gmail]/Sent Mail'
        (Get-MailMessage -Session $session -Folder '[Gmail]/Sent Mail').Subject | Should -Be 'tree [Gmail]/Sent Mail'
        (Invoke-MailCleanup -Session $session -Folder '[Gmail]/Sent Mail' -Subject tree -WhatIf).Folder | Should -Be '[Gmail]/Sent Mail'
    }

    It 'an exact name wins: -Folder "Ne*" means the folder Ne*, not Newsletters too' {
        @(Get-MailFolder -Session $session 'Ne*').FullName | Should -Be @('Ne*')
        @(Get-MailMessage -Session $session -Folder 'Ne*').Folder | Should -Be @('Ne*')
        @(Invoke-MailCleanup -Session $session -Folder 'Ne*' -Subject tree -Action Delete -WhatIf).Folder | Should -Be @('Ne*')
        # Still a wildcard where no folder has that exact name.
        @(Get-MailFolder -Session $session 'News*').FullName | Should -Be @('Newsletters')
    }

    It '-LiteralFolder takes a name without wildcard meaning on <_>' -ForEach 'Get-MailFolder', 'Get-MailMessage', 'Invoke-MailCleanup' {
        $extra = if ($_ -eq 'Invoke-MailCleanup') { @{ Subject = 'tree'; WhatIf = $true } } else { @{} }
        $r = @(& $_ -Session $session -LiteralFolder 'News*' @extra -ErrorAction SilentlyContinue -ErrorVariable err)
        $r | Should -BeNullOrEmpty
        if ($_ -ne 'Invoke-MailCleanup') { $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsFolderNotFound*' }
        @(& $_ -Session $session -LiteralFolder '[Gmail]/Sent Mail' @extra) | Should -Not -BeNullOrEmpty
    }

    It 'NFC and NFD spellings of a non-ASCII name are the same folder' {
        (Get-MailFolder -Session $session $nfc).FullName | Should -Be $nfd
        (Get-MailMessage -Session $session -Folder $nfc).Subject | Should -Be "tree $nfd"
        (Export-Mailbox -Session $session -Folder $nfc -Path (Join-Path $TestDrive 'nfc')).Exported | Should -Be 1
    }
}
