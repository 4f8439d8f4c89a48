<#
.SYNOPSIS
    Runs the benchmarks (bench/*.Bench.ps1) and writes their figures into docs/benchmarks.md.
.DESCRIPTION
    Started by `./build.ps1 Bench` in a child pwsh (MAILTOOLS_MODULE, MAILTOOLS_TEST_CA, SSL_CERT_FILE set).
    Each *.Bench.ps1 returns a markdown section; it replaces that benchmark's own block in docs/benchmarks.md
    (between `<!-- bench:Name -->` and `<!-- /bench:Name -->`), so running one benchmark keeps the others' figures.
    Every section waits for a quiet machine (1-minute load at most half the cores) and otherwise writes no figure
    (BenchCommon.ps1: Start-BenchSection). After a run of every benchmark, the "Acceptance" block at the top is
    rebuilt from the figures of THIS run only (the ratios of issue 13's table, measured together).
    Speed is measured here, never asserted in tests.

    MAILTOOLS_BENCH_CHECK=1 runs a small configuration (small accounts, 2 runs, no waiting) to check the scripts end
    to end; it writes to a temp file, never to docs/benchmarks.md. MAILTOOLS_BENCH_DOC overrides the target file.
#>
param(
    # Run only the benchmarks whose file name contains one of these (Foundation, Export, Cleanup, Scale, Accounts, Report).
    [string[]] $Name
)
$ErrorActionPreference = 'Stop'
$Name = @($Name -split ',' | Where-Object { $_ })   # build.ps1 passes -BenchName A,B through -File as one string
$repo = if ($env:MAILTOOLS_REPO_ROOT) { $env:MAILTOOLS_REPO_ROOT } else { Split-Path $PSScriptRoot }
$doc = if ($env:MAILTOOLS_BENCH_DOC) { $env:MAILTOOLS_BENCH_DOC }
elseif ($env:MAILTOOLS_BENCH_CHECK) { Join-Path ([IO.Path]::GetTempPath()) "mailtools-bench-check-$PID.md" }
else { Join-Path $repo 'docs/benchmarks.md' }
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$env:MAILTOOLS_BENCH_RESULTS = Join-Path ([IO.Path]::GetTempPath()) "mailtools-bench-results-$PID.jsonl"
Remove-Item $env:MAILTOOLS_BENCH_RESULTS -ErrorAction Ignore

$order = @{ Foundation = 0; Export = 1; Cleanup = 2; Scale = 3; Accounts = 4; Report = 5 }
$files = Get-ChildItem $PSScriptRoot -Filter *.Bench.ps1 | Sort-Object { $order[$_.BaseName -replace '\.Bench$'] }, Name
if ($Name) { $files = $files | Where-Object { $f = $_.Name; $Name | Where-Object { $f -like "*$_*" } } }

$started = Get-Date
foreach ($file in $files) {
    $key = $file.BaseName -replace '\.Bench$'
    Write-Host "==> benchmark $key (load $(Get-LoadAverage))" -ForegroundColor Cyan
    $section = (& $file.FullName | Out-String).Trim()
    Set-BenchSection -Path $doc -Key $key -Markdown $section
    Write-Host $section
}
$everything = -not $Name -or @($files).Count -eq $order.Count
if ($everything) {
    $results = @(if (Test-Path $env:MAILTOOLS_BENCH_RESULTS) { Get-Content $env:MAILTOOLS_BENCH_RESULTS | ForEach-Object { $_ | ConvertFrom-Json } })
    $acceptance = & (Join-Path $PSScriptRoot 'Acceptance.ps1') -Results $results -Started $started
    Set-BenchSection -Path $doc -Key 'Acceptance' -Markdown $acceptance
    Write-Host $acceptance
}
Remove-Item $env:MAILTOOLS_BENCH_RESULTS -ErrorAction Ignore
Write-Host "Figures written to $doc ($('{0:N1}' -f ((Get-Date) - $started).TotalMinutes) min)."
