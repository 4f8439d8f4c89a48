<#
.SYNOPSIS
    Issue 15: Measure-Mailbox -GroupBy Sender,Year over a 50,000-message account against one bare
    `UID FETCH 1:* (RFC822.SIZE INTERNALDATE FLAGS)` pass per folder with MailKit, in the same run, on loopback: time,
    the client's CPU time (user+sys of the pass), bytes the server sent (Dovecot's own out= count at logout) and the peak
    memory of a fresh pwsh doing each. Both passes must see the same folders and messages, or the run fails.
.DESCRIPTION
    MAILTOOLS_BENCH_REPORT_PROFILE picks the seeder profile (default Scale50k; Small to check the script quickly).
#>
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
. (Join-Path $PSScriptRoot 'BenchServer.ps1')
Import-Module $script:BenchModule -Force

$runs = $script:BenchRuns
$seedProfile = if ($env:MAILTOOLS_BENCH_REPORT_PROFILE) { $env:MAILTOOLS_BENCH_REPORT_PROFILE } else { 'Scale50k' }
$section = Start-BenchSection -Name Report -Title 'Measure-Mailbox vs one bare FETCH pass (issue 15)'
$pwsh = @(Get-BenchPwsh)

function Invoke-Child([string] $Connect, [string] $Body, $Server) {
    # One fresh pwsh per run: its peak resident memory (VmHWM) is the run's alone. It prints SECONDS= and PEAK=.
    $user = $Server.Users[0]
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($script:BenchModule)'
`$cred = [pscredential]::new('$($user.UserName)', (ConvertTo-SecureString '$($user.Password)' -AsPlainText -Force))
`$hostName = '$($Server.Host)'; `$port = $($Server.ImapsPort)
$Connect
`$proc = [Diagnostics.Process]::GetCurrentProcess(); `$cpu0 = `$proc.TotalProcessorTime
`$sw = [Diagnostics.Stopwatch]::StartNew()
$Body
`$sw.Stop(); `$proc.Refresh()
'SECONDS=' + `$sw.Elapsed.TotalSeconds.ToString([Globalization.CultureInfo]::InvariantCulture)
'CPU=' + (`$proc.TotalProcessorTime - `$cpu0).TotalSeconds.ToString([Globalization.CultureInfo]::InvariantCulture)
'FOLDERS=' + `$folders; 'MESSAGES=' + `$messages
'PEAK=' + ((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM:*' }) -replace '\D', '')
"@
    $exe = $pwsh[0]; $prefix = @($pwsh | Select-Object -Skip 1)
    $out = & $exe @prefix -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" }
    $values = @{}
    foreach ($line in $out) { if ($line -match '^(SECONDS|CPU|PEAK|FOLDERS|MESSAGES)=([\d.]+)$') { $values[$Matches[1]] = [double]$Matches[2] } }
    if (-not $values.ContainsKey('SECONDS')) { throw "benchmark child failed: $($out -join "`n")" }
    $values
}

# The bare pass: MailKit alone (the module's copy), each folder EXAMINEd and fetched as `UID FETCH 1:*`.
$bareConnect = @'
# The module's own MailKit build (on PowerShell 7 it lives in the module's private load context, so the bare pass loads
# the same file into the default context): both passes run the same MailKit.
$dependencies = Join-Path (Split-Path (Get-Module MailTools).Path) 'Dependencies'
Add-Type -Path $(if (Test-Path $dependencies) { Join-Path $dependencies 'MailKit.dll' } else { Join-Path (Split-Path (Get-Module MailTools).Path) 'MailKit.dll' })
$imap = [MailKit.Net.Imap.ImapClient]::new()
$imap.CheckCertificateRevocation = $false   # the run's test CA publishes no CRL; the chain is still validated
$imap.Connect($hostName, $port, [MailKit.Security.SecureSocketOptions]::SslOnConnect)
$imap.Authenticate($cred.GetNetworkCredential())
'@
$bare = @'
$folders = 0; $messages = 0
foreach ($f in $imap.GetFolders($imap.PersonalNamespaces[0], $false, [Threading.CancellationToken]::None)) {
    if ($f.Attributes.HasFlag([MailKit.FolderAttributes]::NoSelect)) { continue }
    $null = $f.Open([MailKit.FolderAccess]::ReadOnly)
    $messages += $f.Fetch([MailKit.UniqueIdRange]::All, [MailKit.FetchRequest]::new([MailKit.MessageSummaryItems]'UniqueId, Size, InternalDate, Flags')).Count
    $folders++
    $f.Close($false)
}
$imap.Disconnect($true)
'@
# The folders Measure-Mailbox will read, counted on a session of their own that logs out first (the byte count is the
# last logout's), so the comparison can check both passes read the same folders and messages.
$measureConnect = @'
$count = Connect-MailServer -Server $hostName -Port $port -Security SslOnConnect -Credential $cred
$folders = @(Get-MailFolder -Session $count | Where-Object IsSelectable).Count
Disconnect-MailServer -Session $count
$session = Connect-MailServer -Server $hostName -Port $port -Security SslOnConnect -Credential $cred
'@
# The cross product (one row per sender and year), as the issue's benchmark names it; -ConnectionCount left at its
# default (2: folders measured over two connections, the second opened inside the timed pass).
$measure = @'
$messages = (Measure-Mailbox -Session $session -GroupBy Sender, Year | Measure-Object Count -Sum).Sum
Disconnect-MailServer -Session $session
'@

function Get-ServerBytesOut($Server, [long] $From, [int] $Skip = 0) {
    # Dovecot logs "Logged out in=<bytes> out=<bytes>" per IMAP session: the sessions after $From are this run's, less the
    # first $Skip (the folder count's session, which logs out before the measured one opens). Measure-Mailbox's extra
    # connections (-ConnectionCount) log out too, so every remaining session counts.
    $text = [IO.File]::ReadAllText($Server.LogPath).Substring([int]$From)
    $m = @([regex]::Matches($text, 'imap\([^)]*\).*?Logged out in=\d+ out=(\d+)'))
    if ($m.Count -le $Skip) { return $null }
    $sum = 0L
    foreach ($x in ($m | Select-Object -Skip $Skip)) { $sum += [long]$x.Groups[1].Value }
    $sum
}

$server = $null
try {
    $server = Start-TestMailServer -Users bench -Profile $seedProfile -TimeoutSeconds 300
    $messages = (Get-TestMailboxStatus -Server $server -User 'bench' | Measure-Object Messages -Sum).Sum
    $results = @{ bare = [Collections.Generic.List[object]]::new(); measure = [Collections.Generic.List[object]]::new() }
    # Warm-up, one of each: Dovecot's caches filled for both (a bare pass does not fill the hdr.FROM cache field, so
    # without the Measure-Mailbox one its first timed run alone would read every message file).
    $null = Invoke-Child $bareConnect $bare $server
    $null = Invoke-Child $measureConnect $measure $server
    for ($run = 1; $run -le $runs; $run++) {
        foreach ($tool in 'bare', 'measure') {
            Write-Host "  report $tool, run $run/$runs"
            $offset = (Get-Item $server.LogPath).Length
            $r = if ($tool -eq 'bare') { Invoke-Child $bareConnect $bare $server } else { Invoke-Child $measureConnect $measure $server }
            Start-Sleep -Milliseconds 300   # the logout line is written as the session ends
            $r.BYTES = Get-ServerBytesOut $server $offset -Skip $(if ($tool -eq 'bare') { 0 } else { 1 })
            $results[$tool].Add($r)
        }
    }
}
finally {
    if ($server) { Stop-TestMailServer $server }
}

foreach ($r in $results.measure) {
    $b = $results.bare[0]
    if ($r.FOLDERS -ne $b.FOLDERS -or $r.MESSAGES -ne $b.MESSAGES) {
        throw "The passes read different mail: bare $($b.FOLDERS) folders, $($b.MESSAGES) messages; Measure-Mailbox $($r.FOLDERS) folders, $($r.MESSAGES) messages."
    }
}
$row = @{}
foreach ($tool in 'bare', 'measure') {
    $stat = Get-Stat @($results[$tool] | ForEach-Object { $_.SECONDS })
    $row[$tool] = [pscustomobject]@{
        Stat    = $stat
        Seconds = $stat.Median
        Cpu     = Get-Median ($results[$tool] | ForEach-Object { $_.CPU })
        PeakMB  = (Get-Median ($results[$tool] | ForEach-Object { $_.PEAK })) / 1024
        BytesKB = (Get-Median ($results[$tool] | Where-Object BYTES | ForEach-Object { $_.BYTES })) / 1KB
    }
}
$ratio = $row.measure.Seconds / $row.bare.Seconds
$inv = [Globalization.CultureInfo]::InvariantCulture
Add-BenchResult -Section $section -Key 'report.ratio' -Value $ratio
$markdown = @"
## Measure-Mailbox vs one bare FETCH pass (issue 15)

$(Get-MachineLine); median (min–max) of $runs runs, interleaved, each in a fresh pwsh
(connect and log-in not timed). Account: profile $seedProfile, $messages messages, every folder ($($results.bare[0].FOLDERS) folders,
checked equal for both passes). Bytes are what Dovecot says it sent (out= at logout); client CPU is the pass's user+sys
time in its pwsh (median); peak memory is the pwsh's VmHWM (the module and runtime included).

| pass | time | client CPU (s) | bytes sent by the server (KB) | peak memory (MB) |
|---|---:|---:|---:|---:|
| bare MailKit ``UID FETCH 1:* (RFC822.SIZE INTERNALDATE FLAGS)`` per folder | $(Format-Stat $row.bare.Stat 's') | $($row.bare.Cpu.ToString('0.00', $inv)) | $($row.bare.BytesKB.ToString("#,0", $inv)) | $($row.bare.PeakMB.ToString('0', $inv)) |
| ``Measure-Mailbox -GroupBy Sender, Year`` (one row per sender and year; adds the FROM header; 2 connections, the default) | $(Format-Stat $row.measure.Stat 's') | $($row.measure.Cpu.ToString('0.00', $inv)) | $($row.measure.BytesKB.ToString("#,0", $inv)) | $($row.measure.PeakMB.ToString('0', $inv)) |

Measure-Mailbox takes $($ratio.ToString('0.00', $inv))× the bare pass's time (target: within 1.5×). The bare pass holds every
summary of a folder at once over one connection; Measure-Mailbox fetches 1,000 at a time over two connections (the
second opened and logged in inside the timed pass) and keeps only per-group totals.
"@
Complete-BenchSection -Section $section -Markdown $markdown
