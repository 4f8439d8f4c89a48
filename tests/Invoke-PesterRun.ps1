<#
.SYNOPSIS
    Runs the Pester suite in this (child) pwsh and writes the counts for build.ps1.
.DESCRIPTION
    build.ps1 starts this script in a fresh pwsh so the DLLs it just built are never locked by the build's own
    process, with MAILTOOLS_MODULE, MAILTOOLS_TEST_CA and SSL_CERT_FILE set for the real-server tests.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $CountsPath,
    [string] $ResultXml,
    [string] $TestName
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force

$files = Get-ChildItem $PSScriptRoot -Filter *.Tests.ps1 -Recurse | Sort-Object FullName
if ($TestName) {
    $names = $TestName -split ','
    $files = $files | Where-Object { $f = $_.Name; $names | Where-Object { $f -like "*$_*" } }
}

$config = New-PesterConfiguration
$config.Run.Path = @($files.FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
# Only the tests whose full name matches one of these wildcards ("*connection*,*deletions*"), while working on them.
if ($env:MAILTOOLS_TEST_FULLNAME) { $config.Filter.FullName = @($env:MAILTOOLS_TEST_FULLNAME -split ',') }
if ($ResultXml) {
    New-Item -ItemType Directory -Force -Path (Split-Path $ResultXml) | Out-Null
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'JUnitXml'
    $config.TestResult.OutputPath = $ResultXml
}
$result = Invoke-Pester -Configuration $config

# A failing BeforeAll or a file that does not parse fails its tests without counting them: count those too.
$counts = [ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
}
$counts | ConvertTo-Json | Set-Content -Path $CountsPath -Encoding utf8
exit ([int]($counts.Failed -gt 0))
