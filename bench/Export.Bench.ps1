<#
.SYNOPSIS
    Issue 3, acceptance 8: Export-Mailbox (Maildir, mbox) against mbsync and offlineimap on the same seeded account,
    over TLS with certificate validation, on loopback and through the delay proxy at 20 ms RTT; the no-change
    incremental run in-process; peak memory while exporting a mailbox that holds a 50 MB message.
#>
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
. (Join-Path $PSScriptRoot 'BenchServer.ps1')
Install-BenchPackage @{ mbsync = 'isync'; offlineimap = 'offlineimap'; time = 'time' }
Import-Module $script:BenchModule -Force

$runs = $script:BenchRuns
# offlineimap fetches one message per command (~3 min a run here on loopback, more at 20 ms): one run by default so
# the whole `./build.ps1 Bench` stays near 20 minutes; -Full gives it the same number of runs as the others.
$offlineimapRuns = if ($env:MAILTOOLS_FULL) { $runs } else { 1 }
$ca = if ($env:SSL_CERT_FILE) { $env:SSL_CERT_FILE } else { $null }
$loadBefore = (Get-Content /proc/loadavg).Split(' ')[0]

$work = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-bench-export-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null
$server = $null; $bigServer = $null; $proxy = $null
try {
    $server = Start-TestMailServer -Users bench -Profile Bench -TimeoutSeconds 120
    $user = $server.Users[0]
    if (-not $ca) { $ca = $server.CaCertificatePath }
    $messages = [int]$user.Seeded.messages
    $megabytes = [double]$user.Seeded.bytes / 1MB
    $folderCount = @($user.Seeded.folders).Count
    $env:BENCH_PASSWORD = $user.Password   # children read it from here, not from their command line
    $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs $script:BenchDelayMs

    function New-MbsyncConfig([int] $Port, [string] $Target) {
        $rc = Join-Path $work "mbsyncrc-$Port"
        @"
IMAPAccount bench
Host localhost
Port $Port
User $($user.UserName)
PassCmd "printenv BENCH_PASSWORD"
SSLType IMAPS
CertificateFile $ca

IMAPStore remote
Account bench

MaildirStore local
Path $Target/
Inbox $Target/INBOX
SubFolders Verbatim

Channel bench
Far :remote:
Near :local:
Patterns *
Create Near
Sync Pull
SyncState *
"@ | Set-Content -LiteralPath $rc -Encoding utf8NoBOM
        $rc
    }

    function New-OfflineimapConfig([int] $Port, [string] $Target) {
        $rc = Join-Path $work "offlineimaprc-$Port"
        New-Item -ItemType Directory -Force -Path "$Target/mail", "$Target/meta" | Out-Null
        @"
[general]
accounts = bench
metadata = $Target/meta
ui = quiet

[Account bench]
localrepository = local
remoterepository = remote

[Repository local]
type = Maildir
localfolders = $Target/mail

[Repository remote]
type = IMAP
remotehost = localhost
remoteport = $Port
remoteuser = $($user.UserName)
remotepasseval = __import__('os').environ['BENCH_PASSWORD']
ssl = yes
sslcacertfile = $ca
readonly = True
"@ | Set-Content -LiteralPath $rc -Encoding utf8NoBOM
        $rc
    }

    function Get-MaildirMessageCount([string] $Root) {
        @(Get-ChildItem -LiteralPath $Root -Recurse -File -Force | Where-Object { $_.Directory.Name -in 'cur', 'new' }).Count
    }

    # Each tool exports the whole account into a fresh folder; the first run of each is also checked for completeness.
    $tools = [ordered]@{
        mbsync               = { param($Port, $Target) $rc = New-MbsyncConfig $Port $Target; New-Item -ItemType Directory -Path $Target | Out-Null
            Invoke-TimedProcess -FilePath (Get-Command mbsync).Source -ArgumentList @('-q', '-c', $rc, 'bench') }
        offlineimap          = { param($Port, $Target) $rc = New-OfflineimapConfig $Port $Target
            Invoke-TimedProcess -FilePath (Get-Command offlineimap).Source -ArgumentList @('-c', $rc, '-u', 'quiet') }
        'Export-Mailbox Maildir' = { param($Port, $Target)
            Invoke-BenchPwsh -Command "$(Get-ConnectLine $Port $user.UserName); Export-Mailbox -Path '$Target' -Format Maildir -ErrorAction Stop | Out-Null" }
        'Export-Mailbox Mbox'    = { param($Port, $Target)
            Invoke-BenchPwsh -Command "$(Get-ConnectLine $Port $user.UserName); Export-Mailbox -Path '$Target' -Format Mbox -ErrorAction Stop | Out-Null" }
    }
    $networks = [ordered]@{ loopback = $server.ImapsPort; '20 ms RTT' = $proxy.Port }
    $times = @{}; $checks = @{}
    foreach ($net in $networks.Keys) {
        foreach ($tool in $tools.Keys) { $times["$tool|$net"] = [Collections.Generic.List[double]]::new() }
        # Runs interleaved (tool A, B, C, D, A, B, ...) so a busy moment on the shared machine hits every tool alike.
        for ($run = 1; $run -le $runs; $run++) {
            foreach ($tool in $tools.Keys) {
                if ($tool -eq 'offlineimap' -and $run -gt $offlineimapRuns) { continue }
                $target = Join-Path $work "target-$run"
                Write-Host "  export $net, $tool, run $run/$(if ($tool -eq 'offlineimap') { $offlineimapRuns } else { $runs })"
                $r = & $tools[$tool] $networks[$net] $target
                $times["$tool|$net"].Add($r.Seconds)
                if ($run -eq 1 -and $tool -ne 'Export-Mailbox Mbox') { $checks["$tool|$net"] = Get-MaildirMessageCount $target }
                Remove-Item -LiteralPath $target -Recurse -Force
            }
        }
    }

    # Fresh pwsh + Import-Module alone: the fixed part of MailTools' whole-process time.
    $startup = (1..$runs | ForEach-Object { (Invoke-BenchPwsh -Command "Import-Module '$script:BenchModule'").Seconds })

    # No-change incremental run, in this process (session open, module loaded): what a scheduled re-run costs.
    $incremental = [ordered]@{}
    foreach ($net in $networks.Keys) {
        $target = Join-Path $work 'incremental'
        $session = Connect-MailServer -Server localhost -Port $networks[$net] -Security SslOnConnect -Credential $user.Credential
        $null = Export-Mailbox -Session $session -Path $target -Format Maildir -ErrorAction Stop
        $m = Measure-Median -Runs $runs -Warmup 0 -Script { $r = @(Export-Mailbox -Session $session -Path $target -Format Maildir -ErrorAction Stop); if (($r | Measure-Object Exported -Sum).Sum -ne 0) { throw 'the no-change run exported messages' } }
        Disconnect-MailServer -Session $session
        $incremental[$net] = $m.Median
        Remove-Item -LiteralPath $target -Recurse -Force
    }
    Stop-TestFaultProxy $proxy; $proxy = $null
    Stop-TestMailServer $server; $server = $null

    # Peak memory: a mailbox holding one 50 MB message (base64 attachment, as a mail client would send it).
    $bigServer = Start-TestMailServer -Users big
    $big = $bigServer.Users[0]
    $payload = [byte[]]::new(37MB)
    [Random]::new(42).NextBytes($payload)
    $body = [Convert]::ToBase64String($payload, [Base64FormattingOptions]::InsertLineBreaks).Replace("`r`n", "`n")
    $message = "From: Sender <sender@example.com>`nTo: big@example.com`nSubject: 50 MB attachment`nDate: $([DateTimeOffset]::UtcNow.ToString('r'))`nMessage-ID: <big-50mb@example.com>`nMIME-Version: 1.0`nContent-Type: multipart/mixed; boundary=`"b1`"`n`n--b1`nContent-Type: text/plain`n`nSee attachment.`n--b1`nContent-Type: application/octet-stream; name=`"big.bin`"`nContent-Transfer-Encoding: base64`nContent-Disposition: attachment; filename=`"big.bin`"`n`n$body`n--b1--`n"
    $bytes = [Text.Encoding]::ASCII.GetBytes($message)
    $body = $null; $message = $null; $payload = $null
    # Written straight into Maildir cur/ as a delivery agent would (Add-TestMessage walks bytes in PowerShell: too slow for 50 MB).
    $file = Join-Path $big.MailDir ("{0}.M1P{1}.mailtools-bench:2,S" -f [DateTimeOffset]::UtcNow.ToUnixTimeSeconds(), $PID)
    [IO.File]::WriteAllBytes($file, $bytes)
    if ((& id -u) -eq '0') { & chown "$($bigServer.MailUid):$($bigServer.MailGid)" $file }
    $bigMB = $bytes.Length / 1MB
    $bytes = $null
    $env:BENCH_PASSWORD = $big.Password
    $memory = [ordered]@{}
    foreach ($format in 'Maildir', 'Mbox') {
        $target = Join-Path $work "big-$format"
        $r = Invoke-BenchPwsh -Command "$(Get-ConnectLine $bigServer.ImapsPort $big.UserName); Export-Mailbox -Path '$target' -Format $format -ErrorAction Stop | Out-Null"
        $memory["Export-Mailbox $format"] = $r.MaxRssMB
        Remove-Item -LiteralPath $target -Recurse -Force
    }
    $user = $big
    $target = Join-Path $work 'big-mbsync'
    $memory['mbsync'] = (& $tools['mbsync'] $bigServer.ImapsPort $target).MaxRssMB
    Remove-Item -LiteralPath $target -Recurse -Force
}
finally {
    if ($proxy) { Stop-TestFaultProxy $proxy }
    if ($server) { Stop-TestMailServer $server }
    if ($bigServer) { Stop-TestMailServer $bigServer }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:BENCH_PASSWORD -ErrorAction SilentlyContinue
}
$loadAfter = (Get-Content /proc/loadavg).Split(' ')[0]

$median = @{}
foreach ($key in $times.Keys) { $median[$key] = Get-Median $times[$key].ToArray() }
$rows = foreach ($tool in $tools.Keys) {
    $n = if ($tool -eq 'offlineimap') { $offlineimapRuns } else { $runs }
    $cells = foreach ($net in $networks.Keys) {
        $m = $median["$tool|$net"]
        "$(Format-Seconds $m) | $(Format-Ratio $m $median["mbsync|$net"])"
    }
    "| $tool ($n run$(if ($n -gt 1) { 's' })) | $($cells -join ' | ') |"
}
$completeness = foreach ($key in $checks.Keys | Sort-Object) {
    $ok = $checks[$key] -eq $messages
    "$($key -replace '\|', ', '): $($checks[$key]) files$(if (-not $ok) { " (expected $messages!)" })"
}
$targetRows = foreach ($net in $networks.Keys) {
    foreach ($format in 'Maildir', 'Mbox') {
        $ratio = $median["Export-Mailbox $format|$net"] / $median["mbsync|$net"]
        "| whole-process $format export ≤ 1.0× mbsync, $net | $('{0:N2}×' -f $ratio) | $(Format-Met ($ratio -le 1.0)) |"
    }
}
$incrementalMet = $incremental['loopback'] -le 0.5
$peak = ($memory.Keys | Where-Object { $_ -like 'Export-Mailbox*' } | ForEach-Object { $memory[$_] } | Measure-Object -Maximum).Maximum
$startupMedian = Get-Median $startup

@"
## Export: Export-Mailbox vs mbsync and offlineimap (issue 3)

Measured with ``./build.ps1 Bench`` (``bench/Export.Bench.ps1``) on $(Get-MachineLine); 1-minute load average
$loadBefore at the start and $loadAfter at the end (other work shares this machine: compare the ratios, not the seconds).
Dovecot 2.3, the seeder's ``Bench`` profile: **$messages messages, $('{0:N0}' -f $megabytes) MB, $folderCount folders**
(one account). Every tool connects to ``localhost`` over implicit TLS and validates the certificate against the run's
CA (mbsync ``CertificateFile``, offlineimap ``sslcacertfile``, MailTools via ``SSL_CERT_FILE``); "20 ms RTT" goes
through ``tests/TestServer/FaultProxy`` adding 10 ms each way. Each run exports the whole account into a fresh folder and
is timed from process start to exit: for MailTools a fresh ``pwsh -NoProfile -c "Import-Module …; Connect-MailServer …;
Export-Mailbox …"``. Peers run with their defaults (mbsync: ``Sync Pull``, ``Create Near``; offlineimap: ``readonly``,
one connection). Runs of the tools are interleaved; figures are medians.

| tool | loopback | ratio to mbsync | 20 ms RTT | ratio to mbsync |
|---|---|---|---|---|
$($rows -join "`n")

A fresh pwsh that only runs ``Import-Module`` takes $(Format-Seconds $startupMedian) (median of $runs): that much of every
MailTools figure is pwsh start-up. Completeness (first run, message files in cur/ and new/): $($completeness -join '; ').

| no-change incremental ``Export-Mailbox`` (Maildir, in-process, session open, median of $runs) | time |
|---|---|
$(($incremental.Keys | ForEach-Object { "| $_ | $(Format-Seconds $incremental[$_]) |" }) -join "`n")

Peak resident memory (maxrss from ``/usr/bin/time``, whole process) exporting a mailbox that holds one
$('{0:N0}' -f $bigMB) MB message: $(($memory.Keys | ForEach-Object { "$_ $('{0:N0}' -f $memory[$_]) MB" }) -join ', ').

| target (issue 3, acceptance 8) | measured | |
|---|---|---|
$($targetRows -join "`n")
| no-change incremental run ≤ 0.5 s in-process (loopback) | $(Format-Seconds $incremental['loopback']) | $(Format-Met $incrementalMet) |
| peak working set ≤ 300 MB with a 50 MB message | $('{0:N0}' -f $peak) MB | $(Format-Met ($peak -le 300)) |
"@
