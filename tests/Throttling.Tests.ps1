# Provider limits through a scripted front (tests/TestServer/FaultProxy in TLS-front mode): Dovecot cannot throttle
# like Microsoft 365 or refuse logins like Gmail, so the front answers chosen commands with Microsoft's throttled reply
# (and drops the connection after some), or refuses logins past N connections. Everything else reaches the real
# Dovecot, and the results are checked against Dovecot itself (doveadm), not against what MailTools says.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    Import-Module (Join-Path $PSScriptRoot 'TestServer/FaultProxy.psm1') -Force
    $server = Start-TestMailServer -Users alice
    $alice = $server.Users[0]
    $certificate = $server.CertificatePath
    $key = Join-Path (Split-Path $certificate) 'server.key'

    # 5,000 small messages in one folder, straight into the Maildir: 2,500 received in 2019, 2,500 this year.
    $folderDir = Join-Path $alice.MailDir '.Throttle'
    foreach ($sub in 'cur', 'new', 'tmp') { $null = New-Item -ItemType Directory -Force -Path (Join-Path $folderDir $sub) }
    $null = New-Item -ItemType File -Force -Path (Join-Path $folderDir 'maildirfolder')
    $old = [datetime]::new(2019, 3, 1, 12, 0, 0, [DateTimeKind]::Utc)
    $new = [datetime]::UtcNow.Date.AddDays(-2)
    for ($i = 1; $i -le 5000; $i++) {
        $when = if ($i % 2) { $old.AddMinutes($i) } else { $new.AddSeconds($i) }
        $text = "From: sender$($i % 37)@example.org`nTo: alice@example.org`nSubject: throttle test $i`nDate: $($when.ToString('r'))`nMessage-ID: <throttle-$i@mailtools.test>`n`nBody of message $i.`n"
        $file = Join-Path $folderDir "cur/1700000000.M${i}P1.mailtools:2,S"
        [IO.File]::WriteAllText($file, $text)
        [IO.File]::SetLastWriteTimeUtc($file, $when)
    }
    if ($server.MailUid) { $null = & chown -R "$($server.MailUid):$($server.MailGid)" $folderDir }

    function Start-Front([hashtable] $Options) {
        Start-TestFaultProxy -TargetPort $server.ImapsPort -TlsCertificatePath $certificate -TlsKeyPath $key @Options
    }
    function Connect-Front($Front, [hashtable] $Extra = @{}) {
        Connect-MailServer -Server 127.0.0.1 -Port $Front.Port -Security SslOnConnect -Credential $alice.Credential @Extra
    }
    function Get-ServerIds([string] $Mailbox) {
        # Message-IDs as Dovecot holds them (doveadm), one per message, duplicates kept.
        @(Invoke-TestDoveadm $server fetch -u alice 'hdr.message-id' mailbox $Mailbox all |
            ForEach-Object { if ("$_" -match '<(throttle-\d+)@') { $Matches[1] } })
    }
    function Get-Waits($Records) {
        # What MailTools reports it waited: "Waited N ms for the ... (it suggested M ms)".
        @($Records | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object {
                if ($_.Message -match '^Waited (\d+) ms for the .*\(it suggested (\d+) ms\)') {
                    [pscustomobject]@{ Waited = [int]$Matches[1]; Suggested = [int]$Matches[2] }
                } })
    }
    function Get-FrontThrottles($Front) {
        @(Get-Content -LiteralPath $Front.LogPath | Where-Object { $_ -match 'throttled .* suggested (\d+) ms' })
    }
    function Assert-WaitedAsSuggested($Waits, $Throttles, [int] $Suggested) {
        # Each throttled reply was waited out once, for about the time it suggested: not less, not twice (a second of
        # slack for a loaded machine; this checks the wait logic, not speed).
        $Waits.Count | Should -Be $Throttles.Count
        foreach ($w in $Waits) {
            $w.Suggested | Should -Be $Suggested
            $w.Waited | Should -BeGreaterOrEqual ($Suggested - 10)
            $w.Waited | Should -BeLessThan ($Suggested + 1000)
        }
    }
    $expectedNew = 1..5000 | Where-Object { -not ($_ % 2) } | ForEach-Object { "throttle-$_" }
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Throttling through a scripted Microsoft 365 front' {
    It 'scripted front: a 5,000-message export finishes with every message once, waiting what the server suggested' {
        (Get-ServerIds 'Throttle').Count | Should -Be 5000
        $front = Start-Front @{ Throttle = 'UID FETCH'; ThrottleEvery = 3; BackoffMs = 700; DropEvery = 2 }
        try {
            $s = Connect-Front $front
            $dir = Join-Path $TestDrive 'export'
            $out = Export-Mailbox -Session $s -Folder Throttle -Path $dir -Verbose 4>&1
            $result = @($out | Where-Object { $_ -is [MailTools.ExportResult] })
            $throttles = Get-FrontThrottles $front
            $waits = Get-Waits $out
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $front -Keep }

        # The front throttled (and dropped) several times, so the test exercised the wait and the resume.
        $throttles.Count | Should -BeGreaterOrEqual 3
        @($throttles | Where-Object { $_ -match 'dropped' }).Count | Should -BeGreaterOrEqual 1
        $result.Count | Should -Be 1
        $result[0].Exported | Should -Be 5000

        # Nothing lost, nothing doubled: the files' Message-IDs are exactly Dovecot's.
        $files = @(Get-ChildItem -LiteralPath $result[0].Path -Recurse -File | Where-Object { $_.Directory.Name -in 'cur', 'new' })
        $ids = @($files | ForEach-Object { if (((Get-Content -LiteralPath $_.FullName -TotalCount 6) -join "`n") -match '<(throttle-\d+)@') { $Matches[1] } })
        $ids.Count | Should -Be 5000
        @($ids | Sort-Object -Unique).Count | Should -Be 5000
        Compare-Object ($ids | Sort-Object) (Get-ServerIds 'Throttle' | Sort-Object) | Should -BeNullOrEmpty

        Assert-WaitedAsSuggested $waits $throttles 700
    }

    It 'scripted front: a Trash clean-up and a Delete clean-up finish with nothing lost or duplicated' {
        $front = Start-Front @{ Throttle = 'UID MOVE', 'UID STORE', 'UID EXPUNGE', 'UID SEARCH'; ThrottleEvery = 2; BackoffMs = 400; DropEvery = 3 }
        try {
            $s = Connect-Front $front
            $log = Join-Path $TestDrive 'cleanup.csv'
            # Slices of 2,000 with a log, so the 2,500 matches take several MOVEs.
            $out = Invoke-MailCleanup -Session $s -Folder Throttle -Before '2021-01-01' -Action Trash -LogPath $log -Force -Verbose 4>&1
            $trash = @($out | Where-Object { $_ -is [MailTools.CleanupResult] })
            $out2 = Invoke-MailCleanup -Session $s -Folder Trash -Before '2021-01-01' -Subject 'throttle test' -Action Delete -LogPath $log -Force -Verbose 4>&1
            $delete = @($out2 | Where-Object { $_ -is [MailTools.CleanupResult] })
            $throttles = Get-FrontThrottles $front
            $waits = @(Get-Waits $out) + @(Get-Waits $out2)
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $front -Keep }

        $throttles.Count | Should -BeGreaterOrEqual 3
        @($throttles | Where-Object { $_ -match 'dropped' }).Count | Should -BeGreaterOrEqual 1
        $trash[0].Acted | Should -Be 2500
        $delete[0].Acted | Should -Be 2500
        # Dovecot: the 2,500 recent messages are still in the folder, each once; the old ones are gone for good.
        $left = @(Get-ServerIds 'Throttle')
        $left.Count | Should -Be 2500
        Compare-Object ($left | Sort-Object) ($expectedNew | Sort-Object) | Should -BeNullOrEmpty
        @(Get-ServerIds 'Trash').Count | Should -Be 0
        # The log has one row per message and action, none twice.
        $rows = @(Import-Csv -LiteralPath $log)
        $rows.Count | Should -Be 5000
        @($rows | ForEach-Object { "$($_.Action)|$($_.MessageId)" } | Sort-Object -Unique).Count | Should -Be 5000
        Assert-WaitedAsSuggested $waits $throttles 400
    }

    It 'scripted front: after a bounded wait MailTools stops with MailToolsServerThrottled naming the limit' {
        $front = Start-Front @{ Throttle = 'EXAMINE', 'SELECT'; BackoffMs = 1000 }
        try {
            $s = Connect-Front $front @{ MaxWaitSeconds = 3 }
            $err = $null
            $null = Get-MailMessage -Session $s -Folder Throttle -ErrorVariable err -ErrorAction SilentlyContinue
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $front }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsServerThrottled*'
        "$err" | Should -Match 'kept throttling'
        "$err" | Should -Match 'MaxWaitSeconds'
        $err[0].ErrorDetails.RecommendedAction + $err[0].CategoryInfo | Should -Not -BeNullOrEmpty
    }
}

Describe 'Connection limits through a scripted Gmail-like front' {
    It 'scripted front: six parallel exports with -MaxConnections 3 never pass the front''s limit of 3' {
        $front = Start-Front @{ MaxConnections = 3 }
        try {
            $module = $ModulePath
            $cred = $alice.Credential
            $port = $front.Port
            $root = Join-Path $TestDrive 'parallel'
            $outcomes = 1..6 | ForEach-Object -ThrottleLimit 6 -Parallel {
                Import-Module $using:module
                $s = Connect-MailServer -Server 127.0.0.1 -Port $using:port -Security SslOnConnect -Credential $using:cred -MaxConnections 3 -MaxWaitSeconds 300
                try {
                    $r = Export-Mailbox -Session $s -Folder Throttle -Path (Join-Path $using:root "run$_")
                    [pscustomobject]@{ Run = $_; Exported = $r.Exported + $r.Skipped }
                } finally { Disconnect-MailServer -Session $s }
            }
            $log = Get-Content -LiteralPath $front.LogPath
        } finally { Stop-TestFaultProxy $front }
        @($outcomes).Count | Should -Be 6
        $outcomes | ForEach-Object { $_.Exported | Should -Be 2500 }
        @($log | Where-Object { $_ -match 'refused login' }).Count | Should -Be 0
        $peaks = @($log | ForEach-Object { if ($_ -match 'login (\d+) of 3') { [int]$Matches[1] } })
        $peaks.Count | Should -Be 6
        ($peaks | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 3
    }

    It 'scripted front: past the front''s limit a refused login is waited out and retried' {
        $front = Start-Front @{ MaxConnections = 2 }
        try {
            $module = $ModulePath
            $cred = $alice.Credential
            $port = $front.Port
            $outcomes = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:module
                $s = Connect-MailServer -Server 127.0.0.1 -Port $using:port -Security SslOnConnect -Credential $using:cred -MaxConnections 4 -MaxWaitSeconds 120 -Verbose 4>$null
                try { @(Get-MailMessage -Session $s -Folder Throttle).Count } finally { Disconnect-MailServer -Session $s }
            }
            $log = Get-Content -LiteralPath $front.LogPath
        } finally { Stop-TestFaultProxy $front }
        # The control for the test above: without MailTools' own cap below it, the front does refuse.
        @($log | Where-Object { $_ -match 'refused login' }).Count | Should -BeGreaterThan 0
        @($outcomes) | Should -Be @(2500, 2500, 2500, 2500)
    }
}

Describe 'A folder refused once with NO [ALREADYEXISTS] through a scripted front' {
    # Dovecot answers SELECT/EXAMINE with "NO [ALREADYEXISTS] Mailbox already exists" when two connections open a
    # folder it creates on first access (auto = create) at the same moment; an export over several connections met it
    # in CI. The race cannot be timed on a real Dovecot, so the front gives that reply once, to the first EXAMINE Throttle.
    It 'scripted front: Export-Mailbox opens the folder once more and exports every message of it' {
        $front = Start-Front @{ AlreadyExistsOnce = 'EXAMINE Throttle' }
        $dir = Join-Path $TestDrive 'already-exists'
        try {
            $s = Connect-Front $front
            $out = @(Export-Mailbox -Session $s -Folder Throttle -Path $dir -ErrorVariable failed -ErrorAction SilentlyContinue -Verbose 4>&1)
            $answered = @(Get-Content -LiteralPath $front.LogPath | Where-Object { $_ -match 'answered .* with NO \[ALREADYEXISTS\]' })
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue; Stop-TestFaultProxy $front }
        $answered.Count | Should -Be 1 -Because 'the front refused the first EXAMINE Throttle'
        @($failed).Count | Should -Be 0
        @($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -match "refused to open 'Throttle'.*trying once more" }).Count | Should -Be 1
        $result = @($out | Where-Object { $_ -is [MailTools.ExportResult] })
        $result.Count | Should -Be 1
        # Every message once: the files' Message-IDs are exactly Dovecot's (earlier clean-ups changed the folder).
        $expected = @(Get-ServerIds 'Throttle' | Sort-Object)
        $expected.Count | Should -BeGreaterThan 0
        $result[0].Exported | Should -Be $expected.Count
        $files = @(Get-ChildItem -LiteralPath $result[0].Path -Recurse -File | Where-Object { $_.Directory.Name -in 'cur', 'new' })
        $ids = @($files | ForEach-Object { if (((Get-Content -LiteralPath $_.FullName -TotalCount 6) -join "`n") -match '<(throttle-\d+)@') { $Matches[1] } })
        @($ids | Sort-Object) | Should -Be $expected
    }
}
