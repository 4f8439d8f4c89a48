# Get-MailMessage against a real Dovecot: server-side search, headers, roles, -First, bad input.
BeforeAll {
    . $PSScriptRoot/MailMessageCommon.ps1
    $server = Start-TestMailServer -Users alice
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
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

