# Measure-Mailbox against a real Dovecot: totals equal doveadm's, groups equal an independent count of the Maildir
# files on disk (python3, not our code), also as a cross product (Sender x Year), filters equal Get-MailMessage, POP3
# works, Get-MailQuota equals doveadm's quota, bad input is clear.
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
        foreach ($by in 'Sender', 'Year', 'SizeBand') {
            $rows = @(Measure-Mailbox -GroupBy $by)
            $rows.GroupBy | Sort-Object -Unique | Should -Be $by
            Assert-Groups $rows $disk[$by]
        }
    }

    It 'groups by the cross product of several values (Sender x Year), each part also a property' {
        $rows = @(Measure-Mailbox -GroupBy Sender, Year)
        $rows.GroupBy | Sort-Object -Unique | Should -Be 'Sender, Year'
        Assert-Groups $rows $disk['Sender, Year']
        $disk['Sender, Year'].Count | Should -BeGreaterThan $disk.Sender.Count -Because 'some senders wrote in several years'
        foreach ($row in $rows) { $row.Key | Should -BeExactly "$($row.Sender), $($row.Year)" }
        # The parts are real properties: filter and group on them, and they reach CSV as columns.
        $odd = @($rows | Where-Object Sender -eq 'odd@example.net')
        @($odd.Year | Sort-Object) | Should -Be @('2019', '2021')
        $csv = $rows | ConvertTo-Csv | ConvertFrom-Csv
        ($csv | Where-Object { $_.Sender -eq 'odd@example.net' -and $_.Year -eq '2019' }).Count | Should -Be 1
        # -Top keeps the largest combinations.
        $top = @(Measure-Mailbox -GroupBy Sender, Year -Top 5)
        $top.Key | Should -Be @($rows | Sort-Object Size -Descending | Select-Object -First 5).Key
        # Order matters only for the key's reading order, not for the counts.
        $swapped = @(Measure-Mailbox -GroupBy Year, Sender)
        $swapped.Count | Should -Be $rows.Count
        ($swapped | Measure-Object Size -Sum).Sum | Should -Be ($rows | Measure-Object Size -Sum).Sum
        ($swapped | Where-Object { $_.Sender -eq 'odd@example.net' -and $_.Year -eq '2021' }).Key | Should -Be '2021, odd@example.net'
    }

    It 'gives the same rows over two connections as over one' {
        foreach ($by in @('Folder'), @('Sender', 'Year'), @('Attachment'), @('Month', 'SizeBand')) {
            $one = @(Measure-Mailbox -GroupBy $by -ConnectionCount 1 | Sort-Object Key)
            $two = @(Measure-Mailbox -GroupBy $by -ConnectionCount 2 | Sort-Object Key)
            $two.Count | Should -Be $one.Count
            $one.Count | Should -BeGreaterThan 1
            for ($i = 0; $i -lt $one.Count; $i++) {
                foreach ($p in 'Key', 'Count', 'Size', 'Percent', 'Unread', 'Flagged', 'Oldest', 'Newest') {
                    $two[$i].$p | Should -Be $one[$i].$p -Because "row '$($one[$i].Key)' of -GroupBy $($by -join ',')"
                }
            }
        }
    }

    It 'opens and uses a second connection by default (-ConnectionCount 2)' {
        # Over loopback the whole measurement takes about as long as a login, so whether the second connection gets
        # in before the first has measured every folder is a race. 25 ms each way (50 ms round trips) makes it a
        # count of round trips: the second login takes about three, the first connection alone needs at least two
        # per folder (EXAMINE, FETCH) for every folder; the second connection logs in early and takes some of them.
        Import-Module (Join-Path $PSScriptRoot 'TestServer/FaultProxy.psm1') -Force
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs 25
        try {
            $log = Join-Path $TestDrive 'default-lanes.imap.log'
            $s = Connect-MailServer -Server 127.0.0.1 -Port $proxy.Port -Security SslOnConnect -Credential $alice.Credential -ProtocolLogPath $log
            $two = @(Measure-Mailbox -Session $s | Sort-Object Key)
            Disconnect-MailServer -Session $s
        } finally { Stop-TestFaultProxy $proxy }
        $one = @(Measure-Mailbox -Session $session -ConnectionCount 1 | Sort-Object Key)
        $two.Key | Should -Be $one.Key
        $two.Count | Should -Be $one.Count
        $second = Join-Path $TestDrive 'default-lanes.imap.conn2.log'
        $second | Should -Exist -Because 'the default -ConnectionCount 2 opens a second connection'
        @(Select-String -LiteralPath $second -Pattern ' S: \S+ OK .*Logged in').Count | Should -Be 1 -Because 'the second connection logs in once'
        @(Select-String -LiteralPath $second -Pattern ' C: \S+ EXAMINE ').Count | Should -BeGreaterThan 0 -Because 'the second connection measures some folders'
        @(Select-String -LiteralPath $log -Pattern ' S: \S+ OK .*Logged in').Count | Should -Be 1 -Because 'the session itself logged in once'
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

    It 'reports the quota the server keeps (RFC 9208) once per account, not on every row' {
        $quota = @(Get-MailQuota)
        $quota.Count | Should -Be 1
        $quota[0].Account | Should -Be $session.Account
        $quota[0].Limit | Should -Be (200MB)
        $line = (Invoke-TestDoveadm $server -f tab quota get -u $alice.UserName | Select-Object -Skip 1 | Where-Object { $_ -match '\tSTORAGE\t' }) -split "`t"   # Quota name, Type, Value (KB), Limit, %
        $quota[0].QuotaRoot | Should -Be $line[0]
        $quota[0].Used | Should -Be ([long]$line[2] * 1024)
        $quota[0].PercentUsed | Should -Be ([math]::Round(100.0 * $quota[0].Used / $quota[0].Limit, 1))
        $quota[0].Free | Should -Be ($quota[0].Limit - $quota[0].Used)
        # Folders sharing the root give one object; the quota is not a column of Measure-Mailbox's rows.
        @(Get-MailFolder | Get-MailQuota).Count | Should -Be 1
        (Measure-Mailbox -Folder INBOX).PSObject.Properties.Name | Should -Not -Contain 'QuotaLimit'
        $json = Get-MailQuota | ConvertTo-Json
        $json | Should -Match '"Limit": 209715200'
        $json | Should -Not -Match 'Session'
    }

    It 'gives an account without a quota its row with empty limits, and POP3 too' {
        $plain = Connect-TestSession -Server $bare
        $pop = Connect-TestSession -Server $server -Protocol Pop3
        try {
            $none = @($plain, $pop | Get-MailQuota -ErrorAction Stop)
            $none.Count | Should -Be 2
            $none | ForEach-Object { $_.Limit | Should -BeNullOrEmpty; $_.PercentUsed | Should -BeNullOrEmpty }
            { Get-MailQuota -Session $session -Folder 'No Such Folder' -ErrorAction Stop } | Should -Throw -ErrorId 'MailToolsFolderNotFound*'   # $pop is current now
        } finally { Disconnect-MailServer -Session $plain; Disconnect-MailServer -Session $pop }
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
            $folder = Measure-Mailbox -Session $pop -GroupBy Folder
            $rows = @(Measure-Mailbox -Session $pop -GroupBy Folder, Sender)
            $inbox = Get-TestMailboxStatus -Server $server -User $alice.UserName -Mailbox INBOX
            $folder.Count | Should -Be $inbox.Messages
            $folder.Size | Should -Be $inbox.VSize
            $folder.Unread | Should -BeNullOrEmpty
            ($rows | Measure-Object Count -Sum).Sum | Should -Be $inbox.Messages
            $rows.Folder | Sort-Object -Unique | Should -Be 'INBOX'
            ($rows.Sender | Sort-Object -Unique).Count | Should -Be $rows.Count
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
            @(Measure-Mailbox -Session $empty -GroupBy Sender -ErrorAction Stop).Count | Should -Be 0
            @(Measure-Mailbox -Session $empty -GroupBy Sender, Year -ErrorAction Stop).Count | Should -Be 0
            $rows = @(Measure-Mailbox -Session $empty -GroupBy Folder -ErrorAction Stop)
            ($rows | Measure-Object Count -Sum).Sum | Should -Be 0
            $rows.Count | Should -BeGreaterThan 0 -Because 'an empty folder is still a folder'
            @(Get-MailQuota -Session $empty -ErrorAction Stop).Count | Should -Be 1
        } finally { Disconnect-MailServer -Session $empty }
    }
}
