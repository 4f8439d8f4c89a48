<#
.SYNOPSIS
    Runs the benchmarks (bench/*.Bench.ps1) and writes their figures into docs/benchmarks.md.
.DESCRIPTION
    Started by `./build.ps1 Bench` in a child pwsh (MAILTOOLS_MODULE, MAILTOOLS_TEST_CA, SSL_CERT_FILE set).
    Each *.Bench.ps1 returns a markdown section; it replaces that benchmark's own block in docs/benchmarks.md
    (between `<!-- bench:Name -->` and `<!-- /bench:Name -->`), so running one benchmark keeps the others' figures.
    Speed is measured here, never asserted in tests.
#>
param(
    # Run only the benchmarks whose file name contains one of these (Foundation, Export, Cleanup, Accounts).
    [string[]] $Name
)
$ErrorActionPreference = 'Stop'
$Name = @($Name -split ',' | Where-Object { $_ })   # build.ps1 passes -BenchName A,B through -File as one string
$repo = if ($env:MAILTOOLS_REPO_ROOT) { $env:MAILTOOLS_REPO_ROOT } else { Split-Path $PSScriptRoot }
$doc = Join-Path $repo 'docs/benchmarks.md'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

$files = Get-ChildItem $PSScriptRoot -Filter *.Bench.ps1 | Sort-Object { @{ Foundation = 0; Export = 1; Cleanup = 2; Accounts = 3 }[$_.BaseName -replace '\.Bench$'] }, Name
if ($Name) { $files = $files | Where-Object { $f = $_.Name; $Name | Where-Object { $f -like "*$_*" } } }

foreach ($file in $files) {
    $key = $file.BaseName -replace '\.Bench$'
    Write-Host "==> benchmark $key" -ForegroundColor Cyan
    $section = (& $file.FullName | Out-String).Trim()
    Set-BenchSection -Path $doc -Key $key -Markdown $section
    Write-Host $section
}
