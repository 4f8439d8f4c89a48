<#
.SYNOPSIS
    Import-Module time, and Get-MailFolder time for 200 folders (with and without LIST-STATUS).
#>
$ErrorActionPreference = 'Stop'
$repo = if ($env:MAILTOOLS_REPO_ROOT) { $env:MAILTOOLS_REPO_ROOT } else { Split-Path $PSScriptRoot }
$module = if ($env:MAILTOOLS_MODULE) { $env:MAILTOOLS_MODULE } else { Join-Path $repo 'out/MailTools/MailTools.psd1' }
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module (Join-Path $repo 'tests/TestServer/MailTestServer.psm1') -Force
Import-Module $module -Force
$section = Start-BenchSection -Name Foundation -Title 'Foundation: module load and folder listing'
$runs = if ($script:BenchCheck) { $script:BenchRuns } else { [math]::Max($script:BenchRuns, 7) }
$folderTotal = if ($script:BenchCheck) { 30 } else { 200 }

# Import-Module in a fresh pwsh, timed inside that pwsh (pwsh's own start-up is not MailTools' cost). The module as
# shipped (PowerShell 7: private load context) and the flat layout it replaced (out/MailTools-flat, laid out by the
# same build), alternated run by run so both see the same machine.
$process = [Environment]::ProcessPath
# @() around the if: an if statement's single output is a scalar, and splatting a string passes its characters.
$prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
$flat = Join-Path (Split-Path (Split-Path $module)) 'MailTools-flat/MailTools.psd1'
function Measure-Import([string] $Manifest) {
    [double](& $process @prefix -NoProfile -NonInteractive -Command "[Diagnostics.Stopwatch]::StartNew() | % { Import-Module '$Manifest'; `$_.Elapsed.TotalMilliseconds }")
}
$importTimes = @(); $flatTimes = @()
foreach ($i in 1..$runs) {
    $importTimes += Measure-Import $module
    if (Test-Path $flat) { $flatTimes += Measure-Import $flat }
}
$importStat = Get-Stat $importTimes
$importMs = $importStat.Median
Add-BenchResult -Section $section -Key 'foundation.import' -Value $importMs
$flatStat = if ($flatTimes) { Get-Stat $flatTimes } else { $null }
if ($flatStat) { Add-BenchResult -Section $section -Key 'foundation.import.flat' -Value $flatStat.Median }

$rows = foreach ($mode in 'LIST-STATUS', 'no LIST-STATUS') {
    $capability = $null
    if ($mode -eq 'no LIST-STATUS') {
        $capability = ((Get-TestDefaultImapCapability) -split ' ' | Where-Object { $_ -notin 'LIST-STATUS', 'STATUS=SIZE' }) -join ' '
    }
    $server = if ($capability) { Start-TestMailServer -Users bench -ImapCapability $capability } else { Start-TestMailServer -Users bench }
    try {
        $user = $server.Users[0]
        $names = 1..$folderTotal | ForEach-Object { 'Project {0:D3}' -f $_ }
        Invoke-TestDoveadm -Server $server mailbox create -u $user.UserName @names | Out-Null
        # One message in every folder, so sizes are really summed.
        foreach ($n in $names) { $null = Add-TestMessage -Server $server -User $user.UserName -Mailbox $n -Bytes ([Text.Encoding]::ASCII.GetBytes("Subject: $n`r`n`r`nhello`r`n")) }
        $session = Connect-MailServer -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect -Credential $user.Credential
        $count = @(Get-MailFolder -Session $session).Count
        $m = Measure-Median -Runs $runs -Script { Get-MailFolder -Session $session }
        Disconnect-MailServer $session
        # Commands sent by one listing, from MailKit's protocol log.
        $log = Join-Path ([IO.Path]::GetTempPath()) "mailtools-bench-$PID.log"
        $logged = Connect-MailServer -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect -Credential $user.Credential -ProtocolLogPath $log
        $skip = @(Get-Content $log).Count
        $null = Get-MailFolder -Session $logged
        $commands = @(Get-Content $log | Select-Object -Skip $skip | Where-Object { $_ -match '\bC: [A-Z]\d+ ' }).Count
        Disconnect-MailServer $logged
        Remove-Item $log -ErrorAction SilentlyContinue
        [pscustomobject]@{ Mode = $mode; Folders = $count; Stat = (Get-Stat ($m.All | ForEach-Object { $_ * 1000 })); Commands = $commands }
    }
    finally { Stop-TestMailServer $server }
}

$markdown = @"
## Foundation: module load and folder listing

Measured with ``./build.ps1 Bench -BenchName Foundation`` (``bench/Foundation.Bench.ps1``) on $(Get-MachineLine). Dovecot 2.3 on loopback over TLS with certificate validation; every folder holds one message.

| what | median (min–max, runs) |
|---|---|
| ``Import-Module out/MailTools`` in a fresh pwsh, timed inside it (PowerShell 7: dependencies in a private load context) | $(Format-Stat $importStat 'ms') |
$(if ($flatStat) { "| ``Import-Module out/MailTools-flat`` (the layout before the load context, alternated run by run with the line above) | $(Format-Stat $flatStat 'ms') |`n| ratio load context / flat (medians) | $('{0:N2}' -f ($importMs / $flatStat.Median)) |" })
$(($rows | ForEach-Object { "| ``Get-MailFolder``, $($_.Folders) folders, $($_.Mode) (session open; $($_.Commands) IMAP commands) | $(Format-Stat $_.Stat 'ms') |" }) -join "`n")

With LIST-STATUS the listing is one IMAP command whatever the number of folders; without it, one LIST plus one
STATUS per folder (and, without STATUS=SIZE, one FETCH RFC822.SIZE per non-empty folder).
"@
Complete-BenchSection -Section $section -Markdown $markdown
