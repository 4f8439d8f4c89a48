<#
.SYNOPSIS
    Issue 4, acceptance 6: Invoke-MailCleanup against imapfilter: delete everything older than 365 days in 4 folders of
    the seeded Bench account, on loopback and at 20 ms RTT, the mailbox restored before every run; times, ratios and
    the IMAP commands each tool sends (and that the count per folder does not grow with the number of messages).
#>
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
. (Join-Path $PSScriptRoot 'BenchServer.ps1')
Install-BenchPackage @{ imapfilter = 'imapfilter'; time = 'time' }
Import-Module $script:BenchModule -Force

$runs = $script:BenchRuns
$folders = 'INBOX', 'Archive', 'Sent', 'Newsletters'
$ca = if ($env:SSL_CERT_FILE) { $env:SSL_CERT_FILE } else { $null }
$loadBefore = (Get-Content /proc/loadavg).Split(' ')[0]
$work = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-bench-cleanup-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null

function New-ImapfilterConfig([int] $Port, [string] $UserName) {
    # The same rule as Invoke-MailCleanup -OlderThan 365 -Action Delete -IncludeFlagged: INTERNALDATE, whole days.
    $path = Join-Path $work "imapfilter-$Port.lua"
    $list = ($folders | ForEach-Object { "'$_'" }) -join ', '
    @"
options.timeout = 120
options.info = false
local account = IMAP {
    server = 'localhost',
    port = $Port,
    username = '$UserName',
    password = os.getenv('BENCH_PASSWORD'),
    ssl = 'auto',
}
for _, name in ipairs({ $list }) do
    account[name]:is_older(365):delete_messages()
end
"@ | Set-Content -LiteralPath $path -Encoding utf8NoBOM
    $path
}

function Invoke-Imapfilter([int] $Port, [string] $UserName, [string] $DebugLog) {
    # -t: the run's CA is the trust store, so imapfilter validates the certificate (and never asks interactively).
    $arguments = @('-c', (New-ImapfilterConfig $Port $UserName), '-t', $ca)
    if ($DebugLog) { $arguments += @('-d', $DebugLog) }
    Invoke-TimedProcess -FilePath (Get-Command imapfilter).Source -ArgumentList $arguments
}

function Invoke-MailToolsCleanup([int] $Port, $User, [string] $ProtocolLog) {
    # Times only the clean-up: Import-Module is done, Connect-MailServer is before the stopwatch (the target's terms).
    $extra = if ($ProtocolLog) { @{ ProtocolLogPath = $ProtocolLog } } else { @{} }
    $session = Connect-MailServer -Server localhost -Port $Port -Security SslOnConnect -Credential $User.Credential @extra
    $sw = [Diagnostics.Stopwatch]::StartNew()
    Invoke-MailCleanup -Session $session -Folder $folders -OlderThan 365 -Action Delete -IncludeFlagged -Force -ErrorAction Stop | Out-Null
    $sw.Stop()
    Disconnect-MailServer -Session $session
    $sw.Elapsed.TotalSeconds
}

function Get-ImapCommandCount([string] $Path, [string] $Tool) {
    # Tagged client commands only (continuation lines of a literal are not commands).
    $lines = Get-Content -LiteralPath $Path
    # MailKit's protocol log: "<time> C: A00000007 UID SEARCH ...".
    if ($Tool -eq 'MailTools') { return @($lines | Where-Object { $_ -match '(^|\s)C: [A-Za-z0-9]+ [A-Za-z]' }).Count }
    # imapfilter's debug log: "sending command (N):" followed by the command line.
    return @($lines | Where-Object { $_ -match '^\s*sending command' }).Count
}

function Get-FolderCounts($Server, [string] $UserName) {
    $h = @{}
    foreach ($f in $folders) { $h[$f] = (Get-TestMailboxStatus -Server $Server -User $UserName -Mailbox $f).Messages }
    $h
}

$server = $null; $small = $null; $proxy = $null
try {
    $server = Start-TestMailServer -Users bench -Profile Bench -TimeoutSeconds 120
    $user = $server.Users[0]
    if (-not $ca) { $ca = $server.CaCertificatePath }
    $env:BENCH_PASSWORD = $user.Password
    $before = Get-FolderCounts $server $user.UserName
    Stop-TestMailServer -Server $server -Keep    # snapshot with Dovecot stopped: indexes and files agree
    Save-MailboxSnapshot $server
    Restore-MailboxSnapshot $server
    $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs $script:BenchDelayMs
    $networks = [ordered]@{ loopback = $server.ImapsPort; '20 ms RTT' = $proxy.Port }

    $times = @{}; $deleted = @{}; $commands = @{}
    foreach ($net in $networks.Keys) {
        foreach ($tool in 'imapfilter', 'MailTools') { $times["$tool|$net"] = [Collections.Generic.List[double]]::new() }
        for ($run = 1; $run -le $runs; $run++) {
            foreach ($tool in 'imapfilter', 'MailTools') {
                Write-Host "  cleanup $net, $tool, run $run/$runs"
                Restore-MailboxSnapshot $server
                # The first loopback run of each tool also logs the protocol, to count commands (logging is not timed
                # in the medians: it is one run of several, and both tools log the same way).
                $log = if ($run -eq 1 -and $net -eq 'loopback') { Join-Path $work "$tool.protocol.log" } else { $null }
                $seconds = if ($tool -eq 'imapfilter') { (Invoke-Imapfilter $networks[$net] $user.UserName $log).Seconds }
                else { Invoke-MailToolsCleanup $networks[$net] $user $log }
                $times["$tool|$net"].Add($seconds)
                if ($log) {
                    $commands["$tool|bench"] = Get-ImapCommandCount $log $tool
                    $after = Get-FolderCounts $server $user.UserName
                    $deleted[$tool] = ($folders | ForEach-Object { $before[$_] - $after[$_] } | Measure-Object -Sum).Sum
                }
            }
        }
    }
    Stop-TestFaultProxy $proxy; $proxy = $null
    Stop-TestMailServer $server; $server = $null

    # The same rule on a small account (~150 messages): commands per folder must not depend on the message count.
    $small = Start-TestMailServer -Users small -Profile Small
    $smallUser = $small.Users[0]
    $env:BENCH_PASSWORD = $smallUser.Password
    $smallMessages = ($folders | ForEach-Object { (Get-TestMailboxStatus -Server $small -User $smallUser.UserName -Mailbox $_).Messages } | Measure-Object -Sum).Sum
    Stop-TestMailServer -Server $small -Keep
    Save-MailboxSnapshot $small
    Restore-MailboxSnapshot $small
    $log = Join-Path $work 'imapfilter-small.log'
    $null = Invoke-Imapfilter $small.ImapsPort $smallUser.UserName $log
    $commands['imapfilter|small'] = Get-ImapCommandCount $log 'imapfilter'
    Restore-MailboxSnapshot $small
    $log = Join-Path $work 'MailTools-small.log'
    $null = Invoke-MailToolsCleanup $small.ImapsPort $smallUser $log
    $commands['MailTools|small'] = Get-ImapCommandCount $log 'MailTools'
}
finally {
    if ($proxy) { Stop-TestFaultProxy $proxy }
    if ($server) { Stop-TestMailServer $server }
    if ($small) { Stop-TestMailServer $small }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:BENCH_PASSWORD -ErrorAction SilentlyContinue
}
$loadAfter = (Get-Content /proc/loadavg).Split(' ')[0]

$benchMessages = ($folders | ForEach-Object { $before[$_] } | Measure-Object -Sum).Sum
$median = @{}
foreach ($key in $times.Keys) { $median[$key] = Get-Median $times[$key].ToArray() }
$rows = foreach ($net in $networks.Keys) {
    $i = $median["imapfilter|$net"]; $m = $median["MailTools|$net"]
    "| $net | $(Format-Seconds $i) | $(Format-Seconds $m) | $(Format-Ratio $m $i) | $(Format-Met ($m -le $i)) |"
}
$commandRows = foreach ($tool in 'imapfilter', 'MailTools') {
    $b = $commands["$tool|bench"]; $s = $commands["$tool|small"]
    "| $tool | $b ($('{0:N1}' -f ($b / $folders.Count)) per folder) | $s ($('{0:N1}' -f ($s / $folders.Count)) per folder) |"
}
$independent = $commands['MailTools|bench'] -eq $commands['MailTools|small']

@"
## Clean-up: Invoke-MailCleanup vs imapfilter (issue 4)

Measured with ``./build.ps1 Bench`` (``bench/Cleanup.Bench.ps1``) on $(Get-MachineLine); 1-minute load average
$loadBefore at the start and $loadAfter at the end (shared machine: compare ratios). Dovecot 2.3, the seeder's ``Bench``
profile; the rule is "delete everything older than 365 days" (INTERNALDATE, flagged mail included) in $($folders.Count)
folders ($($folders -join ', ')) holding $benchMessages messages. Before every run Dovecot is stopped, the pristine
Maildir tree (files and indexes) copied back, and Dovecot started again. Over TLS to ``localhost`` with certificate
validation (imapfilter ``-t <run CA>``); "20 ms RTT" is through ``tests/TestServer/FaultProxy`` (10 ms each way).

- imapfilter $((& imapfilter -V 2>&1 | Select-Object -First 1) -replace '\s+Copyright.*'): whole process, ``account[f]:is_older(365):delete_messages()`` per folder.
- MailTools: in-process, after ``Import-Module`` and ``Connect-MailServer``:
  ``Invoke-MailCleanup -Folder $($folders -join ',') -OlderThan 365 -Action Delete -IncludeFlagged -Force``.

Both deleted the same messages: imapfilter $($deleted['imapfilter']), MailTools $($deleted['MailTools']).

| network | imapfilter (whole process) | MailTools (in-process clean-up) | ratio | target ≤ 1.0× |
|---|---|---|---|---|
$($rows -join "`n")

Medians of $runs runs each, runs of the two tools interleaved.

IMAP commands sent (tagged commands in imapfilter's ``-d`` log and MailTools' ``-ProtocolLogPath``, login and logout
included), on this account and on the ``Small`` profile ($smallMessages messages in the same $($folders.Count) folders):

| tool | Bench account ($benchMessages messages) | Small account ($smallMessages messages) |
|---|---|---|
$($commandRows -join "`n")

Target "IMAP commands per folder independent of the number of messages": $(Format-Met $independent) for MailTools.
"@
