<#
.SYNOPSIS
    Issue 13's acceptance table from the figures the benchmarks of ONE `./build.ps1 Bench` run recorded
    (Add-BenchResult); called by Invoke-Bench.ps1 after a run of every benchmark. Not a benchmark itself.
#>
param([object[]] $Results = @(), [datetime] $Started = (Get-Date))
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

$byKey = @{}
foreach ($r in $Results) { $byKey[$r.Key] = $r }

function Get-Row([string] $Job, [string] $Key, [double] $Target, [string] $Kind = 'ratio') {
    $r = $byKey[$Key]
    $targetText = switch ($Kind) { 'ratio' { "≤ $('{0:N1}' -f $Target)×" } 'ms' { "≤ $Target ms" } 'MB' { "≤ $Target MB" } }
    if (-not $r) { return "| $Job | $targetText | not measured | |" }
    if (-not $r.Comparable) { return "| $Job | $targetText | not comparable: machine busy | |" }
    $v = [double]$r.Value
    $text = switch ($Kind) { 'ratio' { '{0:N2}×' -f $v } 'ms' { '{0:N0} ms' -f $v } 'MB' { '{0:N0} MB' -f $v } }
    if ($r.Text) { $text = "$text ($($r.Text))" }
    "| $Job | $targetText | $text | $(if ($v -le $Target) { '**met**' } else { '**not met**' }) |"
}

$rows = @(
    Get-Row 'export Maildir, whole process vs mbsync, loopback' 'export.maildir.loopback' 0.8
    Get-Row 'export Maildir, whole process vs mbsync, 20 ms RTT' 'export.maildir.rtt' 0.9
    Get-Row 'export mbox vs mbsync (Maildir), loopback' 'export.mbox.loopback' 0.6
    Get-Row 'export Maildir at 50,000 messages vs mbsync' 'scale.maildir' 0.6
    Get-Row 'clean-up, cold in-process vs imapfilter whole process, loopback' 'cleanup.cold.loopback' 1.0
    Get-Row 'clean-up, cold in-process vs imapfilter whole process, 20 ms RTT' 'cleanup.cold.rtt' 1.0
    Get-Row 'clean-up, whole process (pwsh start included) vs imapfilter, loopback' 'cleanup.whole.loopback' 2.0
    Get-Row '`Import-Module` in a fresh pwsh' 'foundation.import' 200 'ms'
    Get-Row 'peak memory exporting a 50 MB message' 'export.memory' 150 'MB'
)
$per5k = $byKey['export.permessage']; $per50k = $byKey['scale.permessage']
$perMessage = if ($per5k -and $per50k) {
    $grows = [double]$per50k.Value -gt [double]$per5k.Value * 1.1
    "Per-message cost of a whole-process Maildir export: $('{0:N2}' -f [double]$per5k.Value) ms at $($per5k.Text) messages, $('{0:N2}' -f [double]$per50k.Value) ms at $($per50k.Text) messages: $(if ($grows) { '**grows**' } else { 'does not grow' })$(if (-not ($per5k.Comparable -and $per50k.Comparable)) { ' (not comparable: machine busy)' })."
} else { 'Per-message cost: not measured in this run.' }
$commands = $byKey['cleanup.commands']
$loads = ($Results | Where-Object { $_.Key -like '*.load' } | ForEach-Object { "$($_.Section) $($_.Value)" }) -join ', '

@"
## Acceptance (issue 13): every figure from one run

Written by ``./build.ps1 Bench`` (all benchmarks, started $($Started.ToString('yyyy-MM-dd HH:mm'))) on $(Get-MachineLine). Each ratio is
MailTools' median over the peer's median, both measured in the same section with the runs interleaved; the sections
below give the spread and the method. 1-minute load average at the start of each section: $loads.

| job | target | measured | |
|---|---|---|---|
$($rows -join "`n")

$perMessage
$(if ($commands) { "IMAP commands per folder for the clean-up: $($commands.Text)." })
"@
