# Import-Mailbox against a real Dovecot: Maildir, mbox and .eml sources; flags, INTERNALDATE, folder creation,
# duplicates, bad input and POP3.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    $server = Start-TestMailServer -Users alice
    $session = Connect-TestSession -Server $server
    $ascii = [Text.Encoding]::ASCII

    function New-Message([string] $Id, [string] $Body = 'body') {
        "From: Sender <s@example.com>`r`nTo: alice@example.com`r`nSubject: $Id`r`nMessage-ID: <$Id@import.example>`r`nDate: Mon, 01 Jan 2024 10:00:00 +0000`r`n`r`n$Body`r`n"
    }

    # BODY[] of every message of a folder, by a separate MailKit client: Subject -> @{ Bytes; Flags; Date }.
    function Get-ServerMessages([string] $Folder) {
        Invoke-TestImapFolder -Server $server -Folder $Folder {
            param($f)
            $out = @{}
            $items = [MailKit.MessageSummaryItems]'UniqueId, Flags, InternalDate, Envelope'
            foreach ($s in $f.Fetch([MailKit.UniqueIdRange]::All, [MailKit.FetchRequest]::new($items))) {
                $stream = $f.GetStream($s.UniqueId, '')
                $ms = [IO.MemoryStream]::new(); $stream.CopyTo($ms); $stream.Dispose()
                $out[$s.Envelope.Subject] = [pscustomobject]@{ Bytes = $ms.ToArray(); Flags = $s.Flags; Date = $s.InternalDate }
            }
            $out
        }
    }
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction Ignore
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Import-Mailbox' {
    It 'uploads a Maildir tree into a new folder, keeping flags, INTERNALDATE and sub-folders' {
        $md = Join-Path $TestDrive 'maildir'
        foreach ($d in 'cur', 'new', 'tmp', '.Sub/cur', '.Sub/new', '.Sub/tmp') { $null = New-Item -ItemType Directory -Force -Path (Join-Path $md $d) }
        $when = [datetime]::SpecifyKind([datetime]'2021-03-04 05:06:07', 'Utc')
        $file = Join-Path $md 'cur/1000.M1.host:2,FS'
        [IO.File]::WriteAllText($file, (New-Message 'md-flagged'))
        [IO.File]::SetLastWriteTimeUtc($file, $when)
        [IO.File]::WriteAllText((Join-Path $md 'new/1001.M2.host'), (New-Message 'md-new'))
        [IO.File]::WriteAllText((Join-Path $md '.Sub/cur/1002.M3.host:2,R'), (New-Message 'md-sub'))

        $r = @(Import-Mailbox -Path $md -Folder Restored -Session $session)
        $r.Count | Should -Be 2
        $r[0].PSObject.TypeNames[0] | Should -Be 'MailTools.ImportResult'
        ($r | Where-Object Folder -eq 'Restored').Created | Should -BeTrue
        ($r | Measure-Object Imported -Sum).Sum | Should -Be 3

        $top = Get-ServerMessages 'Restored'
        $top['md-flagged'].Flags.HasFlag([MailKit.MessageFlags]::Flagged) | Should -BeTrue
        $top['md-flagged'].Flags.HasFlag([MailKit.MessageFlags]::Seen) | Should -BeTrue
        $top['md-new'].Flags.HasFlag([MailKit.MessageFlags]::Seen) | Should -BeFalse
        $top['md-flagged'].Date.UtcDateTime | Should -Be $when
        $ascii.GetString($top['md-flagged'].Bytes) | Should -BeExactly (New-Message 'md-flagged')
        (Get-ServerMessages 'Restored/Sub')['md-sub'].Flags.HasFlag([MailKit.MessageFlags]::Answered) | Should -BeTrue
    }

    It 'uploads an mboxrd file message by message: >From unquoted, From_ date as INTERNALDATE, bytes exact' {
        $mbox = Join-Path $TestDrive 'letters.mbox'
        $quoted = (New-Message 'mb-from' "From the start`r`n>From quoted once`r`n").Replace("`r`nFrom the", "`r`n>From the").Replace(">From quoted", ">>From quoted")
        $text = "From a@example.com Tue Feb  6 07:08:09 2024`n" + $quoted + "`n" +
                "From b@example.com Wed Feb  7 07:08:09 2024`n" + (New-Message 'mb-plain') + "`n"
        [IO.File]::WriteAllText($mbox, $text)
        $r = Import-Mailbox -Path $mbox -Folder FromMbox -Session $session
        $r.Imported | Should -Be 2
        $r.Format | Should -Be 'Mbox'
        $got = Get-ServerMessages 'FromMbox'
        $ascii.GetString($got['mb-from'].Bytes) | Should -BeExactly (New-Message 'mb-from' "From the start`r`n>From quoted once`r`n")
        $ascii.GetString($got['mb-plain'].Bytes) | Should -BeExactly (New-Message 'mb-plain')
        $got['mb-from'].Date.UtcDateTime | Should -Be ([datetime]::SpecifyKind([datetime]'2024-02-06 07:08:09', 'Utc'))
    }

    It 'uploads .eml files with their modification time as INTERNALDATE, converting bare LF to CRLF' {
        $dir = Join-Path $TestDrive 'eml'
        $null = New-Item -ItemType Directory -Path $dir
        $when = [datetime]::SpecifyKind([datetime]'2019-12-31 23:59:00', 'Utc')
        $f = Join-Path $dir 'one.eml'
        [IO.File]::WriteAllText($f, (New-Message 'eml-lf').Replace("`r`n", "`n"))
        [IO.File]::SetLastWriteTimeUtc($f, $when)
        (Import-Mailbox -Path $dir -Folder FromEml -Session $session).Imported | Should -Be 1
        $got = (Get-ServerMessages 'FromEml')['eml-lf']
        $ascii.GetString($got.Bytes) | Should -BeExactly (New-Message 'eml-lf')
        $got.Date.UtcDateTime | Should -Be $when
    }

    It 'skips messages the folder already holds (Message-ID + size) unless -AllowDuplicates' {
        $mbox = Join-Path $TestDrive 'twice.mbox'
        [IO.File]::WriteAllText($mbox, "From x Mon Jan  1 00:00:00 2024`n" + (New-Message 'dup-1') + "`nFrom x Mon Jan  1 00:00:00 2024`n" + (New-Message 'dup-2') + "`n")
        (Import-Mailbox -Path $mbox -Folder Dups -Session $session).Imported | Should -Be 2
        $again = Import-Mailbox -Path $mbox -Folder Dups -Session $session -Verbose 4>&1 | Where-Object { $_ -is [MailTools.ImportResult] }
        $again.Imported | Should -Be 0
        $again.Skipped | Should -Be 2
        (Import-Mailbox -Path $mbox -Folder Dups -Session $session -AllowDuplicates).Imported | Should -Be 2
        (Get-TestMailboxStatus -Server $server -User $server.Users[0].UserName -Mailbox Dups).Messages | Should -Be 4
    }

    It 'refuses a file that is not a mailbox with a clear ErrorRecord and creates nothing' {
        $junk = Join-Path $TestDrive 'photo.jpg'
        [IO.File]::WriteAllBytes($junk, [byte[]](0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 74, 70, 73, 70))
        $r = Import-Mailbox -Path $junk -Folder Junked -Session $session -ErrorVariable err -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsImportSourceInvalid*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].Exception.Message | Should -BeLike "*photo.jpg*not an mbox file*"
        $err[0].ErrorDetails.RecommendedAction + $err[0].Exception.RecommendedAction | Should -Not -BeNullOrEmpty
        { Get-TestMailboxStatus -Server $server -User $server.Users[0].UserName -Mailbox Junked } | Should -Throw "*doesn't exist*"
    }

    It 'refuses a POP3 session with a stable ErrorId' {
        $pop = Connect-TestSession -Server $server -Protocol Pop3
        $f = Join-Path $TestDrive 'pop.eml'
        [IO.File]::WriteAllText($f, (New-Message 'pop'))
        Import-Mailbox -Path $f -Session $pop -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsImportNotSupportedOverPop3*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].Exception.Message | Should -Match 'POP3'
    }
}
