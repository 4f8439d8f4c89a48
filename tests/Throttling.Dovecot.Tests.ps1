# Dovecot's own connection limit (mail_max_userip_connections), on a real Dovecot: the harness sets it to 2 for IMAP.
# MailTools asks for more connections than that (-ConnectionCount 4, -MaxConnections 8) and must still finish with
# nothing lost; when other programs hold the limit for longer than -MaxWaitSeconds, it stops with a clear error.
# Results are checked against Dovecot (doveadm) and Dovecot's own log, not against what MailTools says.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    $server = Start-TestMailServer -Users carol -Profile Small -ExtraConfig "protocol imap {`n  mail_max_userip_connections = 2`n}"
    $carol = $server.Users[0]
    function Get-DovecotCounts {
        # Messages per folder as Dovecot holds them.
        $counts = @{}
        foreach ($line in @(Invoke-TestDoveadm $server -f tab mailbox status -u carol messages '*' | Select-Object -Skip 1)) {
            $name, $n = "$line" -split "`t"
            $counts[$name] = [int]$n
        }
        $counts
    }
    function Get-LimitRefusals { @(Get-Content -LiteralPath $server.LogPath | Where-Object { $_ -match 'Maximum number of connections from user\+IP exceeded \(mail_max_userip_connections=2\)' }) }
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Dovecot mail_max_userip_connections (real Dovecot, limit 2)' {
    It 'an export over -ConnectionCount 4 with -MaxConnections 8 finishes with every message of every folder' {
        $before = Get-DovecotCounts
        $before.Count | Should -BeGreaterThan 3
        $refusedBefore = (Get-LimitRefusals).Count
        $s = Connect-MailServer -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect -Credential $carol.Credential -MaxConnections 8 -MaxWaitSeconds 60
        try {
            $path = Join-Path $TestDrive 'export'
            $err = $null
            $results = @(Export-Mailbox -Session $s -Path $path -ConnectionCount 4 -ErrorVariable err -ErrorAction SilentlyContinue)
            $root = Get-ExportTree -Path $path -Session $s
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue }
        # Dovecot did refuse connections past its limit, so the test exercised it.
        (Get-LimitRefusals).Count | Should -BeGreaterThan $refusedBefore
        $err.Count | Should -Be 0
        # Every folder, every message: the files on disk per folder are Dovecot's counts.
        foreach ($name in $before.Keys) {
            $r = @($results | Where-Object Folder -EQ $name)
            $r.Count | Should -Be 1 -Because "folder '$name' is exported once"
            $r[0].Exported | Should -Be $before[$name] -Because "folder '$name' has $($before[$name]) message(s) on the server"
        }
        $manifest = @(Get-Content -LiteralPath (Join-Path $root 'manifest.jsonl') | ConvertFrom-Json)
        $manifest.Count | Should -Be ($before.Values | Measure-Object -Sum).Sum
        @($manifest | ForEach-Object { "$($_.folder)|$($_.uid)" } | Sort-Object -Unique).Count | Should -Be $manifest.Count
    }

    It 'a clean-up over -ConnectionCount 4 deletes exactly what it reports, folder by folder, with no error' {
        $before = Get-DovecotCounts
        $s = Connect-MailServer -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect -Credential $carol.Credential -MaxConnections 8 -MaxWaitSeconds 60
        try {
            $err = $null
            $results = @(Invoke-MailCleanup -Session $s -Folder '*' -Before '2025-01-01' -Action Delete -ConnectionCount 4 -Force -ErrorVariable err -ErrorAction SilentlyContinue)
        } finally { Disconnect-MailServer -All -ErrorAction SilentlyContinue }
        $err.Count | Should -Be 0
        ($results | Measure-Object Acted -Sum).Sum | Should -BeGreaterThan 0
        $after = Get-DovecotCounts
        # Dovecot lost exactly what MailTools says it deleted in each folder: nothing more, nothing left half-done.
        foreach ($name in $before.Keys) {
            $acted = ($results | Where-Object Folder -EQ $name | Measure-Object Acted -Sum).Sum
            $after[$name] | Should -Be ($before[$name] - [int]$acted) -Because "folder '$name' had $($before[$name]) and MailTools deleted $acted"
        }
    }

    It 'when other programs hold the limit past -MaxWaitSeconds, Connect-MailServer stops with MailToolsTooManyConnections naming it' {
        # Another program (a separate pwsh) holds both of carol's connections.
        $ready = Join-Path $TestDrive 'holding'
        $job = Start-Job -ScriptBlock {
            param($module, $hostName, $port, $cred, $ready)
            Import-Module $module
            $a = Connect-MailServer -Server $hostName -Port $port -Security SslOnConnect -Credential $cred
            $b = Connect-MailServer -Server $hostName -Port $port -Security SslOnConnect -Credential $cred
            Set-Content -LiteralPath $ready -Value 'holding'
            Start-Sleep -Seconds 120
        } -ArgumentList $ModulePath, $server.Host, $server.ImapsPort, $carol.Credential, $ready
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            while (-not (Test-Path $ready) -and [DateTime]::UtcNow -lt $deadline -and $job.State -eq 'Running') { Start-Sleep -Milliseconds 200 }
            Test-Path $ready | Should -BeTrue -Because "the other program holds two connections ($(Receive-Job $job 2>&1))"
            $err = $null
            $s = Connect-MailServer -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect -Credential $carol.Credential -MaxWaitSeconds 3 -ErrorVariable err -ErrorAction SilentlyContinue
        } finally { Stop-Job $job; Remove-Job $job -Force }
        $s | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsTooManyConnections*'
        "$($err[0])" | Should -Match 'mail_max_userip_connections=2'
        "$($err[0])" | Should -Match 'MaxWaitSeconds'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Close other mail programs'
    }
}
