# Get-MailMessage, Remove-/Move-MailMessage and Invoke-MailCleanup against a real Dovecot. Results are proved by
# listing the folders with doveadm before and after, never by trusting MailTools' own counters.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    $server = Start-TestMailServer -Users alice, bob, carol, dave, erin, frank
    # A second Dovecot that hides UIDPLUS and MOVE, so the fallbacks run.
    $plain = Start-TestMailServer -Users alice -ImapCapability 'IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SPECIAL-USE NAMESPACE UNSELECT CHILDREN LIST-EXTENDED LIST-STATUS ESEARCH'

    function Add-Mail {
        param($Server, $User, $Mailbox = 'INBOX', [string] $Subject, [int] $DaysOld, [string] $Flags = '', [int] $Pad = 0)
        $date = (Get-Date).AddDays(-$DaysOld)
        $text = "From: Sender <sender@example.com>`r`nTo: $User@example.com`r`nSubject: $Subject`r`nDate: $($date.ToUniversalTime().ToString('r'))`r`nMessage-ID: <$Subject.$([guid]::NewGuid().ToString('N'))@test>`r`n`r`nHello`r`n" + ('x' * $Pad)
        Add-TestMessage -Server $Server -User $User -Mailbox $Mailbox -Bytes ([Text.Encoding]::ASCII.GetBytes($text)) -Flags $Flags -Date $date
    }
    function Get-DoveUids($Server, $User, $Mailbox) {
        # UIDs as Dovecot itself lists them.
        @(Invoke-TestDoveadm $Server -f tab fetch -u $User uid mailbox $Mailbox all | Select-Object -Skip 1 | ForEach-Object { [long]$_ })
    }
    function Get-DoveSubjects($Server, $User, $Mailbox) {
        @(Invoke-TestDoveadm $Server -f tab fetch -u $User hdr.subject mailbox $Mailbox all | Select-Object -Skip 1 | ForEach-Object { $_.Trim() } | Sort-Object)
    }
    function Get-DoveFlags($Server, $User, $Mailbox, $Uid) {
        (@(Invoke-TestDoveadm $Server -f tab fetch -u $User flags mailbox $Mailbox uid $Uid))[1]
    }
    function Get-Snapshot($Server, $User) {
        (Get-TestMailboxStatus -Server $Server -User $User | Sort-Object Mailbox | ForEach-Object { "$($_.Mailbox)=$($_.Messages)/$($_.UidNext)" }) -join ';'
    }
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
    if ($plain) { Stop-TestMailServer $plain }
}

Describe 'Get-MailMessage' {
    BeforeAll {
        $old = Add-Mail $server alice -Subject 'old-plain' -DaysOld 400
        $oldBig = Add-Mail $server alice -Subject 'old-big' -DaysOld 400 -Pad 30000
        $oldFlagged = Add-Mail $server alice -Subject 'old-flagged' -DaysOld 400 -Flags '\Flagged \Seen'
        $new = Add-Mail $server alice -Subject 'new-plain' -DaysOld 2
        $trash = Add-Mail $server alice -Mailbox Trash -Subject 'in-trash' -DaysOld 50
        $session = Connect-TestSession -Server $server -UserIndex 0
    }

    It 'finds by age on the server and returns the headers' {
        $found = @(Get-MailMessage -Folder INBOX -OlderThan 1y)
        $found.Uid | Sort-Object | Should -Be @($old.Uid, $oldBig.Uid, $oldFlagged.Uid | Sort-Object)
        $m = $found | Where-Object Uid -eq $old.Uid
        $m.Subject | Should -Be 'old-plain'
        $m.From | Should -Match 'sender@example.com'
        $m.MessageId | Should -Match '^old-plain\.'
        $m.Folder | Should -Be 'INBOX'
        $m.Size | Should -BeGreaterThan 0
        $m.Date | Should -BeLessThan (Get-Date).AddDays(-399)
        $m.PSObject.TypeNames | Should -Contain 'MailTools.MailMessage'
    }

    It 'combines size, subject, read and flag conditions' {
        @(Get-MailMessage -LargerThan 20KB).Uid | Should -Be @($oldBig.Uid)
        @(Get-MailMessage -SmallerThan 20KB -OlderThan 30).Uid | Sort-Object | Should -Be @($old.Uid, $oldFlagged.Uid | Sort-Object)
        @(Get-MailMessage -Subject 'new-').Uid | Should -Be @($new.Uid)
        @(Get-MailMessage -Flagged).Uid | Should -Be @($oldFlagged.Uid)
        @(Get-MailMessage -Read).Uid | Should -Be @($oldFlagged.Uid)
        @(Get-MailMessage -Unread).Count | Should -Be 3
        @(Get-MailMessage -Since (Get-Date).AddDays(-3)).Uid | Should -Be @($new.Uid)
        @(Get-MailMessage -Before (Get-Date).AddDays(-3)).Count | Should -Be 3
    }

    It 'takes folders from Get-MailFolder and roles, and stops at -First' {
        @(Get-MailFolder Trash | Get-MailMessage).Subject | Should -Be @('in-trash')
        @(Get-MailMessage -Folder '@Trash').Subject | Should -Be @('in-trash')
        @(Get-MailMessage -Folder INBOX -First 2).Count | Should -Be 2
    }

    It 'rejects a bad age and a bad size with their ErrorIds before searching' {
        { Get-MailMessage -OlderThan 'fortnight' -ErrorAction Stop } | Should -Throw -ErrorId 'MailToolsInvalidAge*'
        try { Get-MailMessage -LargerThan '10 megs' -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'MailToolsInvalidSize*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Match '10 megs'
    }

    It 'reports a folder that does not exist' {
        $null = Get-MailMessage -Folder 'Nope' -OlderThan 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsFolderNotFound*'
    }
}

Describe 'Remove-MailMessage and Move-MailMessage' {
    BeforeAll {
        $a = 1..4 | ForEach-Object { Add-Mail $server bob -Subject "bob-$_" -DaysOld (100 * $_) }
        $session = Connect-TestSession -Server $server -UserIndex 1
    }

    It 'removes exactly the piped messages' {
        Get-MailMessage -Session $session -OlderThan 250 | Remove-MailMessage -Confirm:$false
        Get-DoveUids $server bob INBOX | Should -Be @($a[0].Uid, $a[1].Uid)
    }

    It 'moves the piped messages to another folder' {
        Get-MailMessage -Session $session -Subject 'bob-1' | Move-MailMessage Archive
        Get-DoveUids $server bob INBOX | Should -Be @($a[1].Uid)
        Get-DoveSubjects $server bob Archive | Should -Be @('bob-1')
    }

    It 'changes nothing under -WhatIf' {
        Get-MailMessage -Session $session | Remove-MailMessage -WhatIf
        Get-DoveUids $server bob INBOX | Should -Be @($a[1].Uid)
    }
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
        $session = Connect-TestSession -Server $server -UserIndex 2
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
        $session = Connect-TestSession -Server $server -UserIndex 3
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
        $pop = Connect-TestSession -Server $server -UserIndex 4 -Protocol Pop3
        $before = @(Get-MailMessage -Session $pop)
    }

    It 'deletes by age, committed at QUIT, as a fresh POP3 session sees' {
        $r = Invoke-MailCleanup -Session $pop -Folder INBOX -OlderThan 1y -Action Delete -Force
        $r.Acted | Should -Be 2
        $fresh = Connect-TestSession -Server $server -UserIndex 4 -Protocol Pop3
        (Get-MailFolder -Session $fresh).Count | Should -Be 2            # STAT
        $left = @(Get-MailMessage -Session $fresh)                      # UIDL + TOP
        $left.Pop3Uid | Sort-Object | Should -Be @($before | Where-Object Subject -like 'pop-new-*' | ForEach-Object Pop3Uid | Sort-Object)
        Disconnect-MailServer -Session $fresh
    }

    It 'deletes by size' {
        Invoke-MailCleanup -Session $pop -Folder INBOX -LargerThan 20KB -Action Delete -Force | Out-Null
        $fresh = Connect-TestSession -Server $server -UserIndex 4 -Protocol Pop3
        @(Get-MailMessage -Session $fresh).Subject | Should -Be @('pop-new-small')
        Disconnect-MailServer -Session $fresh
    }

    It 'refuses Trash over POP3 before touching anything' {
        { Invoke-MailCleanup -Session $pop -Folder INBOX -OlderThan 0 -Force -ErrorAction Stop } | Should -Throw -ErrorId 'MailToolsNotSupportedOverPop3*'
        Get-DoveSubjects $server erin INBOX | Should -Be @('pop-new-small')
    }
}

Describe 'Invoke-MailCleanup with 50,000 scattered UIDs in one folder' {
    BeforeAll {
        # 100,000 tiny messages written straight into the Maildir (doveadm save is far too slow per message), old and
        # new alternating in random order, so the 50,000 old ones get scattered UIDs with a kept message between most.
        $null = Add-Mail $server frank -Subject 'seed' -DaysOld 1
        $dir = (Invoke-TestDoveadm $server mailbox path -u frank INBOX | Select-Object -First 1).Trim()
        $random = [Random]::new(6851)
        $oldTime = (Get-Date).AddDays(-800).ToUniversalTime(); $newTime = (Get-Date).AddDays(-2).ToUniversalTime()
        $order = 0..99999 | Sort-Object { $random.Next() }
        foreach ($i in $order) {
            $bytes = [Text.Encoding]::ASCII.GetBytes("Subject: m$i`nMessage-ID: <m$i@bulk>`n`nx`n")
            $name = Join-Path $dir ("cur/{0}.M{1}P1.bulk,S={2},W={3}:2," -f (1600000000 + $i), $i, $bytes.Length, ($bytes.Length + 4))
            [IO.File]::WriteAllBytes($name, $bytes)
            [IO.File]::SetLastWriteTimeUtc($name, $(if ($i % 2) { $oldTime } else { $newTime }))
        }
        if ((& id -u) -eq '0') { & chown -R "$($server.MailUid):$($server.MailGid)" $dir }
        $session = Connect-TestSession -Server $server -UserIndex 5
    }

    It 'cleans them without a command-line-too-long error, with bounded memory' {
        (Get-TestMailboxStatus -Server $server -User frank -Mailbox INBOX).Messages | Should -Be 100001
        [GC]::Collect()
        $before = [GC]::GetTotalMemory($true)
        $r = Invoke-MailCleanup -Folder INBOX -OlderThan 1y -Action Delete -Force -ErrorAction Stop
        $grown = [GC]::GetTotalMemory($true) - $before
        $r.Acted | Should -Be 50000
        $left = @(Get-DoveUids $server frank INBOX)
        $left.Count | Should -Be 50001
        $grown | Should -BeLessThan 100MB
    }
}
