# The seed and trial counts, dot-sourced both in BeforeDiscovery (Pester builds the -ForEach trials there) and by
# ReliabilityCommon.ps1. One seed per test run: the first file to need one sets it for the whole process.
if (-not $env:MAILTOOLS_RELIABILITY_SEED) { $env:MAILTOOLS_RELIABILITY_SEED = "$([Security.Cryptography.RandomNumberGenerator]::GetInt32(1, [int]::MaxValue))" }
$script:RelSeed = [int]$env:MAILTOOLS_RELIABILITY_SEED
$script:RelFull = $env:MAILTOOLS_FULL -eq '1'

function Get-TrialCount([int] $Default, [int] $Full) { if ($RelFull) { $Full } else { $Default } }

function New-ScenarioRandom([string] $Scenario) {
    # Per scenario, so adding trials to one scenario does not shift the cut points of another.
    $h = 0; foreach ($c in $Scenario.ToCharArray()) { $h = ($h * 31 + [int]$c) % 1000003 }
    [Random]::new(($RelSeed + $h) % [int]::MaxValue)
}

function New-CutTrial {
    # Trials with a cut point as a fraction of the measured range (the bytes are only known once the server runs).
    param([string] $Scenario, [int] $Default, [int] $Full, [string[]] $Kinds)
    $random = New-ScenarioRandom $Scenario
    foreach ($i in 1..(Get-TrialCount -Default $Default -Full $Full)) {
        @{ Index = $i; Fraction = [Math]::Round($random.NextDouble(), 4); Kind = $Kinds[($i - 1) % $Kinds.Count] }
    }
}
