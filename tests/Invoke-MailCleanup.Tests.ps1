# Invoke-MailCleanup against a real Dovecot (and one that hides UIDPLUS and MOVE). Results are proved by listing the
# folders with doveadm before and after, never by trusting MailTools' own counters.
BeforeAll {
    . $PSScriptRoot/MailMessageCommon.ps1
    $server = Start-TestMailServer -Users carol, dave, erin, frank, gina, hank, ivan, judy, kate, liam
    # A second Dovecot that hides UIDPLUS and MOVE, so the fallbacks run.
    $plain = Start-TestMailServer -Users alice, bob, cleo -ImapCapability 'IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SPECIAL-USE NAMESPACE UNSELECT CHILDREN LIST-EXTENDED LIST-STATUS ESEARCH'
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
    if ($plain) { Stop-TestMailServer $plain }
}

Describe 'Invoke-MailCleanup over IMAP' {
    BeforeAll {
        $old1 = Add-Mail $server carol -Subject 'old-1' -DaysOld 400
        $old2 = Add-Mail $server carol -Subject 'old-2' -DaysOld 500 -Pad 2000
        $flagged = Add-Mail $server carol -Subject 'old-flagged' -DaysOld 400 -Flags '\Flagged'
        $theirs = Add-Mail $server carol -Subject 'old-theirs' -DaysOld 400 -Flags '\Deleted'
        $recent = Add-Mail $server carol -Subject 'recent' -DaysOld 5
        $junkOld = Add-Mail $server carol -Mailbox Junk -Subject 'junk-old' -DaysOld 60
        $junkNew = Add-Mail $server carol -Mailbox Junk -Subject 'junk-new' -DaysOld 1
        $session = Connect-TestSession -Server $server -UserIndex 0
        $log = Join-Path $TestDrive 'deleted.csv'
    }

    It '-WhatIf reports count and bytes per folder and changes nothing' {
        $before = Get-Snapshot $server carol
        $r = Invoke-MailCleanup -Folder INBOX -OlderThan 1y -Action Delete -LogPath $log -WhatIf
        $r.Matched | Should -Be 2
        $r.Acted | Should -Be 0
        $r.WhatIf | Should -BeTrue
        $r.Bytes | Should -Be ($old1.VirtualSize + $old2.VirtualSize)
        Get-Snapshot $server carol | Should -Be $before
        Get-DoveFlags $server carol INBOX $old1.Uid | Should -Not -Match 'Deleted'
        $log | Should -Not -Exist
    }

    It 'deletes exactly the matching messages; flagged and another client''s \Deleted stay; the log lists each one' {
        $r = Invoke-MailCleanup -Folder INBOX -OlderThan 1y -Action Delete -LogPath $log -Force
        $r.Acted | Should -Be 2
        $r.SkippedFlagged | Should -Be 1
        $r.SkippedDeleted | Should -Be 1
        Get-DoveUids $server carol INBOX | Should -Be @($flagged.Uid, $theirs.Uid, $recent.Uid)
        Get-DoveFlags $server carol INBOX $theirs.Uid | Should -Match '\\Deleted'
        $rows = @(Import-Csv $log)
        $rows.Count | Should -Be 2
        $rows.Uid | Sort-Object | Should -Be @("$($old1.Uid)", "$($old2.Uid)" | Sort-Object)
        $rows.Subject | Sort-Object | Should -Be @('old-1', 'old-2')
        $rows[0].Action | Should -Be 'Delete'
        $rows[0].MessageId | Should -Match '^old-\d\.'
        $rows[0].Account | Should -Be $session.Account
    }

    It 'appends to the log on the next run and moves to Trash by default' {
        $r = Invoke-MailCleanup -Folder '@Junk' -OlderThan 30 -LogPath $log -Force
        $r.Action | Should -Be 'Trash'
        $r.Destination | Should -Be 'Trash'
        Get-DoveUids $server carol Junk | Should -Be @($junkNew.Uid)
        Get-DoveSubjects $server carol Trash | Should -Be @('junk-old')
        $rows = @(Import-Csv $log)
        $rows.Count | Should -Be 3
        $rows[2].Destination | Should -Be 'Trash'
        (Get-Content $log | Where-Object { $_ -like 'Time,*' }).Count | Should -Be 1
    }

    It 'includes flagged messages only with -IncludeFlagged' {
        Invoke-MailCleanup -Folder INBOX -Subject 'old-flagged' -Action Move -Destination Archive -IncludeFlagged -Confirm:$false | Out-Null
        Get-DoveSubjects $server carol Archive | Should -Be @('old-flagged')
        Get-DoveUids $server carol INBOX | Should -Be @($theirs.Uid, $recent.Uid)
    }

    It 'refuses to run without a condition' {
        { Invoke-MailCleanup -Folder INBOX -Force -ErrorAction Stop } | Should -Throw -ErrorId 'MailToolsInvalidArgument*'
        Get-DoveUids $server carol INBOX | Should -Be @($theirs.Uid, $recent.Uid)
    }
}

Describe 'Invoke-MailCleanup -Read and -Unread' {
    BeforeAll {
        $readOld = Add-Mail $server kate -Subject 'read-old' -DaysOld 400 -Flags '\Seen'
        $unreadOld = Add-Mail $server kate -Subject 'unread-old' -DaysOld 400
        $unreadNew = Add-Mail $server kate -Subject 'unread-new' -DaysOld 2
        $session = Connect-TestSession -Server $server -UserIndex 8
    }
    AfterAll { Disconnect-MailServer -Session $session }

    It '-Unread acts only on unread messages that match the rule, as -Read does on read ones' {
        $r = Invoke-MailCleanup -Session $session -Folder INBOX -OlderThan 1y -Unread -Action Delete -Confirm:$false
        $r.Acted | Should -Be 1
        Get-DoveUids $server kate INBOX | Should -Be @($readOld.Uid, $unreadNew.Uid)
        $r = Invoke-MailCleanup -Session $session -Folder INBOX -OlderThan 1y -Read -Action Delete -Confirm:$false
        $r.Acted | Should -Be 1
        Get-DoveUids $server kate INBOX | Should -Be @($unreadNew.Uid)
    }

    It 'refuses -Read with -Unread, and warns when -Since is not before -Before' {
        { Invoke-MailCleanup -Session $session -Folder INBOX -OlderThan 1y -Read -Unread -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'MailToolsInvalidArgument*'
        $r = Invoke-MailCleanup -Session $session -Folder INBOX -Since 2030-01-01 -Before 2000-01-01 -Action Delete -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match '-Since 2030-01-01.*-Before 2000-01-01.*matches nothing'
        $null = Get-MailMessage -Session $session -Folder INBOX -Since 2030-01-01 -Before 2000-01-01 -WarningVariable warned2 -WarningAction SilentlyContinue
        "$warned2" | Should -Match 'matches nothing'
        Get-DoveUids $server kate INBOX | Should -Be @($unreadNew.Uid)
    }
}

Describe 'Invoke-MailCleanup -Force -WhatIf' {
    It 'plans read-only (EXAMINE, never SELECT) and counts the flagged messages the real run leaves alone' {
        $old = @(1..3 | ForEach-Object { Add-Mail $server kate -Mailbox Archive -Subject "preview-old-$_" -DaysOld 400 })
        $flagged = @(1..2 | ForEach-Object { Add-Mail $server kate -Mailbox Archive -Subject "preview-flagged-$_" -DaysOld 400 -Flags '\Flagged' })
        $theirs = Add-Mail $server kate -Mailbox Archive -Subject 'preview-theirs' -DaysOld 400 -Flags '\Deleted'
        $recent = Add-Mail $server kate -Mailbox Archive -Subject 'preview-recent' -DaysOld 3
        $before = Get-Snapshot $server kate
        $protocolLog = Join-Path $TestDrive 'kate-preview.imap.log'
        $s = Connect-TestSession -Server $server -UserIndex 8 -Extra @{ ProtocolLogPath = $protocolLog }
        try { $preview = Invoke-MailCleanup -Session $s -Folder Archive -OlderThan 1y -Action Delete -Force -WhatIf }
        finally { Disconnect-MailServer -Session $s }
        Get-Snapshot $server kate | Should -Be $before
        # Client command lines ("C: A00000012 EXAMINE Archive ..."): the verb only.
        $verbs = @(foreach ($line in [IO.File]::ReadAllLines($protocolLog)) { if ($line -match '(?:^|\s)C: \S+ (UID \S+|\S+)') { $Matches[1] } })
        $verbs | Should -Contain 'EXAMINE'
        $verbs | Should -Not -Contain 'SELECT' -Because 'a preview opens the folder read-only'
        $verbs | Should -Not -Contain 'UID STORE'
        $preview.WhatIf | Should -BeTrue
        $preview.Acted | Should -Be 0
        $preview.Matched | Should -Be $old.Count
        $preview.SkippedFlagged | Should -Be $flagged.Count
        $preview.SkippedDeleted | Should -Be 1
        # The same command without -WhatIf deletes what the preview matched and leaves exactly the flagged (and the
        # other client's \Deleted) it counted: as doveadm lists the folder, not as MailTools counts.
        $s = Connect-TestSession -Server $server -UserIndex 8
        try { $r = Invoke-MailCleanup -Session $s -Folder Archive -OlderThan 1y -Action Delete -Force }
        finally { Disconnect-MailServer -Session $s }
        $r.Acted | Should -Be $preview.Matched
        Get-DoveUids $server kate Archive | Should -Be @($flagged.Uid + $theirs.Uid + $recent.Uid)
        @(Get-DoveUids $server kate Archive | Where-Object { $_ -in $flagged.Uid }).Count | Should -Be $preview.SkippedFlagged
    }
}

Describe 'Invoke-MailCleanup after a run cut between its mark and its expunge' {
    It 'finishes the deletions it had marked itself, and still never expunges another client''s \Deleted (<Name>)' -ForEach @(
        @{ Name = 'UIDPLUS'; Target = 'server'; User = 'judy'; UserIndex = 7 }
        @{ Name = 'no UIDPLUS'; Target = 'plain'; User = 'cleo'; UserIndex = 2 }
    ) {
        # What a cut run leaves: \Deleted plus MailTools' own keyword (it stores both in one UID STORE).
        $srv = Get-Variable -Name $Target -ValueOnly
        $oursLeft = Add-Mail $srv $User -Subject 'cut-ours' -DaysOld 400 -Flags '\Deleted $MailToolsDelete'
        $theirs = Add-Mail $srv $User -Subject 'cut-theirs' -DaysOld 400 -Flags '\Deleted'
        $todo = Add-Mail $srv $User -Subject 'cut-todo' -DaysOld 400
        $keep = Add-Mail $srv $User -Subject 'cut-keep' -DaysOld 3
        $s = Connect-TestSession -Server $srv -UserIndex $UserIndex
        try {
            # The preview counts what is left alone; the -Force run (planned by search alone where the server has
            # UIDPLUS) leaves the same out server-side without counting it.
            $preview = Invoke-MailCleanup -Session $s -Folder INBOX -OlderThan 1y -Action Delete -WhatIf
            $r = Invoke-MailCleanup -Session $s -Folder INBOX -OlderThan 1y -Action Delete -Force
        }
        finally { Disconnect-MailServer $s }
        $preview.SkippedDeleted | Should -Be 1 # the other client's
        $r.Acted | Should -Be 2          # the leftover of the cut run, and the one still to do
        Get-DoveUids $srv $User INBOX | Should -Be @($theirs.Uid, $keep.Uid)
        Get-DoveFlags $srv $User INBOX $theirs.Uid | Should -Match '\\Deleted'
    }
}

Describe 'Invoke-MailCleanup on a server without UIDPLUS and MOVE' {
    BeforeAll {
        $p1 = Add-Mail $plain alice -Subject 'p-old-1' -DaysOld 400
        $p2 = Add-Mail $plain alice -Subject 'p-old-2' -DaysOld 400
        $pFlag = Add-Mail $plain alice -Subject 'p-old-flagged' -DaysOld 400 -Flags '\Flagged'
        $pTheirs = Add-Mail $plain alice -Subject 'p-theirs' -DaysOld 400 -Flags '\Deleted'
        $pTheirsNew = Add-Mail $plain alice -Subject 'p-theirs-new' -DaysOld 1 -Flags '\Deleted \Seen'
        $pNew = Add-Mail $plain alice -Subject 'p-new' -DaysOld 1
        $s1 = Add-Mail $plain alice -Mailbox Sent -Subject 's-old' -DaysOld 400
        $s2 = Add-Mail $plain alice -Mailbox Sent -Subject 's-new' -DaysOld 1
        $sTheirs = Add-Mail $plain alice -Mailbox Sent -Subject 's-theirs' -DaysOld 1 -Flags '\Deleted'
        $session = Connect-TestSession -Server $plain
    }

    It 'really hides them' {
        $session.Capabilities | Should -Not -Contain 'UidPlus'
        $session.Capabilities | Should -Not -Contain 'Move'
    }

    It 'deletes exactly the matching messages with a plain EXPUNGE that spares other clients'' \Deleted messages' {
        $r = Invoke-MailCleanup -Folder INBOX -OlderThan 1y -Action Delete -Force
        $r.Acted | Should -Be 2
        Get-DoveUids $plain alice INBOX | Should -Be @($pFlag.Uid, $pTheirs.Uid, $pTheirsNew.Uid, $pNew.Uid)
        Get-DoveFlags $plain alice INBOX $pTheirs.Uid | Should -Match '\\Deleted'
        Get-DoveFlags $plain alice INBOX $pTheirsNew.Uid | Should -Match '\\Deleted'
    }

    It 'moves to Trash through COPY and the same exact delete' {
        Invoke-MailCleanup -Folder '@Sent' -OlderThan 1y -Force | Out-Null
        Get-DoveUids $plain alice Sent | Should -Be @($s2.Uid, $sTheirs.Uid)
        Get-DoveFlags $plain alice Sent $sTheirs.Uid | Should -Match '\\Deleted'
        Get-DoveSubjects $plain alice Trash | Should -Be @('s-old')
    }
}

Describe 'Invoke-MailCleanup -Policy' {
    BeforeAll {
        $seed = @(
            @('Trash', 'trash-40d', 40, 0), @('Trash', 'trash-10d', 10, 0),
            @('Junk', 'junk-40d', 40, 0),
            @('Newsletters', 'news-100d', 100, 0), @('Newsletters', 'news-60d', 60, 0),
            @('INBOX', 'inbox-400d', 400, 0), @('INBOX', 'inbox-200d-big', 200, 60000), @('INBOX', 'inbox-10d', 10, 0),
            @('Sent', 'sent-400d', 400, 0), @('Sent', 'sent-10d', 10, 0)
        )
        foreach ($s in $seed) { $null = Add-Mail $server dave -Mailbox $s[0] -Subject $s[1] -DaysOld $s[2] -Pad $s[3] }
        $session = Connect-TestSession -Server $server -UserIndex 1
        $policyText = @'
@{
    Rules = @(
        @{ Name = 'Old trash and junk'; Folders = '@Trash', '@Junk'; OlderThan = '30d'; Action = 'Delete' }
        @{ Name = 'Newsletters'; Folders = 'News*'; OlderThan = '90d'; Action = 'Delete' }
        @{ Name = 'Old mail'; Folders = 'INBOX', '@Sent'; OlderThan = '1y'; Action = 'Move'; Destination = '@Archive' }
        @{ Name = 'Big and old'; Folders = '*'; LargerThan = '50KB'; OlderThan = '6mo' }
    )
}
'@
        $policy = Join-Path $TestDrive 'policy.psd1'
        Set-Content $policy $policyText
    }

    It 'previews per folder with -WhatIf, changing nothing' {
        $before = Get-Snapshot $server dave
        $r = @(Invoke-MailCleanup -Policy $policy -WhatIf)
        Get-Snapshot $server dave | Should -Be $before
        ($r | Where-Object { $_.Folder -eq 'Trash' -and $_.Rule -eq 'Old trash and junk' }).Matched | Should -Be 1
        ($r | Where-Object { $_.Folder -eq 'INBOX' -and $_.Rule -eq 'Big and old' }).Matched | Should -Be 1
        ($r | Measure-Object Acted -Sum).Sum | Should -Be 0
    }

    It 'applies several rules across folders, with special-use roles' {
        $r = @(Invoke-MailCleanup -Policy $policy -Force)
        Get-DoveSubjects $server dave Trash | Should -Be @('inbox-200d-big', 'trash-10d')   # moved in this run, not deleted by rule 1
        Get-DoveSubjects $server dave Junk | Should -Be @()
        Get-DoveSubjects $server dave Newsletters | Should -Be @('news-60d')
        Get-DoveSubjects $server dave INBOX | Should -Be @('inbox-10d')
        Get-DoveSubjects $server dave Sent | Should -Be @('sent-10d')
        Get-DoveSubjects $server dave Archive | Should -Be @('inbox-400d', 'sent-400d')
        ($r | Measure-Object Acted -Sum).Sum | Should -Be 6
    }

    It 'reads the same shape from JSON' {
        $json = Join-Path $TestDrive 'policy.json'
        Set-Content $json '{ "Rules": [ { "Name": "j", "Folders": ["@Trash"], "OlderThan": "5d", "Action": "Delete" } ] }'
        $r = Invoke-MailCleanup -Policy $json -Force
        $r.Acted | Should -Be 2
        Get-DoveSubjects $server dave Trash | Should -Be @()
    }

    It 'rejects a malformed policy (<Problem>) before any change, naming the line' -ForEach @(
        @{ Problem = 'unknown key'; Line = "@{ Folders = 'INBOX'; OlderThan = '1d'; Colour = 'red' }"; Expect = "unknown key 'Colour'" }
        @{ Problem = 'bad age'; Line = "@{ Folders = 'INBOX'; OlderThan = 'ages' }"; Expect = "'ages' is not an age" }
        @{ Problem = 'bad size'; Line = "@{ Folders = 'INBOX'; LargerThan = 'huge' }"; Expect = "'huge' is not a size" }
        @{ Problem = 'unknown action'; Line = "@{ Folders = 'INBOX'; OlderThan = '1d'; Action = 'Shred' }"; Expect = "unknown action 'Shred'" }
        @{ Problem = 'null key'; Line = "@{ Folders = 'INBOX'; OlderThan = '1d'; `$null = 'x' }"; Expect = 'a key is $null' }
    ) {
        $file = Join-Path $TestDrive "bad-$($Problem -replace ' ').psd1"
        Set-Content $file "@{`n    Rules = @(`n        @{ Folders = '*'; OlderThan = '0d'; Action = 'Delete' }`n        $Line`n    )`n}"
        $before = Get-Snapshot $server dave
        try { Invoke-MailCleanup -Policy $file -Force -ErrorAction Stop } catch { $e = $_ }
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -BeLike 'MailToolsInvalidPolicy*'
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
        $e.Exception.Message | Should -Match ([regex]::Escape($Expect))
        $e.Exception.Message | Should -Match 'line 4'
        Get-Snapshot $server dave | Should -Be $before
    }
}

Describe 'Invoke-MailCleanup over POP3' {
    BeforeAll {
        $null = Add-Mail $server erin -Subject 'pop-old-small' -DaysOld 400
        $null = Add-Mail $server erin -Subject 'pop-old-big' -DaysOld 400 -Pad 40000
        $null = Add-Mail $server erin -Subject 'pop-new-big' -DaysOld 3 -Pad 40000
        $null = Add-Mail $server erin -Subject 'pop-new-small' -DaysOld 3
        $pop = Connect-TestSession -Server $server -UserIndex 2 -Protocol Pop3
        $before = @(Get-MailMessage -Session $pop)
    }

    It 'deletes by age, committed at QUIT, as a fresh POP3 session sees' {
        $r = Invoke-MailCleanup -Session $pop -Folder INBOX -OlderThan 1y -Action Delete -Force
        $r.Acted | Should -Be 2
        $fresh = Connect-TestSession -Server $server -UserIndex 2 -Protocol Pop3
        (Get-MailFolder -Session $fresh).Count | Should -Be 2            # STAT
        $left = @(Get-MailMessage -Session $fresh)                      # UIDL + TOP
        $left.Pop3Uid | Sort-Object | Should -Be @($before | Where-Object Subject -like 'pop-new-*' | ForEach-Object Pop3Uid | Sort-Object)
        Disconnect-MailServer -Session $fresh
    }

    It 'deletes by size' {
        Invoke-MailCleanup -Session $pop -Folder INBOX -LargerThan 20KB -Action Delete -Force | Out-Null
        $fresh = Connect-TestSession -Server $server -UserIndex 2 -Protocol Pop3
        @(Get-MailMessage -Session $fresh).Subject | Should -Be @('pop-new-small')
        Disconnect-MailServer -Session $fresh
    }

    It 'refuses Trash over POP3 before touching anything' {
        { Invoke-MailCleanup -Session $pop -Folder INBOX -OlderThan 0 -Force -ErrorAction Stop } | Should -Throw -ErrorId 'MailToolsNotSupportedOverPop3*'
        Get-DoveSubjects $server erin INBOX | Should -Be @('pop-new-small')
    }
}

Describe 'Invoke-MailCleanup -Action Archive' -ForEach @(
    @{ Name = 'Dovecot'; Target = 'server'; User = 'gina'; UserIndex = 4; Format = 'Eml' }
    @{ Name = 'Dovecot without UIDPLUS and MOVE'; Target = 'plain'; User = 'bob'; UserIndex = 1; Format = 'Maildir' }
) {
    BeforeAll {
        $srv = Get-Variable -Name $Target -ValueOnly
        $old1 = Add-Mail $srv $User -Subject 'arch-old-1' -DaysOld 400
        $old2 = Add-Mail $srv $User -Subject 'arch-old-2' -DaysOld 500 -Pad 5000
        $old3 = Add-Mail $srv $User -Subject 'arch-old-3' -DaysOld 450 -Flags '\Seen'
        $flagged = Add-Mail $srv $User -Subject 'arch-old-flagged' -DaysOld 400 -Flags '\Flagged'
        $theirs = Add-Mail $srv $User -Subject 'arch-old-theirs' -DaysOld 400 -Flags '\Deleted'
        $recent = Add-Mail $srv $User -Subject 'arch-recent' -DaysOld 5
        # The server's own bytes, hashed BEFORE anything is removed, through a separate MailKit client.
        $serverHashes = Get-ServerBodyHashes -Server $srv -UserIndex $UserIndex
        $session = Connect-TestSession -Server $srv -UserIndex $UserIndex
        $archive = Join-Path $TestDrive "archive-$User"
        $log = Join-Path $TestDrive "archive-$User.csv"
    }

    It 'on <Name>: -WhatIf writes nothing and deletes nothing' {
        $before = Get-Snapshot $srv $User
        $r = Invoke-MailCleanup -Folder INBOX -OlderThan 1y -Action Archive -ArchivePath $archive -ArchiveFormat $Format -LogPath $log -WhatIf
        $r.Matched | Should -Be 3
        $r.Acted | Should -Be 0
        $r.Destination | Should -Be $archive
        Get-Snapshot $srv $User | Should -Be $before
        $archive | Should -Not -Exist
        $log | Should -Not -Exist
    }

    It 'on <Name>: leaves a verified copy of every removed message, logs each with its file, and keeps the rest' {
        $r = Invoke-MailCleanup -Folder INBOX -OlderThan 1y -Action Archive -ArchivePath $archive -ArchiveFormat $Format -LogPath $log -Force
        $r.Acted | Should -Be 3
        $r.ActedBytes | Should -Be ($old1.VirtualSize + $old2.VirtualSize + $old3.VirtualSize)
        # Only the rule's messages left the server; flagged and another client's \Deleted stay.
        Get-DoveUids $srv $User INBOX | Should -Be @($flagged.Uid, $theirs.Uid, $recent.Uid)
        Get-DoveFlags $srv $User INBOX $theirs.Uid | Should -Match '\\Deleted'
        $rows = @(Import-Csv $log)
        $rows.Count | Should -Be 3
        $rows.Uid | Sort-Object | Should -Be @("$($old1.Uid)", "$($old2.Uid)", "$($old3.Uid)" | Sort-Object)
        foreach ($row in $rows) {
            $row.Action | Should -Be 'Archive'
            $row.Destination | Should -BeLike "$archive*"
            $row.Destination | Should -Exist
            # The archived file is byte for byte what the server held before the clean-up.
            Get-FileHashHex $row.Destination | Should -Be $serverHashes[[long]$row.Uid]
        }
        $rows.Subject | Sort-Object | Should -Be @('arch-old-1', 'arch-old-2', 'arch-old-3')
    }

    It 'on <Name>: a second run finds nothing more and writes nothing twice' {
        $files = @(Get-ChildItem $archive -Recurse -File | Where-Object { $_.FullName -notlike '*mailtools-state*' -and $_.Name -ne 'manifest.jsonl' })
        $r = Invoke-MailCleanup -Folder INBOX -OlderThan 1y -Action Archive -ArchivePath $archive -ArchiveFormat $Format -LogPath $log -Force
        $r.Matched | Should -Be 0
        @(Get-ChildItem $archive -Recurse -File | Where-Object { $_.FullName -notlike '*mailtools-state*' -and $_.Name -ne 'manifest.jsonl' }).Count | Should -Be $files.Count
        @(Import-Csv $log).Count | Should -Be 3
        Get-DoveUids $srv $User INBOX | Should -Be @($flagged.Uid, $theirs.Uid, $recent.Uid)
    }
}

Describe 'Invoke-MailCleanup -Action Archive over POP3' {
    BeforeAll {
        $null = Add-Mail $server erin -Mailbox Junk -Subject 'unused' -DaysOld 1
    }

    It 'writes and verifies the copies, then deletes only those, as a fresh POP3 session sees' {
        # Ends in CRLF: POP3 (RFC 1939 3) must end a message with CRLF before the final '.', so a message without one
        # comes back over RETR with a CRLF more than IMAP's BODY[].
        $null = Add-Mail $server erin -Subject 'pop-arch-old' -DaysOld 400
        $null = Add-Mail $server erin -Subject 'pop-arch-new' -DaysOld 2
        $hashes = Get-ServerBodyHashes -Server $server -UserIndex 2
        $pop = Connect-TestSession -Server $server -UserIndex 2 -Protocol Pop3
        $popArchive = Join-Path $TestDrive 'pop-archive'
        $popLog = Join-Path $TestDrive 'pop-archive.csv'
        $r = Invoke-MailCleanup -Session $pop -Folder INBOX -OlderThan 1y -Action Archive -ArchivePath $popArchive -ArchiveFormat Eml -LogPath $popLog -Force
        $r.Acted | Should -Be 1
        $fresh = Connect-TestSession -Server $server -UserIndex 2 -Protocol Pop3
        @(Get-MailMessage -Session $fresh).Subject | Should -Not -Contain 'pop-arch-old'
        @(Get-MailMessage -Session $fresh).Subject | Should -Contain 'pop-arch-new'
        Disconnect-MailServer -Session $fresh
        $row = @(Import-Csv $popLog)
        $row.Count | Should -Be 1
        $row[0].Subject | Should -Be 'pop-arch-old'
        $row[0].Action | Should -Be 'Archive'
        # POP3 RETR and IMAP BODY[] hand out the same bytes: the copy equals the IMAP hash taken before.
        (Get-FileHashHex $row[0].Destination) | Should -BeIn @($hashes.Values)
    }
}

Describe 'IMAP commands per folder do not grow with the number of messages' {
    BeforeAll {
        # A contiguous old range: 100 messages for hank, 2,000 for ivan, then one new message each.
        Add-BulkMail -Server $server -User hank -Count 100 -AllOld
        Add-BulkMail -Server $server -User ivan -Count 2000 -AllOld
        $null = Add-Mail $server hank -Subject 'keep' -DaysOld 1
        $null = Add-Mail $server ivan -Subject 'keep' -DaysOld 1
    }

    It 'sends the same commands for 100 and for 2,000 old messages' {
        $counts = foreach ($u in @(@{ Index = 5; Name = 'hank'; N = 100 }, @{ Index = 6; Name = 'ivan'; N = 2000 })) {
            $protocolLog = Join-Path $TestDrive "$($u.Name).imap.log"
            $s = Connect-TestSession -Server $server -UserIndex $u.Index -Extra @{ ProtocolLogPath = $protocolLog }
            $r = Invoke-MailCleanup -Session $s -Folder INBOX -OlderThan 1y -Action Delete -Force
            $r.Acted | Should -Be $u.N
            Disconnect-MailServer -Session $s
            (Get-TestMailboxStatus -Server $server -User $u.Name -Mailbox INBOX).Messages | Should -Be 1
            # Client command lines: "C: A00000012 UID STORE ..." (the tag differs, the command does not).
            , @(foreach ($line in [IO.File]::ReadAllLines($protocolLog)) { if ($line -match '(?:^|\s)C: \S+ (\S+(?: \S+)?)') { $Matches[1] } })
        }
        $counts[1].Count | Should -Be $counts[0].Count
        $counts[1] -join ',' | Should -Be ($counts[0] -join ',')
        $counts[0] | Should -Contain 'UID EXPUNGE'
    }

    It 'sends at most 4 commands per folder for a 4-folder delete (SELECT, UID SEARCH, UID STORE, UID EXPUNGE), as imapfilter, over two connections' {
        # Folders of very different sizes; the bound is per folder and fixed, so it cannot depend on the message count.
        $sizes = [ordered]@{ INBOX = 20; Archive = 1500; Sent = 3; Newsletters = 400 }
        $first = 0
        foreach ($f in $sizes.Keys) { Add-BulkMail -Server $server -User liam -Mailbox $f -Count $sizes[$f] -First $first -AllOld; $first += $sizes[$f] }
        # Kept whatever the rule says: a flagged message and another client's \Deleted in the big folder.
        $keepFlagged = Add-Mail $server liam -Mailbox Archive -Subject 'liam-flagged' -DaysOld 900 -Flags '\Flagged'
        $keepTheirs = Add-Mail $server liam -Mailbox Archive -Subject 'liam-theirs' -DaysOld 900 -Flags '\Deleted'
        $vsizeBefore = @{}
        foreach ($f in $sizes.Keys) { $vsizeBefore[$f] = (Get-TestMailboxStatus -Server $server -User liam -Mailbox $f).VSize }
        $look = Connect-TestSession -Server $server -UserIndex 9
        $order = @(Invoke-MailCleanup -Session $look -Folder @($sizes.Keys) -OlderThan 1y -Action Delete -WhatIf).Folder
        Disconnect-MailServer -Session $look
        $protocolLog = Join-Path $TestDrive 'liam.imap.log'
        $s = Connect-TestSession -Server $server -UserIndex 9 -Extra @{ ProtocolLogPath = $protocolLog }
        $r = @(Invoke-MailCleanup -Session $s -Folder @($sizes.Keys) -OlderThan 1y -Action Delete -Force -ErrorAction Stop)
        Disconnect-MailServer -Session $s
        # Results come back in the folders' order (as one connection gives them), whichever connection cleaned them.
        $order.Count | Should -Be 4
        $r.Folder | Should -Be $order
        ($r | Measure-Object Acted -Sum).Sum | Should -Be 1923
        foreach ($f in $sizes.Keys) { (Get-TestMailboxStatus -Server $server -User liam -Mailbox $f).Messages | Should -Be $(if ($f -eq 'Archive') { 2 } else { 0 }) }
        Get-DoveUids $server liam Archive | Should -Be @($keepFlagged.Uid, $keepTheirs.Uid)
        Get-DoveFlags $server liam Archive $keepTheirs.Uid | Should -Match '\\Deleted'
        # The bytes freed come from STATUS SIZE before and after: exactly the deleted messages' RFC822.SIZE.
        foreach ($row in $r) {
            $kept = if ($row.Folder -eq 'Archive') { $keepFlagged.VirtualSize + $keepTheirs.VirtualSize } else { 0 }
            $row.ActedBytes | Should -Be ($vsizeBefore[$row.Folder] - $kept) -Because $row.Folder
        }
        $second = Join-Path $TestDrive 'liam.imap.conn2.log'
        $second | Should -Exist -Because 'a second connection cleaned some of the folders'
        # Client command lines ("C: A00000012 UID STORE ..."), whole.
        $read = { param($path) @(foreach ($line in [IO.File]::ReadAllLines($path)) { if ($line -match '(?:^|\s)C: \S+ (.*)$') { $Matches[1] } }) }
        $verb = { param($command) if ($command -match '^(UID \S+|\S+)') { $Matches[1] } }
        $main = & $read $protocolLog
        $extra = & $read $second
        # The first connection: the clean-up starts at its folder listing with STATUS (one LIST-STATUS) and ends with
        # one more for the sizes; nothing else is a listing.
        $statusLists = @(0..($main.Count - 1) | Where-Object { $main[$_] -match '^LIST .*RETURN .*STATUS' })
        $statusLists.Count | Should -Be 2
        $own = @($main | Select-Object -Skip $statusLists[0] | ForEach-Object { & $verb $_ } | Where-Object { $_ -notin 'LIST', 'LOGOUT' })
        # The second connection: after its log-in and one listing, only folder commands.
        $firstSelect = [array]::FindIndex([string[]]$extra, [Predicate[string]] { param($c) $c -like 'SELECT *' })
        $firstSelect | Should -BeGreaterThan 0
        $firstSelect | Should -BeLessOrEqual 10   # log-in and listing: a fixed number, whatever the folders hold
        $own += @($extra | Select-Object -Skip $firstSelect | ForEach-Object { & $verb $_ } | Where-Object { $_ -ne 'LOGOUT' })
        @($own | Where-Object { $_ -eq 'SELECT' }).Count | Should -Be 4
        $own | Should -Not -Contain 'CLOSE'   # CLOSE would expunge other clients' \Deleted
        $own | Should -Not -Contain 'UID FETCH'
        ($own | Group-Object | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', ' |
            Should -Be 'SELECT 4, UID EXPUNGE 4, UID SEARCH 4, UID STORE 4'
        $own.Count / $sizes.Count | Should -BeLessOrEqual 4
    }

    It 'cleans the same over one connection (-ConnectionCount 1), and -WhatIf still counts flagged and \Deleted' {
        $sizes = [ordered]@{ INBOX = 5; Archive = 7 }
        $first = 5000
        foreach ($f in $sizes.Keys) { Add-BulkMail -Server $server -User liam -Mailbox $f -Count $sizes[$f] -First $first -AllOld; $first += $sizes[$f] }
        $protocolLog = Join-Path $TestDrive 'liam-one.imap.log'
        $s = Connect-TestSession -Server $server -UserIndex 9 -Extra @{ ProtocolLogPath = $protocolLog }
        $preview = @(Invoke-MailCleanup -Session $s -Folder @($sizes.Keys) -OlderThan 1y -Action Delete -WhatIf)
        ($preview | Where-Object Folder -eq Archive).SkippedFlagged | Should -Be 1
        ($preview | Where-Object Folder -eq Archive).SkippedDeleted | Should -Be 1
        $r = @(Invoke-MailCleanup -Session $s -Folder @($sizes.Keys) -OlderThan 1y -Action Delete -Force -ConnectionCount 1 -ErrorAction Stop)
        Disconnect-MailServer -Session $s
        $r.Folder | Should -Be $preview.Folder
        $r.Acted | Should -Be $preview.Matched
        ($r | Measure-Object ActedBytes -Sum).Sum | Should -Be ($preview | Measure-Object Bytes -Sum).Sum
        Join-Path $TestDrive 'liam-one.imap.conn2.log' | Should -Not -Exist
    }
}

Describe 'Invoke-MailCleanup with 50,000 scattered UIDs in one folder' {
    BeforeAll {
        # 100,000 tiny messages written straight into the Maildir, old and new in shuffled order, so the 50,000 old
        # ones get scattered UIDs with a kept message between most of them; indexed by Dovecot before the clean-up.
        Add-BulkMail -Server $server -User frank -Count 100000
        $session = Connect-TestSession -Server $server -UserIndex 3
    }

    It 'cleans them without a command-line-too-long error, with bounded memory' {
        (Get-TestMailboxStatus -Server $server -User frank -Mailbox INBOX).Messages | Should -Be 100000
        [GC]::Collect()
        $before = [GC]::GetTotalMemory($true)
        $r = Invoke-MailCleanup -Folder INBOX -OlderThan 1y -Action Delete -Force -ErrorAction Stop
        $grown = [GC]::GetTotalMemory($true) - $before
        $r.Acted | Should -Be 50000
        $left = @(Get-DoveUids $server frank INBOX)
        $left.Count | Should -Be 50000
        $grown | Should -BeLessThan 100MB
    }
}
