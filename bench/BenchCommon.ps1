# Shared by the benchmarks: timing with medians, machine description, and the section writer for docs/benchmarks.md.

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return [double]::NaN }
    $mid = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$mid] }
    return ($sorted[$mid - 1] + $sorted[$mid]) / 2
}

function Measure-Median {
    # Runs a script block $Runs times (after $Warmup unmeasured runs) and returns the median seconds.
    param([Parameter(Mandatory)] [scriptblock] $Script, [int] $Runs = 5, [int] $Warmup = 1)
    for ($i = 0; $i -lt $Warmup; $i++) { & $Script | Out-Null }
    $times = for ($i = 0; $i -lt $Runs; $i++) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        & $Script | Out-Null
        $sw.Stop()
        $sw.Elapsed.TotalSeconds
    }
    return [pscustomobject]@{ Median = (Get-Median $times); Runs = $Runs; All = $times }
}

function Get-MachineLine {
    $cpu = if (Test-Path /proc/cpuinfo) { ((Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -split ':', 2)[1].Trim() } else { $env:PROCESSOR_IDENTIFIER }
    $cores = [Environment]::ProcessorCount
    "$cpu, $cores cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion), $(Get-Date -Format 'yyyy-MM-dd')"
}

function Set-BenchSection {
    # Replaces one benchmark's block in docs/benchmarks.md, keeping the others, in a fixed order
    # (the foundation figures first, as the foundation issue asks).
    param([string] $Path, [string] $Key, [string] $Markdown)
    $order = 'Foundation', 'Export', 'Cleanup', 'Accounts'
    $header = "# Benchmarks`n`nFigures written by ``./build.ps1 Bench``; each section says how it was measured. Speed is measured here, never asserted in tests.`n"
    $blocks = [ordered]@{}
    if (Test-Path $Path) {
        $text = Get-Content $Path -Raw
        foreach ($m in [regex]::Matches($text, '<!-- bench:(\w+) -->(?s).*?<!-- /bench:\1 -->')) { $blocks[$m.Groups[1].Value] = $m.Value }
    }
    $blocks[$Key] = "<!-- bench:$Key -->`n$Markdown`n<!-- /bench:$Key -->"
    $keys = @($order | Where-Object { $blocks.Contains($_) }) + @($blocks.Keys | Where-Object { $_ -notin $order })
    $body = ($keys | ForEach-Object { $blocks[$_] }) -join "`n`n"
    Set-Content -Path $Path -Value ($header + "`n" + $body) -Encoding utf8
}
