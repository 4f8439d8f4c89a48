# Shared by Export/Cleanup/Accounts benchmarks (dot-sourced; not a benchmark itself): the peer tools, timed child
# processes, the 20 ms RTT proxy, and putting a test server's mailboxes back to a pristine copy between runs.
$ErrorActionPreference = 'Stop'
$script:BenchRepo = if ($env:MAILTOOLS_REPO_ROOT) { $env:MAILTOOLS_REPO_ROOT } else { Split-Path $PSScriptRoot }
$script:BenchModule = if ($env:MAILTOOLS_MODULE) { $env:MAILTOOLS_MODULE } else { Join-Path $script:BenchRepo 'out/MailTools/MailTools.psd1' }
Import-Module (Join-Path $script:BenchRepo 'tests/TestServer/MailTestServer.psm1') -Force
Import-Module (Join-Path $script:BenchRepo 'tests/TestServer/FaultProxy.psm1') -Force

# The round-trip time the delay proxy adds: 10 ms each way.
$script:BenchDelayMs = 10

function Install-BenchPackage {
    # Debian packages the benchmarks compare against; installed once (we run as root), apt-get update only if needed.
    param([Parameter(Mandatory)] [hashtable] $Commands)   # command name -> Debian package
    $missing = @($Commands.Keys | Where-Object { -not (Get-Command $_ -CommandType Application -ErrorAction Ignore) } | ForEach-Object { $Commands[$_] } | Sort-Object -Unique)
    if (-not $missing) { return }
    if ((& id -u) -ne '0') { throw "The benchmark needs $($missing -join ', '). Install them once with: sudo apt-get install -y $($missing -join ' ')" }
    Write-Host "Installing $($missing -join ', ') from Debian"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & apt-get install -y -qq --no-install-recommends @missing | Out-Host
    if ($LASTEXITCODE -ne 0) {
        & apt-get update -qq | Out-Host
        & apt-get install -y -qq --no-install-recommends @missing | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "apt-get install $($missing -join ' ') failed (exit $LASTEXITCODE)." }
    }
}

function Get-BenchPwsh {
    # The pwsh running the benchmark, started again (a dotnet tool runs as `dotnet pwsh.dll`).
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return @($process, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($process)
}

function Invoke-TimedProcess {
    <#
        Runs a program under /usr/bin/time: wall seconds (Stopwatch around the whole process, start-up included),
        peak resident set (maxrss, KB) and the exit code. Output goes to a log file, shown when the run fails.
    #>
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @(), [string] $LogPath, [hashtable] $Environment = @{})
    $timeFile = [IO.Path]::GetTempFileName()
    if (-not $LogPath) { $LogPath = [IO.Path]::GetTempFileName() }
    $psi = [Diagnostics.ProcessStartInfo]::new('/usr/bin/time')
    foreach ($a in @('-f', '%M', '-o', $timeFile, $FilePath) + $ArgumentList) { $psi.ArgumentList.Add($a) }
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = [string]$Environment[$k] }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $p = [Diagnostics.Process]::Start($psi)
    $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
    $p.WaitForExit()
    $sw.Stop()
    [IO.File]::WriteAllText($LogPath, $out.Result + $err.Result)
    $code = $p.ExitCode
    $p.Dispose()
    $rss = (Get-Content $timeFile | Where-Object { $_ -match '^\d+$' } | Select-Object -Last 1)
    Remove-Item $timeFile -Force
    if ($code -ne 0) { throw "$FilePath failed (exit $code); output:`n$((Get-Content $LogPath -Tail 30) -join "`n")" }
    [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; MaxRssMB = [double]$rss / 1024; LogPath = $LogPath }
}

function Invoke-BenchPwsh {
    # A fresh pwsh running $Command, timed from process start to exit (what a scheduled task costs).
    param([Parameter(Mandatory)] [string] $Command, [hashtable] $Environment = @{}, [string] $LogPath)
    $pwsh = @(Get-BenchPwsh)
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
    Invoke-TimedProcess -FilePath $pwsh[0] -ArgumentList $arguments -Environment $Environment -LogPath $LogPath
}

function Get-ConnectLine([int] $Port, [string] $UserName) {
    # The MailTools side of every fresh-pwsh run; the password comes from the environment, never the command line.
    "Import-Module '$script:BenchModule'; `$c = [pscredential]::new('$UserName', (ConvertTo-SecureString `$env:BENCH_PASSWORD -AsPlainText -Force)); `$null = Connect-MailServer -Server localhost -Port $Port -Security SslOnConnect -Credential `$c"
}

function Format-Seconds([double] $Seconds) { if ([double]::IsNaN($Seconds)) { 'n/a' } elseif ($Seconds -ge 10) { '{0:N1} s' -f $Seconds } else { '{0:N2} s' -f $Seconds } }
function Format-Ratio([double] $Value, [double] $Reference) { if ($Reference -gt 0 -and -not [double]::IsNaN($Value)) { '{0:N2}×' -f ($Value / $Reference) } else { 'n/a' } }
function Format-Met([bool] $Met) { if ($Met) { '**met**' } else { '**not met**' } }

function Save-MailboxSnapshot {
    # A pristine copy of every user's mail tree (Maildir files and Dovecot's indexes), taken with the server idle.
    param([Parameter(Mandatory)] $Server)
    $snapshot = Join-Path $Server.Root 'pristine'
    if (Test-Path $snapshot) { Remove-Item $snapshot -Recurse -Force }
    & cp -a (Join-Path $Server.Root 'mail') $snapshot
    if ($LASTEXITCODE -ne 0) { throw "Copying $($Server.Root)/mail failed." }
}

function Restore-MailboxSnapshot {
    <#
        Puts the mailboxes back exactly as snapshotted: stops Dovecot (keeping its folder), copies the pristine tree
        back, and starts the same Dovecot configuration again (same ports, same certificate).
    #>
    param([Parameter(Mandatory)] $Server)
    Stop-TestMailServer -Server $Server -Keep
    $mail = Join-Path $Server.Root 'mail'
    Remove-Item $mail -Recurse -Force
    & cp -a (Join-Path $Server.Root 'pristine') $mail
    if ($LASTEXITCODE -ne 0) { throw "Restoring $mail failed." }
    # The copy's write-back (and the old tree's freed blocks) go to disk now, not inside the next timed run.
    & sync
    $dovecot = if (Test-Path /usr/sbin/dovecot) { '/usr/sbin/dovecot' } else { (Get-Command dovecot).Source }
    & /bin/sh -c 'exec "$0" -c "$1" >>"$2" 2>&1' $dovecot $Server.ConfigPath (Join-Path $Server.Root 'log/start.log')
    if ($LASTEXITCODE -ne 0) { throw "Restarting Dovecot ($($Server.ConfigPath)) failed: $(Get-Content (Join-Path $Server.Root 'log/start.log') -Raw)" }
    $deadline = [datetime]::UtcNow.AddSeconds(30)
    while ($true) {
        # Wait for a real IMAP greeting, not just an open port (the login process must reach auth first).
        $client = [Net.Sockets.TcpClient]::new()
        try {
            if ($client.ConnectAsync('127.0.0.1', $Server.ImapPort).Wait(1000)) {
                $client.ReceiveTimeout = 2000
                $line = [IO.StreamReader]::new($client.GetStream()).ReadLine()
                if ($line -like '* OK*' -and $line -notmatch 'Waiting for authentication') { break }
            }
        } catch { } finally { $client.Dispose() }
        if ([datetime]::UtcNow -gt $deadline) { throw "Dovecot $($Server.Name) did not come back after the restore." }
        Start-Sleep -Milliseconds 100
    }
}
