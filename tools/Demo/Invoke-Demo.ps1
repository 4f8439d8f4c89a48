<#
.SYNOPSIS
    The demo behind `./build.ps1 Demo`: the owner's story on a throwaway Dovecot with four small-business accounts.
.DESCRIPTION
    Runs in a child pwsh started by build.ps1 (MAILTOOLS_MODULE, MAILTOOLS_TEST_CA and SSL_CERT_FILE set, so every
    connection is validated against the demo's own CA). Everything it writes goes to a temp folder: the account
    profiles (an isolated MAILTOOLS_CONFIG), a stand-in vault (tests/StandIns: SecretManagement is not available
    on the build machine), the archive and the deletion log. It stops the server when done, whatever happens.
#>
$ErrorActionPreference = 'Stop'
$repo = if ($env:MAILTOOLS_REPO_ROOT) { $env:MAILTOOLS_REPO_ROOT } else { Split-Path (Split-Path $PSScriptRoot) }
$modulePath = if ($env:MAILTOOLS_MODULE) { $env:MAILTOOLS_MODULE } else { Join-Path $repo 'out/MailTools/MailTools.psd1' }
Import-Module (Join-Path $repo 'tests/TestServer/MailTestServer.psm1') -Force
Import-Module $modulePath -Force

function Write-Scene([string] $Text) { Write-Host "`n### $Text" -ForegroundColor Green }

$businesses = [ordered]@{
    reiki    = 'Reiki Tradition'
    therapy  = 'The Therapy Rooms'
    fhtgroup = 'FHT Local Support Group'
    pawsome  = 'Pawsome World'
}
$work = Join-Path ([IO.Path]::GetTempPath()) "mailtools-demo-$PID"
New-Item -ItemType Directory -Path $work -Force | Out-Null
$env:MAILTOOLS_CONFIG = Join-Path $work 'config'
$env:MAILTOOLS_STANDIN_VAULT = Join-Path $work 'vault'
Import-Module (Join-Path $repo 'tests/StandIns/SecretManagement.StandIn.psm1') -Force
$policy = Join-Path $repo 'docs/examples/cleanup-policy.psd1'
$archive = Join-Path $work 'archive'
$log = Join-Path $work 'cleanup-log.csv'

$started = Get-Date
Write-Scene 'A throwaway Dovecot with four seeded accounts (two years of mail each)'
$server = Start-TestMailServer -Users @($businesses.Keys) -Profile Demo
try {
    Write-Host ("Dovecot on 127.0.0.1: IMAP {0} (STARTTLS) / {1} (TLS), POP3 {2} / {3}" -f $server.ImapPort, $server.ImapsPort, $server.Pop3Port, $server.Pop3sPort)

    Write-Scene 'Set each account up once (Register-MailAccount; passwords go to the vault, never the profile file)'
    foreach ($user in $server.Users) {
        Register-MailAccount -Name $user.UserName -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect `
            -UserName $user.UserName -Pop3Port $server.Pop3sPort -Credential $user.Credential
    }
    Get-MailAccount | Format-Table -AutoSize | Out-Host

    Write-Scene 'Do they all work? (Test-MailAccount)'
    Test-MailAccount | Format-Table -AutoSize | Out-Host

    Write-Scene '"My mail vanished from my phone": IMAP and POP3 side by side for one account (Compare-MailProtocol)'
    $first = $server.Users[0]
    Compare-MailProtocol -Server $server.Host -ImapPort $server.ImapsPort, $server.ImapPort -Pop3Port $server.Pop3sPort, $server.Pop3Port `
        -Credential $first.Credential | Out-Host

    Write-Scene 'What is filling the servers? (every account, largest folders first)'
    $sessions = @(Get-MailAccount | Connect-MailServer)
    $before = @{}
    foreach ($s in $sessions) { $before[$s.Account] = (Get-MailFolder -Session $s | Measure-Object Size -Sum).Sum }
    $sessions | Get-MailFolder | Sort-Object Size -Descending | Select-Object -First 12 |
        Format-Table Account, FullName, Count, Unread, @{ n = 'MB'; e = { [math]::Round($_.Size / 1MB, 1) } } -AutoSize | Out-Host

    Write-Scene "Preview the clean-up policy (-WhatIf changes nothing): $policy"
    Get-Content $policy | Out-Host
    $sessions | Invoke-MailCleanup -Policy $policy -ArchivePath $archive -WhatIf | Where-Object Matched |
        Format-Table Account, Folder, Rule, Action, Matched, @{ n = 'MB'; e = { [math]::Round($_.Bytes / 1MB, 1) } } -AutoSize | Out-Host

    Write-Scene 'Archive and clean for real (-Force, as a scheduled task would), with a deletion log'
    $results = @($sessions | Invoke-MailCleanup -Policy $policy -ArchivePath $archive -LogPath $log -Force)
    $results | Where-Object { $_.Matched -or $_.Acted } | Format-Table Account, Folder, Rule, Action, Acted, Skipped, @{ n = 'MB'; e = { [math]::Round($_.Bytes / 1MB, 1) } } -AutoSize | Out-Host

    Write-Scene 'Space freed per account'
    $sessions | ForEach-Object {
        $after = (Get-MailFolder -Session $_ | Measure-Object Size -Sum).Sum
        [pscustomobject]@{
            Account     = $_.Account
            Business    = $businesses[$_.Account]
            'Before MB' = [math]::Round($before[$_.Account] / 1MB, 1)
            'After MB'  = [math]::Round($after / 1MB, 1)
            'Freed MB'  = [math]::Round(($before[$_.Account] - $after) / 1MB, 1)
        }
    } | Format-Table -AutoSize | Out-Host
    $logRows = @(Import-Csv $log)
    Write-Host ("Deletion log: {0} rows in {1}; the archive (Maildir, readable offline) is in {2}:" -f $logRows.Count, $log, $archive)
    Get-ChildItem -LiteralPath $archive -Directory | Format-Table Name, LastWriteTime -AutoSize | Out-Host

    Write-Scene 'A full local copy of one account (Export-Mailbox, verified), then an incremental run'
    $copy = Join-Path $work 'export'
    $sessions[1] | Export-Mailbox -Path $copy -Verify | Format-Table Folder, Exported, Bytes, Verified, Duration -AutoSize | Out-Host
    $sessions[1] | Export-Mailbox -Path $copy | Measure-Object Exported -Sum |
        ForEach-Object { Write-Host "Second run: $($_.Sum) messages fetched (nothing new on the server)." }

    Disconnect-MailServer -All
    Write-Scene 'Run summary (a scheduled script ends with: exit (Get-MailRunSummary).ExitCode)'
    Get-MailRunSummary | Out-Host
}
finally {
    Disconnect-MailServer -All
    Stop-TestMailServer $server
    Remove-Module SecretManagement.StandIn -ErrorAction Ignore
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
Write-Host ("`nDemo finished in {0:N0} s; the server is stopped and its files removed." -f ((Get-Date) - $started).TotalSeconds)
