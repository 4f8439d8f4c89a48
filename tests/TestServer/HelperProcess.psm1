# One way for the harness to start its helper servers (fault proxy, scripted Gmail, identity provider): `dotnet <dll>
# ...` whose first stdout line is the port it listens on; stderr only carries start-up errors. Both are drained by
# the thread pool so the helper never blocks on a full pipe.

function Start-PortReportingProcess {
    <# .SYNOPSIS
    Starts dotnet with -Arguments, waits up to -TimeoutSeconds for the port line; returns Process and Port, or throws naming -What. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string[]]$Arguments, [Parameter(Mandatory)][int]$TimeoutSeconds, [Parameter(Mandatory)][string]$What)
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $process = [Diagnostics.Process]::Start($psi)
    $stderr = $process.StandardError.ReadToEndAsync()
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait($TimeoutSeconds * 1000) -or -not ($line.Result -match '^\d+$')) {
        if (-not $process.HasExited) { $process.Kill(); $process.WaitForExit() }
        $err = if ($stderr.Wait(2000)) { $stderr.Result.Trim() } else { '' }
        $process.Dispose()
        throw "The $What did not start (dotnet $($Arguments -join ' ')): $err"
    }
    $null = $process.StandardOutput.ReadToEndAsync()
    [pscustomobject]@{ Process = $process; Port = [int]$line.Result }
}

Export-ModuleMember -Function Start-PortReportingProcess
