<#
.SYNOPSIS
    Issue 13, item 5: one account of 50,000 small messages in 5 folders (the seeder's Scale profile). Export to Maildir
    and mbox against mbsync (whole processes, interleaved), the floor (`cp -a` + `sync`), the no-change incremental
    run, and the clean-up of every message older than 365 days (about 22,000) against imapfilter. With the Export
    benchmark's 5,000-message account it gives the per-message cost at 5,000 and at 50,000 messages.
#>
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
. (Join-Path $PSScriptRoot 'BenchServer.ps1')
. (Join-Path $PSScriptRoot 'BenchExport.ps1')
. (Join-Path $PSScriptRoot 'BenchCleanup.ps1')
Install-BenchPackage @{ mbsync = 'isync'; imapfilter = 'imapfilter'; time = 'time' }
Import-Module $script:BenchModule -Force
$section = Start-BenchSection -Name Scale -Title 'Scale: 50,000 messages'

$profileName = if ($script:BenchCheck) { 'ScaleCheck' } else { 'Scale' }
$folders = 'INBOX', 'Sent', 'Archive', 'Newsletters', 'Junk'
$ca = if ($env:SSL_CERT_FILE) { $env:SSL_CERT_FILE } else { $null }
$work = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-bench-scale-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null
$server = $null
try {
    $server = Start-TestMailServer -Users bench -Profile $profileName -TimeoutSeconds 300
    $user = $server.Users[0]
    if (-not $ca) { $ca = $server.CaCertificatePath }
    $env:BENCH_PASSWORD = $user.Password
    $messages = [int]$user.Seeded.messages
    $megabytes = [double]$user.Seeded.bytes / 1MB
    $port = $server.ImapsPort
    $exporters = Get-ExportTools
    $exporters.Remove('offlineimap')
    # The default (2 connections) only: the 1- and 4-connection rows are the Export section's, at 5,000 messages.
    $exporters.Remove('Export-Mailbox Maildir, 1 connection'); $exporters.Remove('Export-Mailbox Maildir, 4 connections')

    # One untimed mbsync export first: Dovecot indexes the folders, and it is the tree the floor copies.
    $reference = Join-Path $work 'reference'
    $null = & $exporters['mbsync'] $port $reference
    $copied = Get-MaildirMessageCount $reference
    $timed = [ordered]@{}
    foreach ($name in $exporters.Keys) {
        $timed[$name] = { param($Run, $Tool) $target = Join-Path $work "target-$Run"
            try { & $exporters[$Tool] $port $target } finally { Remove-Item -LiteralPath $target -Recurse -Force -ErrorAction Ignore } }
    }
    $timed['cp -a + sync (the floor)'] = { param($Run) $target = Join-Path $work "copy-$Run"
        try { $sw = [Diagnostics.Stopwatch]::StartNew(); & cp -a $reference $target; & sync; $sw.Elapsed.TotalSeconds }
        finally { Remove-Item -LiteralPath $target -Recurse -Force -ErrorAction Ignore } }
    $export = Measure-Interleaved -Label 'scale export, ' -Tools $timed

    # The no-change incremental run on up-to-date targets, whole process, interleaved.
    $incMbsync = Join-Path $work 'inc-mbsync'; $incMailTools = Join-Path $work 'inc-mailtools'
    $null = & $exporters['mbsync'] $port $incMbsync
    $null = & $exporters['Export-Mailbox Maildir'] $port $incMailTools
    $incremental = Measure-Interleaved -Label 'scale no-change run, ' -Tools ([ordered]@{
        mbsync = { Invoke-TimedProcess -FilePath (Get-Command mbsync).Source -ArgumentList @('-q', '-c', (Join-Path $work "mbsyncrc-$port"), 'bench') }
        'Export-Mailbox Maildir' = { & $exporters['Export-Mailbox Maildir'] $port $incMailTools }
    })

    # Clean-up of everything older than 365 days in all 5 folders, the mailboxes restored before every run.
    $before = Get-FolderCounts $server $user.UserName
    Stop-TestMailServer -Server $server -Keep
    Save-MailboxSnapshot $server
    Restore-MailboxSnapshot $server
    $cleanup = Measure-Interleaved -Label 'scale cleanup, ' -BeforeEach { Restore-MailboxSnapshot $server } -Tools ([ordered]@{
        imapfilter = { Invoke-Imapfilter $port $user.UserName $null }
        MailTools = { Invoke-MailToolsCleanupProcess $port $user.UserName $null }
    })
    $after = Get-FolderCounts $server $user.UserName
    $deleted = ($folders | ForEach-Object { $before[$_] - $after[$_] } | Measure-Object -Sum).Sum
}
finally {
    if ($server) { Stop-TestMailServer $server }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:BENCH_PASSWORD -ErrorAction SilentlyContinue
}

$s = @{}; foreach ($k in $export.Keys) { $s[$k] = Get-Stat $export[$k] }
$mb = $s['mbsync'].Median
$rows = foreach ($k in $export.Keys) { "| $k | $(Format-Stat $s[$k]) | $(Format-Ratio $s[$k].Median $mb) | $('{0:N2} ms' -f ($s[$k].Median * 1000 / $messages)) |" }
Add-BenchResult -Section $section -Key 'scale.maildir' -Value ($s['Export-Mailbox Maildir'].Median / $mb)
Add-BenchResult -Section $section -Key 'scale.mbox' -Value ($s['Export-Mailbox Mbox'].Median / $mb)
Add-BenchResult -Section $section -Key 'scale.permessage' -Value ($s['Export-Mailbox Maildir'].Median * 1000 / $messages) -Text ('{0:N0}' -f $messages)
$inc = @{ mbsync = (Get-Stat $incremental['mbsync']); MailTools = (Get-Stat $incremental['Export-Mailbox Maildir']) }
$ci = Get-Stat $cleanup['imapfilter']; $cc = Get-Stat $cleanup['MailTools'] 'InProcess'; $cw = Get-Stat $cleanup['MailTools']

$markdown = @"
## Scale: 50,000 messages

Measured with ``./build.ps1 Bench`` (``bench/Scale.Bench.ps1``) on $(Get-MachineLine). Dovecot 2.3, the seeder's
``$profileName`` profile: **$messages small messages, $('{0:N0}' -f $megabytes) MB, $($folders.Count) folders** ($($folders -join ', ')), one
account, loopback, TLS with certificate validation. Every figure is a whole process (MailTools: a fresh pwsh, cold),
the tools interleaved; median (min–max, runs). mbsync's first (untimed) export, $copied messages, is the tree the floor copies.

| export | time | ratio to mbsync | per message |
|---|---|---|---|
$($rows -join "`n")

No-change incremental run (everything already exported): mbsync $(Format-Stat $inc.mbsync), ``Export-Mailbox``
$(Format-Stat $inc.MailTools).

Clean-up of every message older than 365 days in the $($folders.Count) folders ($deleted deleted in the last run; the
mailboxes restored before each run): imapfilter $(Format-Stat $ci) (whole process); MailTools cold in-process
$(Format-Stat $cc) ($(Format-Ratio $cc.Median $ci.Median)), whole process $(Format-Stat $cw) ($(Format-Ratio $cw.Median $ci.Median)).
"@
Complete-BenchSection -Section $section -Markdown $markdown
