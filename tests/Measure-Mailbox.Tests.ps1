# Measure-Mailbox against a real Dovecot: totals equal doveadm's, groups equal an independent count of the Maildir
# files on disk (python3, not our code), filters equal Get-MailMessage, POP3 and quota work, bad input is clear.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    $server = Start-TestMailServer -Users alice -Profile Small -Quota 200M
    $bare = Start-TestMailServer -Users nobody -Profile None
    $alice = $server.Users[0]
    # A tree made with doveadm, not the seeder: a hierarchy-only parent, odd names, an empty folder.
    foreach ($box in 'Projects/Alpha', 'Odd & Names', 'Leer') { $null = Invoke-TestDoveadm $server mailbox create -u $alice.UserName $box }
    $eml = "From: Odd Sender <odd@example.net>`r`nTo: alice@example.com`r`nSubject: odd`r`nList-Id: Odd list <odd.list.example>`r`n`r`nbody`r`n"
    $null = Add-TestMessage -Server $server -User $alice.UserName -Mailbox 'Projects/Alpha' -Bytes ([Text.Encoding]::ASCII.GetBytes($eml)) -Date '2019-05-04' -Flags '\Flagged'
    $null = Add-TestMessage -Server $server -User $alice.UserName -Mailbox 'Odd & Names' -Bytes ([Text.Encoding]::ASCII.GetBytes($eml)) -Date '2021-07-01'
    $disk = python3 (Join-Path $PSScriptRoot 'Report/maildir_stats.py') $alice.MailDir | ConvertFrom-Json -AsHashtable
    $session = Connect-TestSession -Server $server

    function Assert-Groups($Rows, $Expected) {
        @($Rows).Count | Should -Be $Expected.Count
        foreach ($key in $Expected.Keys) {
            $row = $Rows | Where-Object Key -ceq $key
            $row | Should -Not -BeNullOrEmpty -Because "the files hold '$key'"
            $row.Count | Should -Be $Expected[$key].Count -Because "'$key' has $($Expected[$key].Count) messages on disk"
            $row.Size | Should -Be $Expected[$key].Size -Because "'$key' has $($Expected[$key].Size) bytes on disk (CRLF)"
        }
    }
}

AfterAll {
    Disconnect-MailServer -All
    if ($server) { Stop-TestMailServer $server }
    if ($bare) { Stop-TestMailServer $bare }
}

Describe 'Measure-Mailbox over IMAP' {
    It 'gives every folder the count, size and unread count doveadm reports' {
        $rows = @(Measure-Mailbox)
        $status = Get-TestMailboxStatus -Server $server -User $alice.UserName
        $rows.Count | Should -Be @($status).Count
        foreach ($s in $status) {
            $row = $rows | Where-Object Key -ceq $s.Mailbox
            $row | Should -Not -BeNullOrEmpty -Because "Dovecot has '$($s.Mailbox)'"
            $row.Count | Should -Be $s.Messages
            $row.Size | Should -Be $s.VSize
            $row.Unread | Should -Be $s.Unseen
            $row.Account | Should -Be $session.Account
            $row.GroupBy | Should -Be 'Folder'
        }
        ($rows | Measure-Object Percent -Sum).Sum | Should -BeGreaterThan 99.5
        ($rows | Where-Object Key -eq 'Leer').Count | Should -Be 0
        $rows.Key | Should -Not -Contain 'Projects' -Because 'a hierarchy-only parent holds no messages and cannot be selected'
    }

    It 'groups by sender, year and size band exactly as the Maildir files on disk say' {
        $rows = @(Measure-Mailbox -GroupBy Sender, Year, SizeBand)
        Assert-Groups ($rows | Where-Object GroupBy -eq 'Sender') $disk.Sender
        Assert-Groups ($rows | Where-Object GroupBy -eq 'Year') $disk.Year
        Assert-Groups ($rows | Where-Object GroupBy -eq 'SizeBand') $disk.SizeBand
    }

    It 'counts the messages Get-MailMessage finds with the same filters' {
        $expected = @(Get-MailFolder | Get-MailMessage -OlderThan 1y -LargerThan 5KB)
        $rows = @(Get-MailFolder | Measure-Mailbox -GroupBy Year -OlderThan 1y -LargerThan 5KB)
        ($rows | Measure-Object Count -Sum).Sum | Should -Be $expected.Count
        ($rows | Measure-Object Size -Sum).Sum | Should -Be ($expected | Measure-Object Size -Sum).Sum
        $expected.Count | Should -BeGreaterThan 0
    }

    It 'groups by list, domain, attachment and age, with -Top keeping the largest' {
        $lists = @(Measure-Mailbox -GroupBy List -Folder 'Projects/Alpha', 'Odd & Names')
        ($lists | Where-Object Key -eq 'odd.list.example').Count | Should -Be 2
        ($lists | Where-Object Key -eq 'odd.list.example').Flagged | Should -Be 1
        $top = @(Measure-Mailbox -GroupBy SenderDomain -Top 3)
        $top.Count | Should -Be 3
        $all = @(Measure-Mailbox -GroupBy SenderDomain | Sort-Object Size -Descending)
        $top.Key | Should -Be @($all | Select-Object -First 3).Key
        $att = @(Measure-Mailbox -GroupBy Attachment)
        ($att | Measure-Object Count -Sum).Sum | Should -Be ($disk.Folder.Values | Measure-Object Count -Sum).Sum
        $att.Key | Should -Contain '(none)'
        (Measure-Mailbox -GroupBy Age | Where-Object Key -eq '>= 5 years').Count | Should -Be 2 -Because 'the 2019 and 2021 messages are over five years old'
    }

    It 'reports the quota the server keeps (RFC 9208)' {
        $row = Measure-Mailbox -Folder INBOX
        $row.QuotaLimit | Should -Be (200MB)
        $used = [long]((Invoke-TestDoveadm $server -f tab quota get -u $alice.UserName | Select-Object -Skip 1 | Where-Object { $_ -match '\tSTORAGE\t' }) -split "`t")[2]   # Quota name, Type, Value (KB), Limit, %
        $row.QuotaUsed | Should -Be ($used * 1024)
    }

    It 'writes objects that convert to JSON and CSV with names, not live objects' {
        $json = Measure-Mailbox -GroupBy Year | ConvertTo-Json -Depth 3
        $json | Should -Match '"GroupBy": "Year"'
        $json | Should -Not -Match 'Session'
        $csv = Measure-Mailbox | ConvertTo-Csv
        $csv[0] | Should -Match '"Account","GroupBy","Key","Count","Size"'
        (Measure-Mailbox | Format-Table | Out-String -Width 80) -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }

    It 'measures a saved account, connecting and logging out again' {
        $env:MAILTOOLS_CONFIG = Join-Path $TestDrive 'accounts.json'
        try {
            Register-MailAccount -Name work -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect -UserName $alice.UserName
            $rows = @(Measure-Mailbox -Account work -Credential $alice.Credential -Folder INBOX)
            $rows.Account | Should -Be 'work'
            $rows.Key | Should -Be @('INBOX')
            $rows[0].Count | Should -Be (Get-TestMailboxStatus -Server $server -User $alice.UserName -Mailbox INBOX).Messages
            @(Get-MailSession | Where-Object Account -eq 'work').Count | Should -Be 0
        } finally { Remove-Item Env:MAILTOOLS_CONFIG }
    }
}

Describe 'Measure-Mailbox over POP3' {
    It 'measures the inbox from LIST sizes and TOP headers' {
        $pop = Connect-TestSession -Server $server -Protocol Pop3
        try {
            $rows = @(Measure-Mailbox -Session $pop -GroupBy Folder, Sender)
            $inbox = Get-TestMailboxStatus -Server $server -User $alice.UserName -Mailbox INBOX
            ($rows | Where-Object GroupBy -eq 'Folder').Count | Should -Be $inbox.Messages
            ($rows | Where-Object GroupBy -eq 'Folder').Size | Should -Be $inbox.VSize
            ($rows | Where-Object GroupBy -eq 'Folder').Unread | Should -BeNullOrEmpty
            (($rows | Where-Object GroupBy -eq 'Sender') | Measure-Object Count -Sum).Sum | Should -Be $inbox.Messages
            { Measure-Mailbox -Session $pop -GroupBy Attachment -ErrorAction Stop } | Should -Throw -ErrorId 'MailToolsNotSupportedOverPop3*'
        } finally { Disconnect-MailServer -Session $pop }
    }
}

Describe 'Measure-Mailbox with bad input' {
    It 'rejects an unknown -GroupBy value, naming the valid ones' {
        $err = { Measure-Mailbox -GroupBy Colour -ErrorAction Stop } | Should -Throw -PassThru
        $err.Exception.Message | Should -Match 'SenderDomain'
    }

    It 'reports a folder that does not exist and still measures the others' {
        $rows = @(Measure-Mailbox -Folder 'INBOX', 'No Such Folder' -ErrorVariable problems -ErrorAction SilentlyContinue)
        $rows.Key | Should -Be @('INBOX')
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsFolderNotFound*'
        $problems[0].Exception.Message | Should -Match 'No Such Folder'
    }

    It 'gives empty folders, not an error, for an empty account' {
        $empty = Connect-TestSession -Server $bare
        try {
            $rows = @(Measure-Mailbox -Session $empty -GroupBy Folder, Sender -ErrorAction Stop)
            @($rows | Where-Object GroupBy -eq 'Sender').Count | Should -Be 0
            ($rows | Where-Object GroupBy -eq 'Folder' | Measure-Object Count -Sum).Sum | Should -Be 0
            @($rows | Where-Object GroupBy -eq 'Folder').Count | Should -BeGreaterThan 0
        } finally { Disconnect-MailServer -Session $empty }
    }
}
