<#
.SYNOPSIS
    Turns the reliability suite's results (out/test-results/reliability/*.json) into docs/reliability.md.
.DESCRIPTION
    Keeps one section per run kind: a default run (`./build.ps1 Test`) replaces the "default" section, a -Full run
    (`./build.ps1 Test -Full`, MAILTOOLS_FULL=1) the "full" one, so the page shows both.
#>
param(
    [string] $ResultDir = (Join-Path $PSScriptRoot '../../out/test-results/reliability'),
    [string] $OutFile = (Join-Path $PSScriptRoot '../../docs/reliability.md')
)
$ErrorActionPreference = 'Stop'
$ResultDir = [IO.Path]::GetFullPath($ResultDir); $OutFile = [IO.Path]::GetFullPath($OutFile)
$results = @(Get-ChildItem -LiteralPath $ResultDir -Filter *.json | ForEach-Object { Get-Content -Raw -LiteralPath $_.FullName | ConvertFrom-Json })
if (-not $results) { throw "No results in ${ResultDir}: run ./build.ps1 Test first." }
$order = 'export-cut', 'cleanup-cut', 'server-faults', 'ctrl-c', 'capabilities', 'concurrency', 'odd-messages', 'folder-names', 'uidvalidity', 'security', 'bad-input'
$results = $results | Sort-Object { $i = [array]::IndexOf($order, $_.scenario); if ($i -lt 0) { 99 } else { $i } }
$run = ($results | Group-Object run | Sort-Object Count -Descending | Select-Object -First 1).Name
$seeds = ($results.seed | Sort-Object -Unique) -join ', '
function Esc([string] $s) { ($s -replace '\|', '\|' -replace '\r?\n', ' ').Trim() }

$sb = [Text.StringBuilder]::new()
$null = $sb.AppendLine("<!-- run:$run -->")
$null = $sb.AppendLine("## $(if ($run -eq 'full') { 'Full run (`./build.ps1 Test -Full`)' } else { 'Default run (`./build.ps1 Test`)' })")
$null = $sb.AppendLine()
$null = $sb.AppendLine("Seed **$seeds** (replay: ``MAILTOOLS_RELIABILITY_SEED=$seeds``), $(($results.when | Sort-Object | Select-Object -Last 1)).")
$null = $sb.AppendLine()
$null = $sb.AppendLine('| scenario | trials | failures | messages lost | duplicated | notes |')
$null = $sb.AppendLine('|---|---:|---:|---:|---:|---|')
foreach ($r in $results | Where-Object scenario -ne 'bad-input') {
    $null = $sb.AppendLine("| $(Esc $r.title) | $($r.trials) | $($r.failures) | $($r.lost) | $($r.duplicated) | $(Esc $r.notes) |")
}
$bad = $results | Where-Object scenario -eq 'bad-input'
if ($bad) {
    $null = $sb.AppendLine()
    $null = $sb.AppendLine("### Bad input ($($bad.trials) rows, $($bad.failures) failing)")
    $null = $sb.AppendLine()
    $null = $sb.AppendLine('| input | category | ErrorId | example message |')
    $null = $sb.AppendLine('|---|---|---|---|')
    foreach ($row in $bad.rows) {
        $msg = Esc $row.Message
        $msg = $msg -replace '\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d+', 'imap.example.org:993'   # test ports change per run
        if ($msg.Length -gt 260) { $msg = $msg.Substring(0, 257) + '…' }
        $null = $sb.AppendLine("| $(Esc $row.Row) | $($row.Category) | ``$($row.ErrorId)`` | $msg |")
    }
}
$null = $sb.AppendLine("<!-- /run:$run -->")
$section = $sb.ToString()

$header = @'
# Reliability

What the reliability suite (`tests/Reliability/*.Tests.ps1`) did to MailTools and what came out. Every scenario runs
against a real Dovecot over TLS with certificate validation; faults come from the fault proxy
(`tests/TestServer/FaultProxy`: connection reset after N bytes, stalled reads, added latency), from Dovecot itself
(restart, `doveadm kick` = `* BYE`, `imap_capability`, quota, ACL) or from a second client. "Lost" counts server
messages missing from the result (export, Trash, archive, or kept mail removed); "duplicated" counts extra copies.
Both are computed from the server's own bytes (SHA-256 of `BODY[]`) and the files on disk, never from MailTools'
counters. Cut points are random, drawn from the printed seed.

Regenerate: `./build.ps1 Test` (or `./build.ps1 Test -Full` for at least 20 cut points per cut scenario; only this suite:
`-TestName BadInput,Interruptions,ServerFaults,Capabilities,Concurrency,OddMessages,FolderNames,UidValidity,Security`), then
`pwsh tests/Reliability/Write-ReliabilityReport.ps1`. The default and the -Full run each keep their own section.

Open findings: none. The last one, **two clean-ups of one folder at the same moment** both moving the same messages
before either expunge landed (a duplicate in Trash, seen in one run of Concurrency.Tests.ps1), is fixed: where the
server has CONDSTORE, a clean-up now claims the messages it is about to move with a conditional STORE (RFC 7162
`UNCHANGEDSINCE` the folder's HIGHESTMODSEQ when it planned), so only one of two concurrent runs can take a message;
the other leaves it, with a warning. Without CONDSTORE the race remains possible (nothing is lost, Trash may hold a
copy twice).

Fixed after the suite found them: a Delete cut between `UID STORE +FLAGS (\Deleted)` and `UID EXPUNGE` was never
finished by the re-run (now marked with `$MailToolsDelete`); a read-only folder, a full quota and a server hanging up
(`* BYE`, restart) gave `MailToolsUnexpectedError`/`CommandFailed`/`ProtocolError` (now `MailToolsFolderReadOnly`,
`MailToolsQuotaExceeded`, `MailToolsConnectionLost`); a 0-byte message came back from mbox as one newline; a folder
that is not a Maildir "imported" as nothing; `@Trash` failed on servers without SPECIAL-USE (now the one folder with a
well-known name); policy errors showed a .NET type name instead of the value written.
'@
$existing = if (Test-Path -LiteralPath $OutFile) { Get-Content -Raw -LiteralPath $OutFile } else { '' }
$sections = @{}
foreach ($kind in 'default', 'full') {
    $m = [regex]::Match($existing, "(?s)<!-- run:$kind -->.*?<!-- /run:$kind -->\r?\n?")
    if ($m.Success) { $sections[$kind] = $m.Value }
}
$sections[$run] = $section
# The findings above the runs are edited by hand as bugs are found and fixed: keep the file's own; the text above is
# only for a new file.
$marker = [regex]::Match($existing, '<!-- run:(default|full) -->')
if ($marker.Success -and $marker.Index -gt 0) { $header = $existing.Substring(0, $marker.Index) }
$body = $header + ((@('default', 'full') | Where-Object { $sections[$_] } | ForEach-Object { $sections[$_].TrimEnd() + "`n`n" }) -join '')
Set-Content -LiteralPath $OutFile -Value $body.TrimEnd() -Encoding utf8NoBOM
Write-Host "Wrote $OutFile ($run run, $($results.Count) result files)"
