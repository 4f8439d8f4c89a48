# Import-Mailbox safety (issue 11, items 4-7 and 9): messages with odd first lines restored byte for byte, a message
# refused only when the server refuses it, mbox body lines starting with "From ", re-runs that never double messages
# without a Message-ID, -WhatIf, and target names with wildcard characters. Real Dovecot; hashes read by a separate
# MailKit client (not by MailTools).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    $server = Start-TestMailServer -Users alice -NoPop3 -Quota 4M
    $session = Connect-TestSession -Server $server
    $user = $server.Users[0].UserName
    $utf8 = [Text.Encoding]::UTF8

    function Get-Sha([byte[]] $Bytes) { [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($Bytes)).ToLowerInvariant() }

    # SHA-256 of BODY[] of every message of a folder, read by a separate MailKit client; sorted.
    function Get-FolderHash([string] $Folder) {
        Invoke-TestImapFolder -Server $server -Folder $Folder {
            param($f)
            @(foreach ($uid in $f.Search([MailKit.Search.SearchQuery]::All)) {
                $s = $f.GetStream($uid, ''); $ms = [IO.MemoryStream]::new(); $s.CopyTo($ms); $s.Dispose()
                Get-Sha $ms.ToArray()
            }) | Sort-Object
        }
    }

    function New-EmlFolder([string] $Name, [hashtable] $Files) {
        $dir = Join-Path $TestDrive $Name
        $null = New-Item -ItemType Directory -Force -Path $dir
        foreach ($k in $Files.Keys) { [IO.File]::WriteAllBytes((Join-Path $dir "$k.eml"), [byte[]]$Files[$k]) }
        $dir
    }

    function Get-ServerFolderNames { @(Invoke-TestDoveadm $server mailbox list -u $user) }
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction Ignore
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Import-Mailbox restores what Export-Mailbox wrote (item 4)' {
    It 'uploads a message starting with a UTF-8 BOM and one starting with a leftover From_ line, byte for byte' {
        $bom = [byte[]](0xEF, 0xBB, 0xBF) + $utf8.GetBytes("From: a@example.com`r`nSubject: starts with a BOM`r`n`r`nbody`r`n")
        $fromLine = $utf8.GetBytes("From user@example.com  Fri Feb 22 10:11:12 2013`r`nFrom: a@example.com`r`nSubject: leftover From_ line`r`n`r`nbody`r`n")
        $dir = New-EmlFolder 'oddstart' @{ bom = $bom; fromline = $fromLine }
        $r = Import-Mailbox -Path $dir -Folder OddStart -Session $session -WarningVariable warn -ErrorVariable err
        $err | Should -BeNullOrEmpty
        $warn | Should -BeNullOrEmpty
        $r.Imported | Should -Be 2
        $r.Failed | Should -Be 0
        Get-FolderHash OddStart | Should -Be (@((Get-Sha $bom), (Get-Sha $fromLine)) | Sort-Object)
    }

    It 'refuses a message only when the server does, with the server''s words, the file and the folder; the rest goes in' {
        $small = $utf8.GetBytes("From: a@example.com`r`nSubject: fits`r`n`r`nsmall`r`n")
        $big = $utf8.GetBytes("From: a@example.com`r`nSubject: over quota`r`n`r`n" + (('x' * 998 + "`r`n") * 5000))
        $dir = New-EmlFolder 'quota' @{ a_small = $small; b_big = $big }
        $r = Import-Mailbox -Path $dir -Folder Quota -Session $session -ErrorVariable err -ErrorAction SilentlyContinue
        $r.Imported | Should -Be 1
        $r.Failed | Should -Be 1
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsImportMessageRefused*'
        $err[0].Exception.Message | Should -BeLike '*b_big.eml*'
        $err[0].Exception.Message | Should -BeLike "*'Quota'*"
        $err[0].Exception.Message | Should -BeLike '*Quota exceeded*'   # Dovecot's own words
        Get-FolderHash Quota | Should -Be @(Get-Sha $small)
    }
}

Describe 'mbox separators (item 5)' {
    It 'treats a body line "From the desk of Alice: ..." as text, not as a new message (mboxo)' {
        $one = "From: alice@example.com`nSubject: memo`nMessage-ID: <memo@example.com>`n`nDear all,`nFrom the desk of Alice: the office is closed on Friday.`nBye`n"
        $two = "From: bob@example.com`nSubject: second`nMessage-ID: <second@example.com>`n`nSecond.`n"
        $mbox = Join-Path $TestDrive 'mboxo.mbox'
        [IO.File]::WriteAllText($mbox, "From alice@example.com Mon Feb  5 09:00:00 2024`n$one`nFrom bob@example.com Tue Feb  6 09:00:00 2024`n$two`n")
        $out = Import-Mailbox -Path $mbox -Folder Mboxo -Session $session -Verbose -ErrorVariable err 4>&1
        $r = $out | Where-Object { $_ -is [MailTools.ImportResult] }
        $err | Should -BeNullOrEmpty
        $r.Imported | Should -Be 2
        $r.Failed | Should -Be 0
        ($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and "$_" -like '*From the desk of Alice*' }) | Should -Not -BeNullOrEmpty
        Get-FolderHash Mboxo | Should -Be (@((Get-Sha $utf8.GetBytes($one.Replace("`n", "`r`n"))), (Get-Sha $utf8.GetBytes($two.Replace("`n", "`r`n")))) | Sort-Object)
    }
}

Describe 'Re-running an import (item 6)' {
    It 'never doubles messages without a Message-ID, and fetches the candidates in one batch' {
        $files = @{}
        foreach ($i in 1..4) { $files["noid$i"] = $utf8.GetBytes("From: a@example.com`r`nSubject: no id $i`r`n`r`nsame size body $i`r`n") }
        $dir = New-EmlFolder 'noid' $files
        # A message of the same size but other bytes is already there: it must not hide one of ours.
        Add-TestMessage -Server $server -User $user -Mailbox NoId -Path (New-Item (Join-Path $TestDrive 'decoy.eml') -Value "From: a@example.com`r`nSubject: no id 9`r`n`r`nsame size body 9`r`n").FullName
        (Import-Mailbox -Path $dir -Folder NoId -Session $session).Imported | Should -Be 4
        $log = Join-Path $TestDrive 'noid-protocol.log'
        $logged = Connect-TestSession -Server $server -Extra @{ ProtocolLogPath = $log }
        $again = Import-Mailbox -Path $dir -Folder NoId -Session $logged
        Disconnect-MailServer -Session $logged
        $again.Imported | Should -Be 0
        $again.Skipped | Should -Be 4
        (Get-TestMailboxStatus -Server $server -User $user -Mailbox NoId).Messages | Should -Be 5
        # One UID FETCH of the bodies for all size-matching candidates, not one per message.
        @(Get-Content -LiteralPath $log | Where-Object { $_ -match '(?:^|\s)C: \S+ UID FETCH .*BODY\.PEEK\[\]' }).Count | Should -Be 1
    }
}

Describe 'Import-Mailbox -WhatIf / -Confirm (item 7)' {
    It 'supports ShouldProcess: -WhatIf creates no folder and uploads nothing' {
        (Get-Command Import-Mailbox).Parameters.Keys | Should -Contain 'WhatIf'
        $dir = New-EmlFolder 'whatif' @{ one = $utf8.GetBytes("From: a@example.com`r`nSubject: what if`r`nMessage-ID: <whatif@example.com>`r`n`r`nx`r`n") }
        Import-Mailbox -Path $dir -Folder WhatIfNew -Session $session -WhatIf
        Get-ServerFolderNames | Should -Not -Contain 'WhatIfNew'
        Add-TestMessage -Server $server -User $user -Mailbox WhatIfOld -Path (New-Item (Join-Path $TestDrive 'old.eml') -Value "From: a@example.com`r`nSubject: old`r`n`r`nx`r`n").FullName
        Import-Mailbox -Path $dir -Folder WhatIfOld -Session $session -WhatIf
        (Get-TestMailboxStatus -Server $server -User $user -Mailbox WhatIfOld).Messages | Should -Be 1
        (Import-Mailbox -Path $dir -Folder WhatIfOld -Session $session -Confirm:$false).Imported | Should -Be 1
    }
}

Describe 'Target folder names with wildcard characters (item 9)' {
    It 'refuses to create a folder named with * % or ? from -Folder, and creates it with -LiteralFolder' {
        $dir = New-EmlFolder 'star' @{ one = $utf8.GetBytes("From: a@example.com`r`nSubject: star`r`n`r`nx`r`n") }
        Import-Mailbox -Path $dir -Folder 'Ne*' -Session $session -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsFolderNameHasWildcard*'
        $err[0].Exception.Message | Should -BeLike '*-LiteralFolder*'
        Get-ServerFolderNames | Should -Not -Contain 'Ne*'
        (Import-Mailbox -Path $dir -LiteralFolder 'Ne*' -Session $session).Imported | Should -Be 1
        Get-ServerFolderNames | Should -Contain 'Ne*'
    }
}
