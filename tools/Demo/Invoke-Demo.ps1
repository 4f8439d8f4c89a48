<#
.SYNOPSIS
    The demo behind `./build.ps1 Demo`: a throwaway Dovecot with four small-business accounts, and MailTools at work on them.
.DESCRIPTION
    Runs in a child pwsh started by build.ps1 (MAILTOOLS_MODULE, MAILTOOLS_TEST_CA and SSL_CERT_FILE set, so the
    connections are validated against the demo's own CA). Stops the server when done, whatever happens.
#>
$ErrorActionPreference = 'Stop'
$repo = if ($env:MAILTOOLS_REPO_ROOT) { $env:MAILTOOLS_REPO_ROOT } else { Split-Path (Split-Path $PSScriptRoot) }
$modulePath = if ($env:MAILTOOLS_MODULE) { $env:MAILTOOLS_MODULE } else { Join-Path $repo 'out/MailTools/MailTools.psd1' }
Import-Module (Join-Path $repo 'tests/TestServer/MailTestServer.psm1') -Force
Import-Module $modulePath -Force

function Write-Scene([string] $Text) { Write-Host "`n### $Text" -ForegroundColor Green }

$accounts = [ordered]@{
    reiki    = 'Reiki Tradition'
    therapy  = 'The Therapy Rooms'
    fhtgroup = 'FHT Local Support Group'
    pawsome  = 'Pawsome World'
}
$started = Get-Date
Write-Scene 'Starting a throwaway Dovecot with four seeded accounts'
$server = Start-TestMailServer -Users @($accounts.Keys) -Profile Demo
try {
    Write-Host ("Dovecot on 127.0.0.1: IMAP {0} (STARTTLS) / {1} (TLS), POP3 {2} / {3}" -f $server.ImapPort, $server.ImapsPort, $server.Pop3Port, $server.Pop3sPort)

    Write-Scene 'Connecting to each account over IMAP (TLS, certificate checked)'
    $sessions = foreach ($user in $server.Users) {
        Connect-MailServer -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect -Credential $user.Credential
    }
    $sessions | Format-Table -AutoSize | Out-Host

    Write-Scene 'What is filling each server? (Get-MailFolder, largest first)'
    foreach ($session in $sessions) {
        Write-Host ("{0} — {1}" -f $accounts[$session.UserName], $session.Account)
        Get-MailFolder -Session $session | Sort-Object Size -Descending | Format-Table -HideTableHeaders:$false | Out-Host
    }

    Write-Scene 'Totals per account'
    $sessions | Get-MailFolder | Group-Object Account | ForEach-Object {
        [pscustomobject]@{
            Account  = $_.Name
            Folders  = $_.Count
            Messages = ($_.Group | Measure-Object Count -Sum).Sum
            Unread   = ($_.Group | Measure-Object Unread -Sum).Sum
            'MB'     = [math]::Round(($_.Group | Measure-Object Size -Sum).Sum / 1MB, 1)
        }
    } | Format-Table -AutoSize | Out-Host

    Write-Scene 'The same inbox as a POP3 client sees it'
    $pop = Connect-MailServer -Server $server.Host -Port $server.Pop3sPort -Protocol Pop3 -Security SslOnConnect -Credential $server.Users[0].Credential
    Get-MailFolder -Session $pop | Format-Table -AutoSize | Out-Host
    Disconnect-MailServer -All
}
finally {
    Stop-TestMailServer $server
}
Write-Host ("`nDemo finished in {0:N0} s; the server is stopped." -f ((Get-Date) - $started).TotalSeconds)
