<#
.SYNOPSIS
    Issue 13 (and 3): Export-Mailbox (Maildir, mbox) against mbsync (and offlineimap with -Full) on the same seeded
    account, over TLS with certificate validation, on loopback and at 20 ms RTT, every tool timed as a whole process
    and the runs interleaved; the floor (`cp -a` + `sync` of the same Maildir); where an export spends its time; the
    no-change incremental run; peak memory while exporting a mailbox that holds a 50 MB message.
#>
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
. (Join-Path $PSScriptRoot 'BenchServer.ps1')
. (Join-Path $PSScriptRoot 'BenchExport.ps1')
Install-BenchPackage @{ mbsync = 'isync'; offlineimap = 'offlineimap'; time = 'time' }
Import-Module $script:BenchModule -Force
$section = Start-BenchSection -Name Export -Title 'Export: Export-Mailbox vs mbsync'

# offlineimap fetches one message per command (~3 min a run on loopback): only with -Full (MAILTOOLS_FULL).
$withOfflineimap = [bool]$env:MAILTOOLS_FULL -and -not $script:BenchCheck
$profileName = if ($script:BenchCheck) { 'Small' } else { 'Bench' }
$bigBytes = if ($script:BenchCheck) { 5MB } else { 37MB }   # raw; base64 makes 37 MB a 50 MB message
$ca = if ($env:SSL_CERT_FILE) { $env:SSL_CERT_FILE } else { $null }

$work = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-bench-export-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null
$server = $null; $bigServer = $null; $proxy = $null
try {
    $server = Start-TestMailServer -Users bench -Profile $profileName -TimeoutSeconds 300
    $user = $server.Users[0]
    if (-not $ca) { $ca = $server.CaCertificatePath }
    $messages = [int]$user.Seeded.messages
    $megabytes = [double]$user.Seeded.bytes / 1MB
    $folderCount = @($user.Seeded.folders).Count
    $env:BENCH_PASSWORD = $user.Password   # children read it from here, not from their command line
    $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs $script:BenchDelayMs
    $mbsyncExe = (Get-Command mbsync).Source

    $exporters = Get-ExportTools
    if (-not $withOfflineimap) { $exporters.Remove('offlineimap') }
    $networks = [ordered]@{ loopback = $server.ImapsPort; '20 ms RTT' = $proxy.Port }

    # One untimed mbsync export first: Dovecot's caches are warm for every tool alike, and it is the tree the floor copies.
    $reference = Join-Path $work 'reference'
    $null = & $exporters['mbsync'] $server.ImapsPort $reference
    $checks = [ordered]@{ 'mbsync (reference)' = Get-MaildirMessageCount $reference }

    $series = [ordered]@{}
    foreach ($net in $networks.Keys) {
        $timed = [ordered]@{}
        foreach ($name in $exporters.Keys) {
            $timed[$name] = { param($Run, $Tool) $target = Join-Path $work "target-$Run"
                try {
                    $r = & $exporters[$Tool] $networks[$net] $target
                    if ($Run -eq 1 -and $Tool -notlike '*Mbox') { $checks["$Tool, $net"] = Get-MaildirMessageCount $target }
                    $r
                } finally { Remove-Item -LiteralPath $target -Recurse -Force -ErrorAction Ignore } }
        }
        if ($net -eq 'loopback') {
            # The floor: copying the finished Maildir with cp -a and syncing it to disk (no network, no IMAP, no hashing).
            $timed['cp -a + sync (the floor)'] = { param($Run) $target = Join-Path $work "copy-$Run"
                try {
                    $sw = [Diagnostics.Stopwatch]::StartNew()
                    & cp -a $reference $target; & sync
                    $sw.Elapsed.TotalSeconds
                } finally { Remove-Item -LiteralPath $target -Recurse -Force -ErrorAction Ignore } }
        }
        $series[$net] = Measure-Interleaved -Tools $timed -Label "export $net, "
    }

    # Fresh pwsh + Import-Module alone: the fixed part of MailTools' whole-process time.
    $startup = Get-Stat @(1..$script:BenchRuns | ForEach-Object { Invoke-BenchPwsh -Command "Import-Module '$script:BenchModule'" })

    # Where the time goes: one more whole-process Maildir export with -Verbose; its per-folder "timings:" lines summed.
    $target = Join-Path $work 'profiled'
    $profileLog = Join-Path $work 'profile.log'
    $null = Invoke-BenchPwsh -LogPath $profileLog -Command "$(Get-ConnectLine $server.ImapsPort $user.UserName); Export-Mailbox -Path '$target' -Format Maildir -Verbose -ErrorAction Stop 4>&1 | ForEach-Object { `"`$_`" }"
    Remove-Item -LiteralPath $target -Recurse -Force
    $stages = [ordered]@{ receive = 0.0; read = 0.0; hash = 0.0; write = 0.0; durable = 0.0; 'manifest+state' = 0.0; other = 0.0; total = 0.0 }
    foreach ($line in Get-Content $profileLog | Where-Object { $_ -match 'timings: ' }) {
        foreach ($k in @($stages.Keys)) { if ($line -match "$([regex]::Escape($k)) ([\d.]+) s") { $stages[$k] += [double]::Parse($Matches[1], [Globalization.CultureInfo]::InvariantCulture) } }
    }

    # The no-change incremental run: whole process for both tools on an up-to-date target, interleaved; and in-process.
    $incTargets = @{ mbsync = (Join-Path $work 'inc-mbsync'); MailTools = (Join-Path $work 'inc-mailtools') }
    $null = & $exporters['mbsync'] $server.ImapsPort $incTargets.mbsync
    $null = Invoke-BenchPwsh -Command "$(Get-ConnectLine $server.ImapsPort $user.UserName); Export-Mailbox -Path '$($incTargets.MailTools)' -Format Maildir -ErrorAction Stop | Out-Null"
    $incremental = Measure-Interleaved -Label 'no-change run, ' -Tools ([ordered]@{
        mbsync = { Invoke-TimedProcess -FilePath $mbsyncExe -ArgumentList @('-q', '-c', (Join-Path $work "mbsyncrc-$($server.ImapsPort)"), 'bench') }
        'Export-Mailbox Maildir' = { Invoke-BenchPwsh -Command "$(Get-ConnectLine $server.ImapsPort $user.UserName); `$r = @(Export-Mailbox -Path '$($incTargets.MailTools)' -Format Maildir -ErrorAction Stop); if ((`$r | Measure-Object Exported -Sum).Sum -ne 0) { throw 'the no-change run exported messages' }" }
    })
    $session = Connect-MailServer -Server localhost -Port $server.ImapsPort -Security SslOnConnect -Credential $user.Credential
    $inProcess = Get-Stat (Measure-Median -Runs $script:BenchRuns -Warmup 1 -Script { $null = Export-Mailbox -Session $session -Path $incTargets.MailTools -Format Maildir -ErrorAction Stop }).All
    Disconnect-MailServer -Session $session
    Stop-TestFaultProxy $proxy; $proxy = $null
    Stop-TestMailServer $server; $server = $null

    # Peak memory: a mailbox holding one 50 MB message (base64 attachment, as a mail client would send it).
    $bigServer = Start-TestMailServer -Users big
    $big = $bigServer.Users[0]
    $payload = [byte[]]::new($bigBytes)
    [Random]::new(42).NextBytes($payload)
    $body = [Convert]::ToBase64String($payload, [Base64FormattingOptions]::InsertLineBreaks).Replace("`r`n", "`n")
    $message = "From: Sender <sender@example.com>`nTo: big@example.com`nSubject: big attachment`nDate: $([DateTimeOffset]::UtcNow.ToString('r'))`nMessage-ID: <big-50mb@example.com>`nMIME-Version: 1.0`nContent-Type: multipart/mixed; boundary=`"b1`"`n`n--b1`nContent-Type: text/plain`n`nSee attachment.`n--b1`nContent-Type: application/octet-stream; name=`"big.bin`"`nContent-Transfer-Encoding: base64`nContent-Disposition: attachment; filename=`"big.bin`"`n`n$body`n--b1--`n"
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
    $memory['mbsync'] = (& $exporters['mbsync'] $bigServer.ImapsPort $target).MaxRssMB
    Remove-Item -LiteralPath $target -Recurse -Force
}
finally {
    if ($proxy) { Stop-TestFaultProxy $proxy }
    if ($server) { Stop-TestMailServer $server }
    if ($bigServer) { Stop-TestMailServer $bigServer }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:BENCH_PASSWORD -ErrorAction SilentlyContinue
}

$stat = @{}
foreach ($net in $series.Keys) { foreach ($tool in $series[$net].Keys) { $stat["$tool|$net"] = Get-Stat $series[$net][$tool] } }
$rows = foreach ($tool in @($exporters.Keys) + 'cp -a + sync (the floor)') {
    $cells = foreach ($net in $networks.Keys) {
        $s = $stat["$tool|$net"]
        if (-not $s) { '— | —'; continue }
        "$(Format-Stat $s) | $(Format-Ratio $s.Median $stat["mbsync|$net"].Median)"
    }
    "| $tool | $($cells -join ' | ') |"
}
$completeness = foreach ($key in $checks.Keys) { "$key $($checks[$key])$(if ($checks[$key] -ne $messages) { " (expected $messages!)" })" }
$ratio = { param($Tool, $Net) $stat["$Tool|$Net"].Median / $stat["mbsync|$Net"].Median }
Add-BenchResult -Section $section -Key 'export.maildir.loopback' -Value (& $ratio 'Export-Mailbox Maildir' 'loopback')
Add-BenchResult -Section $section -Key 'export.maildir.rtt' -Value (& $ratio 'Export-Mailbox Maildir' '20 ms RTT')
Add-BenchResult -Section $section -Key 'export.mbox.loopback' -Value (& $ratio 'Export-Mailbox Mbox' 'loopback')
$peak = ($memory.Keys | Where-Object { $_ -like 'Export-Mailbox*' } | ForEach-Object { $memory[$_] } | Measure-Object -Maximum).Maximum
Add-BenchResult -Section $section -Key 'export.memory' -Value $peak -Text "$('{0:N0}' -f $bigMB) MB message; mbsync $('{0:N0}' -f $memory['mbsync']) MB"
Add-BenchResult -Section $section -Key 'export.permessage' -Value ($stat['Export-Mailbox Maildir|loopback'].Median * 1000 / $messages) -Text ('{0:N0}' -f $messages)
$stageRows = foreach ($k in $stages.Keys) { "| $k | $('{0:N2} s' -f $stages[$k]) | $(if ($stages.total -gt 0) { '{0:P0}' -f ($stages[$k] / $stages.total) }) |" }
$incStat = @{ mbsync = (Get-Stat $incremental['mbsync']); MailTools = (Get-Stat $incremental['Export-Mailbox Maildir']) }

$markdown = @"
## Export: Export-Mailbox vs mbsync

Measured with ``./build.ps1 Bench`` (``bench/Export.Bench.ps1``) on $(Get-MachineLine).
Dovecot 2.3, the seeder's ``$profileName`` profile: **$messages messages, $('{0:N0}' -f $megabytes) MB, $folderCount folders**
(one account). Every tool connects to ``localhost`` over implicit TLS and validates the certificate against the run's
CA; "20 ms RTT" goes through ``tests/TestServer/FaultProxy`` adding 10 ms each way. Each run exports the whole account
into a fresh folder and is timed as a whole process: for MailTools a fresh ``pwsh -NoProfile -c "Import-Module …;
Connect-MailServer …; Export-Mailbox …"``, cold. mbsync runs with ``Sync Pull``, ``Create Near``$(if ($withOfflineimap) { '; offlineimap ``readonly``, one connection' }).
``Export-Mailbox`` uses its default of 4 connections (folders exported four at a time); the "1 connection" and "2
connections" rows are ``-ConnectionCount 1`` and ``2`` (mbsync uses one). One untimed mbsync export warms Dovecot's caches first; then the tools run interleaved (A B C A B C …). Figures: median
(min–max, runs).

| tool | loopback | ratio to mbsync | 20 ms RTT | ratio to mbsync |
|---|---|---|---|---|
$($rows -join "`n")

A fresh pwsh that only runs ``Import-Module`` takes $(Format-Stat $startup): that much of every MailTools figure is
pwsh start-up. Completeness (message files in cur/ and new/ after the first run): $($completeness -join '; ').

Where a whole-process Maildir export on loopback spends its time (one extra run with ``-Verbose``; per-folder
``timings:`` lines summed over the folders, so with several connections the total is above the wall-clock time).
"receive" is MailKit between one message of a ``UID FETCH BODY.PEEK[]`` and the next: waiting for the server, TLS
decryption and IMAP literal parsing (MailKit reads a whole literal before it hands the message over); "read" is
copying the handed-over bytes out of MailKit's stream; "durable" is the fsync of each batch's files, their renames into cur/
and the fsync of cur/; "other" is SELECT/SEARCH/the envelope FETCH and the rest of the process inside the cmdlet:

| stage | seconds | share |
|---|---|---|
$($stageRows -join "`n")

No-change incremental run (everything already exported): mbsync $(Format-Stat $incStat.mbsync), ``Export-Mailbox``
$(Format-Stat $incStat.MailTools) (both whole process, interleaved); ``Export-Mailbox`` in-process with the session
open: $(Format-Stat $inProcess).

Peak resident memory (maxrss from ``/usr/bin/time``, whole process) exporting a mailbox that holds one
$('{0:N0}' -f $bigMB) MB message: $(($memory.Keys | ForEach-Object { "$_ $('{0:N0}' -f $memory[$_]) MB" }) -join ', ').
"@
Complete-BenchSection -Section $section -Markdown $markdown
