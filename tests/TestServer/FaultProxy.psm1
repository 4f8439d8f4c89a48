#Requires -Version 7.2
Import-Module (Join-Path $PSScriptRoot 'HelperProcess.psm1')
<#
    FaultProxy: a TCP proxy between MailTools and a test Dovecot (tests/TestServer/FaultProxy, C#), for the
    benchmarks (added latency) and the reliability tests (connection cut, stalled reads).

    The proxy sees TLS as opaque bytes: it does not terminate TLS, so the client still validates the server's
    certificate (issued for 127.0.0.1/localhost, and the proxy listens on 127.0.0.1). Byte-offset faults work on
    any connection; -CutAtCommand only matches plaintext commands (before STARTTLS, or a -NoTls server).
#>
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$script:RepoRoot = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$script:Project = Join-Path $PSScriptRoot 'FaultProxy'
$script:DefaultDll = Join-Path $script:RepoRoot 'out/tools/FaultProxy/MailTools.FaultProxy.dll'
$script:Proxies = [System.Collections.Generic.List[object]]::new()

function Get-FaultProxyPath {
    # build.ps1 builds it into out/tools/FaultProxy; built here on demand when missing or older than its sources.
    if ($env:MAILTOOLS_FAULTPROXY) {
        if (-not (Test-Path -LiteralPath $env:MAILTOOLS_FAULTPROXY)) { throw "MAILTOOLS_FAULTPROXY points to a missing file: $env:MAILTOOLS_FAULTPROXY" }
        return $env:MAILTOOLS_FAULTPROXY
    }
    $dll = $script:DefaultDll
    $sources = Get-ChildItem -LiteralPath $script:Project -Recurse -File -Include '*.cs', '*.csproj' |
        Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]'
    $newest = ($sources | Measure-Object LastWriteTimeUtc -Maximum).Maximum
    if ((Test-Path $dll) -and (Get-Item $dll).LastWriteTimeUtc -ge $newest) { return $dll }
    # Parallel test processes must not build into the same folder at once.
    $mutex = [Threading.Mutex]::new($false, 'Global\MailToolsFaultProxyBuild')
    $owned = $false
    try {
        try { $owned = $mutex.WaitOne([TimeSpan]::FromMinutes(5)) } catch [Threading.AbandonedMutexException] { $owned = $true }
        if (-not ((Test-Path $dll) -and (Get-Item $dll).LastWriteTimeUtc -ge $newest)) {
            Write-Verbose "Building the fault proxy into $(Split-Path $dll)"
            $output = & dotnet build $script:Project -c Release -o (Split-Path $dll) --nologo -v q -clp:ErrorsOnly 2>&1
            if ($LASTEXITCODE -ne 0) { throw "Building $script:Project failed: $($output -join "`n")" }
            (Get-Item $dll).LastWriteTimeUtc = [datetime]::UtcNow
        }
    } finally { if ($owned) { $mutex.ReleaseMutex() }; $mutex.Dispose() }
    $dll
}

function Start-TestFaultProxy {
    <#
    .SYNOPSIS
    Starts a fault/delay proxy on a free 127.0.0.1 port in front of -TargetPort.
    .DESCRIPTION
    Without fault parameters it is a pass-through. -DelayMs is added to every chunk in each direction (10 = 20 ms
    round-trip time) on every connection. The faults (-CutAfterBytes, -StallAfterBytes, -CutAtCommand) apply to
    every connection, or only to the -OnlyConnection'th one (1-based, in accept order). Byte offsets count bytes
    forwarded server -> client. A cut resets both sockets (RST); a stall forwards nothing more in either direction
    but keeps both sockets open until the client leaves. -CutAtCommand matches plaintext client lines only (IMAP
    before STARTTLS, or a -NoTls server): on TLS the proxy sees ciphertext, so use byte offsets there.
    -CutAfterBytes/-StallAfterBytes also take a range 'A-B': a value is drawn per faulted connection from -Seed.
    .OUTPUTS
    MailTools.TestFaultProxy: Host ('127.0.0.1'), Port, TargetPort, Process, LogPath (one line per connection
    event: open, fault, close with byte counts).
    .EXAMPLE
    $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs 10
    try { Connect-MailServer -Server 127.0.0.1 -Port $proxy.Port ... } finally { Stop-TestFaultProxy $proxy }
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][ValidateRange(1, 65535)][int]$TargetPort,
        [string]$TargetHost = '127.0.0.1',
        [ValidateRange(0, 60000)][int]$DelayMs = 0,
        [ValidateRange(0, 60000)][int]$JitterMs = 0,
        [ValidatePattern('^\d+(-\d+)?$')][string]$CutAfterBytes,
        [ValidatePattern('^\d+(-\d+)?$')][string]$StallAfterBytes,
        [string]$CutAtCommand,
        [ValidateRange(1, [int]::MaxValue)][int]$OnlyConnection,
        [int]$Seed = 1,
        # Where the event log goes; default a new temp file (removed by Stop-TestFaultProxy unless -Keep).
        [string]$LogPath,
        [ValidateRange(1, 300)][int]$TimeoutSeconds = 30,
        # Scripted provider front: terminate TLS with this certificate/key (PEM, from the run's CA) and talk TLS to
        # -TargetPort (an implicit-TLS IMAP port). Only then do -Throttle and -MaxConnections apply.
        [string]$TlsCertificatePath,
        [string]$TlsKeyPath,
        # Commands answered with Microsoft 365's throttled reply, e.g. 'UID FETCH', 'UID MOVE'.
        [string[]]$Throttle,
        [ValidateRange(1, [int]::MaxValue)][int]$ThrottleEvery = 1,
        [ValidateRange(0, 3600000)][int]$BackoffMs = 1000,
        [ValidateSet('NO', 'BAD')][string]$ThrottleReply = 'NO',
        [ValidateRange(1, [int]::MaxValue)][int]$DropEvery,
        [ValidateRange(1, 10000)][int]$MaxConnections,
        # The first command starting with this text (e.g. 'EXAMINE Trash') gets Dovecot's NO [ALREADYEXISTS] reply.
        [string]$AlreadyExistsOnce
    )
    $dll = Get-FaultProxyPath
    if (-not $LogPath) { $LogPath = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-proxy-{0}.log" -f [Guid]::NewGuid().ToString('N').Substring(0, 8)) }
    $arguments = @($dll, '--listen-port', '0', '--target-host', $TargetHost, '--target-port', "$TargetPort",
        '--delay-ms', "$DelayMs", '--jitter-ms', "$JitterMs", '--seed', "$Seed", '--log', $LogPath, '--parent-pid', "$PID")
    if ($CutAfterBytes) { $arguments += @('--cut-after-bytes', $CutAfterBytes) }
    if ($StallAfterBytes) { $arguments += @('--stall-after-bytes', $StallAfterBytes) }
    if ($CutAtCommand) { $arguments += @('--cut-at-command', $CutAtCommand) }
    if ($OnlyConnection) { $arguments += @('--connections', "$OnlyConnection") }
    if ($TlsCertificatePath) { $arguments += @('--tls-cert', $TlsCertificatePath, '--tls-key', $TlsKeyPath) }
    if ($Throttle) {
        $arguments += @('--throttle', ($Throttle -join ','), '--throttle-every', "$ThrottleEvery", '--backoff-ms', "$BackoffMs", '--throttle-reply', $ThrottleReply)
    }
    if ($DropEvery) { $arguments += @('--drop-every', "$DropEvery") }
    if ($MaxConnections) { $arguments += @('--max-connections', "$MaxConnections") }
    if ($AlreadyExistsOnce) { $arguments += @('--already-exists-once', $AlreadyExistsOnce) }

    Start-ProxyProcess $arguments $LogPath $TimeoutSeconds $TargetPort
}

function Start-ProxyProcess([string[]]$arguments, [string]$LogPath, [int]$TimeoutSeconds, [int]$TargetPort) {
    $started = Start-PortReportingProcess -Arguments $arguments -TimeoutSeconds $TimeoutSeconds -What 'fault proxy'
    $proxy = [pscustomobject]@{
        PSTypeName = 'MailTools.TestFaultProxy'
        Host       = '127.0.0.1'
        Port       = $started.Port
        TargetPort = $TargetPort
        Process    = $started.Process
        LogPath    = $LogPath
    }
    $script:Proxies.Add($proxy)
    $proxy
}

function Start-TestGmailServer {
    <#
    .SYNOPSIS
    Starts the scripted Gmail IMAP server (FaultProxy --gmail) on a free 127.0.0.1 port, over TLS.
    .DESCRIPTION
    -SeedPath is a JSON array of { "file": "x.eml", "labels": ["\\Inbox", "Work"], "date": "2019-03-01T12:00:00Z" }
    (files relative to the seed). It answers as Gmail's IMAP extensions documentation describes (X-GM-EXT-1,
    X-GM-LABELS, X-GM-MSGID, X-GM-RAW, [Gmail]/All Mail, [Gmail]/Trash, labels as folders). Stop it with
    Stop-TestFaultProxy. The log (LogPath) lists each command (logins hidden), MOVE/COPY and EXPUNGE.
    -BandwidthMessages N plays Gmail's daily bandwidth limit: after N message bodies (all connections together) a FETCH
    of bodies and every later login get "NO [ALERT] Account exceeded command or bandwidth limits. (Failure)".
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$SeedPath,
        [Parameter(Mandatory)][string]$UserName,
        [Parameter(Mandatory)][string]$Password,
        [Parameter(Mandatory)][string]$TlsCertificatePath,
        [Parameter(Mandatory)][string]$TlsKeyPath,
        [string]$LogPath,
        [ValidateRange(0, 1000000)][int]$BandwidthMessages = -1,
        [ValidateRange(1, 300)][int]$TimeoutSeconds = 30
    )
    $dll = Get-FaultProxyPath
    if (-not $LogPath) { $LogPath = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-gmail-{0}.log" -f [Guid]::NewGuid().ToString('N').Substring(0, 8)) }
    $arguments = @($dll, '--listen-port', '0', '--gmail', $SeedPath, '--gmail-user', $UserName, '--gmail-password', $Password,
        '--tls-cert', $TlsCertificatePath, '--tls-key', $TlsKeyPath, '--log', $LogPath, '--parent-pid', "$PID")
    if ($BandwidthMessages -ge 0) { $arguments += '--gmail-bandwidth-messages', "$BandwidthMessages" }
    Start-ProxyProcess $arguments $LogPath $TimeoutSeconds 0
}

function Stop-TestFaultProxy {
    <#
    .SYNOPSIS
    Stops a proxy started by Start-TestFaultProxy (its process, by id) and removes its log unless -Keep. Safe to call twice.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)][object]$Proxy,
        [switch]$Keep
    )
    process {
        $p = $Proxy.Process
        try {
            if (-not $p.HasExited) { $p.Kill(); $null = $p.WaitForExit(10000) }
        } catch [InvalidOperationException] { }   # already gone or disposed
        $null = $script:Proxies.Remove($Proxy)
        if (-not $Keep -and $Proxy.LogPath -and (Test-Path -LiteralPath $Proxy.LogPath)) { Remove-Item -LiteralPath $Proxy.LogPath -Force }
    }
}

$ExecutionContext.SessionState.Module.OnRemove = {
    foreach ($p in @($script:Proxies)) { try { Stop-TestFaultProxy $p } catch { } }
}

Export-ModuleMember -Function Start-TestFaultProxy, Stop-TestFaultProxy, Start-TestGmailServer
