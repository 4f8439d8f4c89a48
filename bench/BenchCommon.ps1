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

# Run sizes. MAILTOOLS_BENCH_CHECK=1: a small configuration that checks every benchmark end to end in minutes (small
# accounts, 2 runs, no waiting for a quiet machine); its figures go to the console and a temp file, never to docs/.
$script:BenchCheck = [bool]$env:MAILTOOLS_BENCH_CHECK
# Runs per series: at least 5 (3 when one run takes over 30 s); MAILTOOLS_BENCH_RUNS / _LONG_RUNS override.
$script:BenchRuns = if ($env:MAILTOOLS_BENCH_RUNS) { [int]$env:MAILTOOLS_BENCH_RUNS } elseif ($script:BenchCheck) { 2 } else { 5 }
$script:BenchLongRuns = if ($env:MAILTOOLS_BENCH_LONG_RUNS) { [int]$env:MAILTOOLS_BENCH_LONG_RUNS } elseif ($script:BenchCheck) { 1 } else { 3 }
$script:BenchLongSeconds = 30

function Get-LoadAverage {
    # The 1-minute load average (Linux); NaN where /proc/loadavg does not exist.
    if (-not (Test-Path /proc/loadavg)) { return [double]::NaN }
    [double]::Parse(((Get-Content /proc/loadavg -Raw) -split ' ')[0], [Globalization.CultureInfo]::InvariantCulture)
}

function Start-BenchSection {
    <#
        Every section starts here: it waits (up to MAILTOOLS_BENCH_WAIT seconds, default 240: a section heats the machine for the next) for the 1-minute load
        average to drop to half the core count or below. If it does not, the section still runs (so a broken benchmark
        still shows), but Complete-BenchSection writes no figure for it: "not comparable: machine busy".
    #>
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Title)
    $cores = [Environment]::ProcessorCount
    $limit = $cores / 2
    $wait = if ($env:MAILTOOLS_BENCH_WAIT) { [int]$env:MAILTOOLS_BENCH_WAIT } elseif ($script:BenchCheck) { 0 } else { 240 }
    $deadline = [datetime]::UtcNow.AddSeconds($wait)
    $load = Get-LoadAverage
    while ($load -gt $limit -and [datetime]::UtcNow -lt $deadline) {
        Write-Host "  ${Name}: 1-minute load $load > $limit (half of $cores cores); waiting for a quiet machine"
        Start-Sleep -Seconds 5
        $load = Get-LoadAverage
    }
    [pscustomobject]@{
        Name = $Name; Title = $Title; Cores = $cores; Limit = $limit; LoadStart = $load; LoadEnd = [double]::NaN
        Comparable = -not ($load -gt $limit); Started = [datetime]::UtcNow
    }
}

function Complete-BenchSection {
    # The section's markdown for docs/benchmarks.md: the figures with the load line, or no figure at all when busy.
    param([Parameter(Mandatory)] $Section, [Parameter(Mandatory)] [string] $Markdown)
    $Section.LoadEnd = Get-LoadAverage
    $minutes = ([datetime]::UtcNow - $Section.Started).TotalMinutes
    $loadLine = "1-minute load average $($Section.LoadStart) at the start and $($Section.LoadEnd) at the end of this section (limit $($Section.Limit): half of $($Section.Cores) cores); $('{0:N1}' -f $minutes) min."
    Add-BenchResult -Section $Section -Key "$($Section.Name).load" -Value $Section.LoadStart
    if ($Section.Comparable) { return "$Markdown`n`n$loadLine" }
    Write-Host "---- $($Section.Name): figures NOT written (machine busy) ----`n$Markdown`n$loadLine" -ForegroundColor Yellow
    "## $($Section.Title)`n`n**Not comparable: machine busy.** $loadLine No figure is written; run ``./build.ps1 Bench -BenchName $($Section.Name)`` again on a quiet machine."
}

function Add-BenchResult {
    # One figure for the acceptance table, kept in MAILTOOLS_BENCH_RESULTS (JSON lines) for Invoke-Bench.ps1.
    param([Parameter(Mandatory)] $Section, [Parameter(Mandatory)] [string] $Key, $Value, [string] $Text)
    if (-not $env:MAILTOOLS_BENCH_RESULTS) { return }
    $line = [ordered]@{ Section = $Section.Name; Key = $Key; Value = $Value; Text = $Text; Comparable = $Section.Comparable } | ConvertTo-Json -Compress
    Add-Content -LiteralPath $env:MAILTOOLS_BENCH_RESULTS -Value $line -Encoding utf8
}

function Get-Stat {
    # Median, min and max of one numeric property (or of the values themselves) over a series of runs.
    param([Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Samples, [string] $Property = 'Seconds')
    $values = @($Samples | ForEach-Object { if ($_ -is [double] -or $_ -is [int]) { [double]$_ } else { [double]$_.$Property } } | Where-Object { -not [double]::IsNaN($_) })
    if ($values.Count -eq 0) { return [pscustomobject]@{ Median = [double]::NaN; Min = [double]::NaN; Max = [double]::NaN; Runs = 0 } }
    $m = $values | Measure-Object -Minimum -Maximum
    [pscustomobject]@{ Median = (Get-Median $values); Min = $m.Minimum; Max = $m.Maximum; Runs = $values.Count }
}

function Measure-Interleaved {
    <#
        Runs each tool once per round, A B C A B C … (never AAA BBB), so a busy moment hits every tool alike.
        $Tools: ordered name -> { param($Run, $Tool) … } returning seconds or an object with Seconds (and any other
        figures). The blocks see the caller's variables (dynamic scope); this function's own names start with "mi" so
        they hide none of them. $BeforeEach: { param($Tool, $Run) } run untimed before every run (a mailbox restore).
        Rounds: $Runs, or $LongRuns when a run of the first round took over 30 s. Returns name -> samples (Get-Stat).
    #>
    param([Parameter(Mandatory)] [Collections.Specialized.OrderedDictionary] $Tools, [scriptblock] $BeforeEach, [string] $Label = '',
        [int] $Runs = $script:BenchRuns, [int] $LongRuns = $script:BenchLongRuns)
    $miTools = $Tools; $miBefore = $BeforeEach; $miLabel = $Label; $miLong = $LongRuns
    $miSamples = [ordered]@{}
    foreach ($miName in $miTools.Keys) { $miSamples[$miName] = [Collections.Generic.List[object]]::new() }
    $miRounds = $Runs
    for ($miRun = 1; $miRun -le $miRounds; $miRun++) {
        foreach ($miName in $miTools.Keys) {
            if ($miBefore) { & $miBefore $miName $miRun }
            Write-Host "  $miLabel$miName, run $miRun/$miRounds (load $(Get-LoadAverage))"
            $miResult = & $miTools[$miName] $miRun $miName
            $miResult = @($miResult)[-1]   # stray output before the figure is not the figure
            if ($miResult -is [double] -or $miResult -is [int]) { $miResult = [pscustomobject]@{ Seconds = [double]$miResult } }
            $miSamples[$miName].Add($miResult)
        }
        if ($miRun -eq 1) {
            $miSlowest = ($miTools.Keys | ForEach-Object { $miSamples[$_][0].Seconds } | Measure-Object -Maximum).Maximum
            if ($miSlowest -gt $script:BenchLongSeconds) { $miRounds = [math]::Max(1, [math]::Min($miRounds, $miLong)) }
        }
    }
    $miSamples
}

function Format-Stat($Stat, [string] $Unit = 's') {
    # "1.23 s (1.10–1.40, 5 runs)": the median, then the spread.
    if ($null -eq $Stat -or $Stat.Runs -eq 0) { return 'n/a' }
    $f = if ($Unit -eq 's') { { param($v) Format-Seconds $v } } else { { param($v) "{0:N0} $Unit" -f $v } }
    if ($Stat.Runs -eq 1) { return "$(& $f $Stat.Median) (1 run)" }
    $lo = (& $f $Stat.Min) -replace " $Unit$"; $hi = (& $f $Stat.Max) -replace " $Unit$"
    "$(& $f $Stat.Median) ($lo–$hi, $($Stat.Runs) runs)"
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
    $order = 'Acceptance', 'Foundation', 'Export', 'Cleanup', 'Scale', 'Accounts'
    $header = "# Benchmarks`n`nFigures written by ``./build.ps1 Bench``; each section says how it was measured. Speed is measured here, never asserted in tests.`n"
    $blocks = [ordered]@{}
    $notes = ''
    if (Test-Path $Path) {
        $text = Get-Content $Path -Raw
        $found = [regex]::Matches($text, '<!-- bench:(\w+) -->(?s).*?<!-- /bench:\1 -->')
        foreach ($m in $found) { $blocks[$m.Groups[1].Value] = $m.Value }
        # Hand-written notes after the last block (profiles, not `Bench` sections) stay where they are.
        if ($found.Count -gt 0) { $last = $found[$found.Count - 1]; $notes = $text.Substring($last.Index + $last.Length).Trim() }
    }
    $blocks[$Key] = "<!-- bench:$Key -->`n$Markdown`n<!-- /bench:$Key -->"
    $keys = @($order | Where-Object { $blocks.Contains($_) }) + @($blocks.Keys | Where-Object { $_ -notin $order })
    $body = ($keys | ForEach-Object { $blocks[$_] }) -join "`n`n"
    if ($notes) { $body += "`n`n" + $notes + "`n" }
    Set-Content -Path $Path -Value ($header + "`n" + $body) -Encoding utf8
}
