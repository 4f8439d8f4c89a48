# Get-MailFolder against a real Dovecot: counts, unread and sizes must equal what Dovecot itself reports.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    $server = Start-TestMailServer -Users alice -Profile Small
    $alice = $server.Users[0]

    function Assert-MatchesDovecot($Folders, $TestServer, $User) {
        # doveadm's vsize is the size with CRLF line ends: what IMAP reports as RFC822.SIZE and STATUS SIZE.
        $expected = Get-TestMailboxStatus -Server $TestServer -User $User
        $Folders.Count | Should -Be @($expected).Count
        foreach ($e in $expected) {
            $f = $Folders | Where-Object FullName -ceq $e.Mailbox
            $f | Should -Not -BeNullOrEmpty -Because "Dovecot has a folder '$($e.Mailbox)'"
            $f.Count | Should -Be $e.Messages -Because "'$($e.Mailbox)' has $($e.Messages) messages"
            $f.Unread | Should -Be $e.Unseen -Because "'$($e.Mailbox)' has $($e.Unseen) unseen"
            $f.Size | Should -Be $e.VSize -Because "'$($e.Mailbox)' holds $($e.VSize) bytes"
        }
    }
}

AfterAll {
    Disconnect-MailServer -All
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Get-MailFolder over IMAP' {
    BeforeAll { $session = Connect-TestSession -Server $server }
    AfterAll { Disconnect-MailServer -Session $session }

    It 'returns every folder with the counts, unread counts and sizes doveadm reports (LIST-STATUS)' {
        $session.Capabilities | Should -Contain 'ListStatus'
        $folders = @(Get-MailFolder)
        $folders | Should -Not -BeNullOrEmpty
        ($folders | Measure-Object Count -Sum).Sum | Should -BeGreaterThan 0
        Assert-MatchesDovecot $folders $server $alice.UserName
    }

    It 'marks the special-use folders' {
        $folders = Get-MailFolder
        ($folders | Where-Object FullName -eq 'INBOX').SpecialUse | Should -Be 'Inbox'
        foreach ($role in 'Sent', 'Drafts', 'Trash', 'Junk', 'Archive') {
            ($folders | Where-Object FullName -eq $role).SpecialUse | Should -Be $role
        }
        ($folders | Where-Object FullName -eq 'Newsletters').SpecialUse | Should -Be 'None'
    }

    It 'filters with wildcards' {
        @(Get-MailFolder 'Arch*').FullName | Should -Be @('Archive')
        $s = @(Get-MailFolder 's*').FullName
        $s | Should -Contain 'Sent'
        $s | Should -Not -Contain 'INBOX'
    }

    It 'shows a non-ASCII folder name decoded and finds it by that name' {
        $folder = Get-MailFolder 'Réservations'
        $folder.FullName | Should -BeExactly 'Réservations'
        $folder.Count | Should -Be (Get-TestMailboxStatus -Server $server -User $alice.UserName -Mailbox 'Réservations').Messages
    }

    It 'returns a folder and everything below it with -Recurse' {
        $withChildren = @(Get-MailFolder 'Clients' -Recurse).FullName
        $withChildren | Should -Contain 'Clients'
        $withChildren | Should -Contain 'Clients/2025'
        @(Get-MailFolder 'Clients').FullName | Should -Be @('Clients')
    }

    It 'reports a folder that does not exist as MailToolsFolderNotFound and goes on' {
        $found = Get-MailFolder 'No such folder', 'INBOX' -ErrorVariable errs -ErrorAction SilentlyContinue
        $found.FullName | Should -Be 'INBOX'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsFolderNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Match 'No such folder'
    }

    It 'sorts by size' {
        $sorted = @(Get-MailFolder | Sort-Object Size -Descending)
        $sorted[0].Size | Should -BeGreaterOrEqual $sorted[-1].Size
        $sorted[0].Size | Should -Be ((Get-TestMailboxStatus -Server $server -User $alice.UserName | Measure-Object VSize -Maximum).Maximum)
    }

    It 'completes folder names from the last listing' {
        $null = Get-MailFolder
        $completion = TabExpansion2 -inputScript 'Get-MailFolder -Name Arc' -cursorColumn 'Get-MailFolder -Name Arc'.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'Archive'
    }

    It 'takes sessions from the pipeline' {
        $viaPipe = @($session | Get-MailFolder -Name INBOX)
        $viaPipe.Count | Should -Be 1
        $viaPipe[0].Session.Id | Should -Be $session.Id
    }
}

Describe 'Get-MailFolder without LIST-STATUS' {
    BeforeAll {
        $caps = Get-TestDefaultImapCapability
        $withoutListStatus = ($caps -split ' ' | Where-Object { $_ -notin 'LIST-STATUS', 'STATUS=SIZE' }) -join ' '
        $plain = Start-TestMailServer -Users alice -Profile Small -ImapCapability $withoutListStatus
        $plainSession = Connect-TestSession -Server $plain
    }
    AfterAll {
        Disconnect-MailServer -Session $plainSession
        Stop-TestMailServer $plain
    }

    It 'falls back to LIST + STATUS and still matches doveadm' {
        $plainSession.Capabilities | Should -Not -Contain 'ListStatus'
        Assert-MatchesDovecot @(Get-MailFolder -Session $plainSession) $plain $plain.Users[0].UserName
    }
}

Describe 'Get-MailFolder round trips' {
    It 'sends the same small number of IMAP commands for 200 folders as for a handful (LIST-STATUS)' {
        $many = Start-TestMailServer -Users alice
        try {
            $user = $many.Users[0].UserName
            $log = Join-Path $TestDrive 'many.log'
            function Measure-Commands {
                $s = Connect-TestSession -Server $many -Extra @{ ProtocolLogPath = $log }
                try {
                    $before = @(Get-Content $log).Count
                    $folders = @(Get-MailFolder -Session $s)
                    $lines = @(Get-Content $log | Select-Object -Skip $before)
                    return [pscustomobject]@{ Folders = $folders.Count; Commands = @($lines | Where-Object { $_ -match '\bC: [A-Z]\d+ ' }).Count }
                }
                finally { Disconnect-MailServer $s }
            }
            $few = Measure-Commands
            $names = 1..200 | ForEach-Object { 'Project {0:D3}' -f $_ }
            Invoke-TestDoveadm -Server $many mailbox create -u $user @names | Out-Null
            $lots = Measure-Commands

            $lots.Folders | Should -Be ($few.Folders + 200)
            $lots.Commands | Should -Be $few.Commands
            $lots.Commands | Should -BeLessOrEqual 2
        }
        finally { Stop-TestMailServer $many }
    }
}

Describe 'Get-MailFolder over POP3' {
    It 'returns the single INBOX a POP3 client sees, with the count and size Dovecot reports' {
        $pop = Connect-TestSession -Server $server -Protocol Pop3
        try {
            $folders = @(Get-MailFolder -Session $pop)
            $folders.Count | Should -Be 1
            $inbox = Get-TestMailboxStatus -Server $server -User $alice.UserName -Mailbox INBOX
            $folders[0].FullName | Should -Be 'INBOX'
            $folders[0].SpecialUse | Should -Be 'Inbox'
            $folders[0].Count | Should -Be $inbox.Messages
            $folders[0].Size | Should -Be $inbox.VSize
            $folders[0].Unread | Should -BeNullOrEmpty
        }
        finally { Disconnect-MailServer $pop }
    }
}
