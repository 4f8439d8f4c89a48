<#
.SYNOPSIS
    Cold start of one or more builds of MailTools, side by side: Import-Module, Connect-MailServer and the first
    Invoke-MailCleanup (4 folders, the Small profile), each in a fresh pwsh, the builds interleaved, the mailbox restored
    before every run. Each step also reports its CPU time (user+sys) and the methods JIT-compiled during it. For before/after comparisons of a change (not part of `./build.ps1 Bench`).
.EXAMPLE
    ./bench/Measure-ColdStart.ps1 -Module out/MailTools/MailTools.psd1, /tmp/main/out/MailTools/MailTools.psd1 -Runs 7
    Run it in a pwsh started with SSL_CERT_FILE/MAILTOOLS_TEST_CA set as `./build.ps1 Bench` does.
#>
param([Parameter(Mandatory)] [string[]] $Module, [int] $Runs = 5)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
. (Join-Path $PSScriptRoot 'BenchServer.ps1')
. (Join-Path $PSScriptRoot 'BenchCleanup.ps1')
$folders = 'INBOX', 'Archive', 'Sent', 'Newsletters'
$work = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-coldstart-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null
$server = Start-TestMailServer -Users small -Profile Small
try {
    $user = $server.Users[0]
    $env:BENCH_PASSWORD = $user.Password
    Stop-TestMailServer -Server $server -Keep
    Save-MailboxSnapshot $server
    Restore-MailboxSnapshot $server
    $tools = [ordered]@{}
    foreach ($m in $Module) { $tools[(Resolve-Path $m).Path] = { param($Run, $Path) $script:BenchModule = $Path; Invoke-MailToolsCleanupProcess $server.ImapsPort $user.UserName $null } }
    $series = Measure-Interleaved -Tools $tools -Runs $Runs -LongRuns $Runs -BeforeEach { Restore-MailboxSnapshot $server }
}
finally {
    Stop-TestMailServer $server
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:BENCH_PASSWORD -ErrorAction SilentlyContinue
}
"1-minute load average now: $(Get-LoadAverage)"
foreach ($m in $series.Keys) {
    [pscustomobject]@{
        Module = $m
        ImportModule = Format-Stat (Get-Stat $series[$m] 'Import')
        Connect = Format-Stat (Get-Stat $series[$m] 'Connect')
        FirstCleanup = Format-Stat (Get-Stat $series[$m] 'InProcess')
        WholeProcess = Format-Stat (Get-Stat $series[$m])
        # CPU time (user+sys) and JIT-compiled methods per step: what a busy machine does not distort.
        ImportCpu = Format-Stat (Get-Stat $series[$m] 'ImportCpu')
        ConnectCpu = Format-Stat (Get-Stat $series[$m] 'ConnectCpu')
        FirstCleanupCpu = Format-Stat (Get-Stat $series[$m] 'InProcessCpu')
        ImportJit = (Get-Stat $series[$m] 'ImportJit').Median
        ConnectJit = (Get-Stat $series[$m] 'ConnectJit').Median
        FirstCleanupJit = (Get-Stat $series[$m] 'InProcessJit').Median
    }
}
