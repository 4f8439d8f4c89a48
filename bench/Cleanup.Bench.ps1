<#
.SYNOPSIS
    Issue 13 (and 4): Invoke-MailCleanup against imapfilter: delete everything older than 365 days in 4 folders of the
    seeded Bench account, on loopback and at 20 ms RTT, the mailboxes restored before every run, the tools interleaved.
    MailTools runs in a fresh pwsh each time, which gives both of its figures from one run: the first clean-up after
    Import-Module and Connect-MailServer, cold (timed inside), and the whole process (timed outside), beside
    imapfilter's whole process. Also the cold Import-Module and Connect times, and the IMAP commands each tool sends.
#>
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
. (Join-Path $PSScriptRoot 'BenchServer.ps1')
. (Join-Path $PSScriptRoot 'BenchCleanup.ps1')
Install-BenchPackage @{ imapfilter = 'imapfilter'; time = 'time' }
Import-Module $script:BenchModule -Force
$section = Start-BenchSection -Name Cleanup -Title 'Clean-up: Invoke-MailCleanup vs imapfilter'

$folders = 'INBOX', 'Archive', 'Sent', 'Newsletters'
$cleanupRuns = if ($script:BenchCheck) { 2 } else { 9 }
$profileName = if ($script:BenchCheck) { 'Small' } else { 'Bench' }
$ca = if ($env:SSL_CERT_FILE) { $env:SSL_CERT_FILE } else { $null }
$work = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-bench-cleanup-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null

$server = $null; $small = $null; $proxy = $null
try {
    $server = Start-TestMailServer -Users bench -Profile $profileName -TimeoutSeconds 300
    $user = $server.Users[0]
    if (-not $ca) { $ca = $server.CaCertificatePath }
    $env:BENCH_PASSWORD = $user.Password
    $before = Get-FolderCounts $server $user.UserName
    Stop-TestMailServer -Server $server -Keep    # snapshot with Dovecot stopped: indexes and files agree
    Save-MailboxSnapshot $server
    Restore-MailboxSnapshot $server
    $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs $script:BenchDelayMs
    $networks = [ordered]@{ loopback = $server.ImapsPort; '20 ms RTT' = $proxy.Port }

    # Commands and completeness, from one untimed protocol-logged run of each tool.
    $commands = @{}; $deleted = @{}
    foreach ($tool in 'imapfilter', 'MailTools') {
        Restore-MailboxSnapshot $server
        $log = Join-Path $work "$tool.protocol.log"
        if ($tool -eq 'imapfilter') { $null = Invoke-Imapfilter $server.ImapsPort $user.UserName $log } else { $null = Invoke-MailToolsCleanupProcess $server.ImapsPort $user.UserName $log }
        $commands["$tool|bench"] = Get-ImapCommandCount $log $tool
        $after = Get-FolderCounts $server $user.UserName
        $deleted[$tool] = ($folders | ForEach-Object { $before[$_] - $after[$_] } | Measure-Object -Sum).Sum
    }

    $series = [ordered]@{}
    foreach ($net in $networks.Keys) {
        # A run is under a second (its restore a few), so more rounds than the default 5 for steadier medians.
        $series[$net] = Measure-Interleaved -Runs ([math]::Max($script:BenchRuns, $cleanupRuns)) -Label "cleanup $net, " -BeforeEach { Restore-MailboxSnapshot $server } -Tools ([ordered]@{
            imapfilter = { Invoke-Imapfilter $networks[$net] $user.UserName $null }
            MailTools = { Invoke-MailToolsCleanupProcess $networks[$net] $user.UserName $null }
            'MailTools, 1 connection' = { Invoke-MailToolsCleanupProcess $networks[$net] $user.UserName $null -ConnectionCount 1 }
        })
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
    $null = Invoke-MailToolsCleanupProcess $small.ImapsPort $smallUser.UserName $log
    $commands['MailTools|small'] = Get-ImapCommandCount $log 'MailTools'
}
finally {
    if ($proxy) { Stop-TestFaultProxy $proxy }
    if ($server) { Stop-TestMailServer $server }
    if ($small) { Stop-TestMailServer $small }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:BENCH_PASSWORD -ErrorAction SilentlyContinue
}

$benchMessages = ($folders | ForEach-Object { $before[$_] } | Measure-Object -Sum).Sum
$rows = foreach ($net in $networks.Keys) {
    $i = Get-Stat $series[$net]['imapfilter']
    $cold = Get-Stat $series[$net]['MailTools'] 'InProcess'
    $whole = Get-Stat $series[$net]['MailTools']
    $key = if ($net -eq 'loopback') { 'loopback' } else { 'rtt' }
    Add-BenchResult -Section $section -Key "cleanup.cold.$key" -Value ($cold.Median / $i.Median)
    if ($net -eq 'loopback') { Add-BenchResult -Section $section -Key 'cleanup.whole.loopback' -Value ($whole.Median / $i.Median) }
    "| $net | $(Format-Stat $i) | $(Format-Stat $cold) | $(Format-Ratio $cold.Median $i.Median) | $(Format-Stat $whole) | $(Format-Ratio $whole.Median $i.Median) |"
}
$oneRows = foreach ($net in $networks.Keys) {
    $two = Get-Stat $series[$net]['MailTools'] 'InProcess'
    $one = Get-Stat $series[$net]['MailTools, 1 connection'] 'InProcess'
    "| $net | $(Format-Stat $one) | $(Format-Stat $two) | $(Format-Ratio $two.Median $one.Median) |"
}
$all = @($series.Values | ForEach-Object { $_['MailTools'] })
$coldRows = foreach ($p in 'Import', 'Connect', 'InProcess') {
    $label = @{ Import = '`Import-Module`'; Connect = '`Connect-MailServer` (TLS, login, folder list)'; InProcess = 'first `Invoke-MailCleanup` (loopback)' }[$p]
    $samples = if ($p -eq 'InProcess') { $series['loopback']['MailTools'] } else { $all }
    "| $label | $(Format-Stat (Get-Stat $samples $p)) |"
}
$commandRows = foreach ($tool in 'imapfilter', 'MailTools') {
    $b = $commands["$tool|bench"]; $s = $commands["$tool|small"]
    "| $tool | $($b.Total) | $($b.Folder) ($('{0:N1}' -f ($b.Folder / $folders.Count)) per folder) + $($b.Other) | $($s.Total) | $($s.Folder) ($('{0:N1}' -f ($s.Folder / $folders.Count)) per folder) + $($s.Other) |"
}
Add-BenchResult -Section $section -Key 'cleanup.commands' -Value $commands['MailTools|bench'].Total -Text "MailTools $($commands['MailTools|bench'].Total), imapfilter $($commands['imapfilter|bench'].Total) for $($folders.Count) folders, login and logout included"
# Per folder: the commands inside folders must not grow with the messages, and must be no more than imapfilter's.
$independent = $commands['MailTools|bench'].Folder -eq $commands['MailTools|small'].Folder
$perFolderMet = $commands['MailTools|bench'].Folder -le $commands['imapfilter|bench'].Folder

$markdown = @"
## Clean-up: Invoke-MailCleanup vs imapfilter

Measured with ``./build.ps1 Bench`` (``bench/Cleanup.Bench.ps1``) on $(Get-MachineLine). Dovecot 2.3, the seeder's
``$profileName`` profile; the rule is "delete everything older than 365 days" (INTERNALDATE, flagged mail included) in
$($folders.Count) folders ($($folders -join ', ')) holding $benchMessages messages. Before every run Dovecot is stopped, the
pristine Maildir tree (files and indexes) copied back and flushed (``sync``), and Dovecot started again. Over TLS to ``localhost`` with
certificate validation (imapfilter ``-t <run CA>``); "20 ms RTT" is through ``tests/TestServer/FaultProxy``.

- imapfilter $((& imapfilter -V 2>&1 | Select-Object -First 1) -replace '\s+Copyright.*'): whole process, ``account[f]:is_older(365):delete_messages()`` per folder.
- MailTools: a fresh ``pwsh -NoProfile`` per run running ``Import-Module``, ``Connect-MailServer`` and
  ``Invoke-MailCleanup -Folder $($folders -join ',') -OlderThan 365 -Action Delete -IncludeFlagged -Force``. "cold
  in-process" is the clean-up alone, timed inside that pwsh (the first command after Connect: JIT and first use
  included); "whole process" is the same run timed from outside, pwsh start-up included.

Both deleted the same messages: imapfilter $($deleted['imapfilter']), MailTools $($deleted['MailTools']).
Runs interleaved (imapfilter, MailTools, imapfilter, …); median (min–max, runs).

| network | imapfilter (whole process) | MailTools cold in-process | ratio | MailTools whole process | ratio |
|---|---|---|---|---|---|
$($rows -join "`n")

The same clean-up over one connection (``-ConnectionCount 1``) against the default two (two folders at a time), cold
in-process, in the same interleaved runs:

| network | 1 connection | 2 connections | ratio |
|---|---|---|---|
$($oneRows -join "`n")

Cold start of the MailTools runs above (each a fresh pwsh):

| step | median (min–max, runs) |
|---|---|
$($coldRows -join "`n")

IMAP commands sent (tagged commands in imapfilter's ``-d`` log and MailTools' ``-ProtocolLogPath``, every
connection, login and logout included), on this account and on the ``Small`` profile ($smallMessages messages in the
same $($folders.Count) folders). "in folders" counts SELECT/EXAMINE and the SEARCH, STORE, EXPUNGE, FETCH, MOVE, COPY,
CLOSE and STATUS commands; "+ N" is the rest (log-in, NAMESPACE, LIST, LOGOUT, CAPABILITY), paid once per connection:
MailTools' default second connection (two folders at a time) costs its own log-in and listing.

| tool | $profileName account: all | in folders + the rest | Small account: all | in folders + the rest |
|---|---|---|---|---|
$($commandRows -join "`n")

IMAP commands in folders independent of the number of messages: $(Format-Met $independent) for MailTools; no more than
imapfilter's per folder: $(Format-Met $perFolderMet).
"@
Complete-BenchSection -Section $section -Markdown $markdown
