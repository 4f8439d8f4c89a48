# Dot-sourced by every tests/Reliability/*.Tests.ps1 (in BeforeAll): the seed, trial counts, result files for
# docs/reliability.md (Write-ReliabilityReport.ps1), captured output for the password grep, and mailbox checks that
# read the server and the export directly (never MailTools' own counters).
. (Join-Path (Split-Path $PSScriptRoot) 'TestCommon.ps1')
Import-Module (Join-Path (Split-Path $PSScriptRoot) 'TestServer/FaultProxy.psm1') -Force

. (Join-Path $PSScriptRoot 'ReliabilityTrials.ps1')
# MailKit's types for the checks that read the server with their own client.
Add-Type -Path (Get-ModuleAssemblyPath 'MailKit.dll')
$script:RelResultDir = Join-Path $RepoRoot 'out/test-results/reliability'
$script:RelCaptureDir = Join-Path $RelResultDir 'captures'
$null = New-Item -ItemType Directory -Force -Path $RelCaptureDir
Write-Host "Reliability seed $RelSeed ($(if ($RelFull) { '-Full run' } else { 'default run' })); replay with `$env:MAILTOOLS_RELIABILITY_SEED=$RelSeed"

function Save-ScenarioResult {
    # One JSON per scenario: what docs/reliability.md reports.
    param(
        [Parameter(Mandatory)] [string] $Scenario, [Parameter(Mandatory)] [string] $Title,
        [int] $Trials, [int] $Failures, [int] $Lost, [int] $Duplicated, [string] $Notes = '', [object[]] $Rows = @()
    )
    [ordered]@{
        scenario = $Scenario; title = $Title; trials = $Trials; failures = $Failures; lost = $Lost; duplicated = $Duplicated
        notes = $Notes; seed = $RelSeed; run = $(if ($RelFull) { 'full' } else { 'default' }); rows = @($Rows)
        when = (Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm') + 'Z'
    } | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath (Join-Path $RelResultDir "$Scenario.json") -Encoding utf8NoBOM
}

function Invoke-Captured {
    # Runs a block with -Verbose/-Debug on and every stream (errors, warnings, verbose, debug, information) appended
    # as text to captures/<file>.log for the password grep. Returns the objects and the error records.
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [string] $Capture = $script:CaptureName)
    $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $WarningPreference = 'Continue'
    $objects = [Collections.Generic.List[object]]::new(); $errors = [Collections.Generic.List[object]]::new()
    $lines = [Collections.Generic.List[string]]::new()
    $all = try { & $ScriptBlock *>&1 } catch { $_ }   # a terminating error is captured like the others
    $all | ForEach-Object {
        if ($_ -is [Management.Automation.ErrorRecord]) {
            $errors.Add($_); $lines.Add("ERROR $($_.FullyQualifiedErrorId) [$($_.CategoryInfo.Category)] $($_.Exception.Message) $($_.ErrorDetails.RecommendedAction)")
        } elseif ($_ -is [Management.Automation.WarningRecord] -or $_ -is [Management.Automation.VerboseRecord] -or
            $_ -is [Management.Automation.DebugRecord] -or $_ -is [Management.Automation.InformationRecord]) {
            $lines.Add("$($_.GetType().Name) $_")
        } else { $objects.Add($_) }
    }
    if ($Capture) { Add-Content -LiteralPath (Join-Path $RelCaptureDir "$Capture.log") -Value $lines -Encoding utf8NoBOM }
    [pscustomobject]@{ Output = $objects.ToArray(); Errors = $errors.ToArray(); Text = $lines -join "`n" }
}

function Add-CapturedError([object] $ErrorRecord, [string] $Capture = $script:CaptureName) {
    # For errors caught with try/catch (-ErrorAction Stop) rather than through Invoke-Captured.
    $text = "ERROR $($ErrorRecord.FullyQualifiedErrorId) [$($ErrorRecord.CategoryInfo.Category)] $($ErrorRecord.Exception.Message) $($ErrorRecord.ErrorDetails.RecommendedAction)"
    Add-Content -LiteralPath (Join-Path $RelCaptureDir "$Capture.log") -Value $text -Encoding utf8NoBOM
}

function Get-ProtocolLogPath([string] $Capture = $script:CaptureName) {
    # Protocol logs live next to the captures so Security.Tests.ps1 greps them all.
    Join-Path $RelCaptureDir ("$Capture-protocol-{0}.log" -f [Guid]::NewGuid().ToString('N').Substring(0, 6))
}

function Find-SecretLeak {
    # Every capture and protocol log of this file (or of every file with -All) that contains a form of a password.
    param([Parameter(Mandatory)] [object[]] $Servers, [switch] $All, [string] $Capture = $script:CaptureName)
    $forms = foreach ($s in $Servers) { foreach ($u in $s.Users) { Get-SecretForms -UserName $u.UserName -Password $u.Password } }
    $files = Get-ChildItem -LiteralPath $RelCaptureDir -File | Where-Object { $All -or $_.Name -like "$Capture*" }
    foreach ($f in $files) {
        $text = [IO.File]::ReadAllText($f.FullName)
        foreach ($form in $forms) { if ($text.Contains($form)) { "$($f.Name) contains a form of a password" } }
    }
}

function Clear-Capture([string] $Capture = $script:CaptureName) {
    Get-ChildItem -LiteralPath $RelCaptureDir -File -Filter "$Capture*" | Remove-Item -Force
}

function Connect-Rel {
    # A session straight to the server (TLS, validated) or through a proxy, with a protocol log for the grep.
    param([Parameter(Mandatory)] $Server, $Proxy, [int] $UserIndex = 0, [int] $TimeoutSeconds = 30, [hashtable] $Extra = @{})
    $port = if ($Proxy) { $Proxy.Port } else { $Server.ImapsPort }
    Connect-MailServer -Server 127.0.0.1 -Port $port -Security SslOnConnect -Credential $Server.Users[$UserIndex].Credential `
        -ProtocolLogPath (Get-ProtocolLogPath) -TimeoutSeconds $TimeoutSeconds @Extra
}

function Get-ServerHash {
    # SHA-256 of BODY[] of every message of the given (or every selectable) folder, read by a separate MailKit client.
    param([Parameter(Mandatory)] $Server, [int] $UserIndex = 0, [string[]] $Folder, [switch] $WithFolder)
    $client = [MailKit.Net.Imap.ImapClient]::new()
    $client.CheckCertificateRevocation = $false   # the test CA publishes no CRL
    try {
        $client.Connect($Server.Host, $Server.ImapsPort, [MailKit.Security.SecureSocketOptions]::SslOnConnect)
        $client.Authenticate($Server.Users[$UserIndex].Credential.GetNetworkCredential())
        $sha = [Security.Cryptography.SHA256]::Create()
        # A List, not a PowerShell array: an ImapFolder is itself IEnumerable (of messages) and would be unrolled.
        $folders = [Collections.Generic.List[MailKit.IMailFolder]]::new()
        if ($Folder) { foreach ($name in $Folder) { $folders.Add($client.GetFolder($name)) } } else { $folders.AddRange($client.GetFolders($client.PersonalNamespaces[0])) }
        for ($fi = 0; $fi -lt $folders.Count; $fi++) {
            $f = $folders[$fi]
            if ($f.Attributes.HasFlag([MailKit.FolderAttributes]::NoSelect) -or $f.Attributes.HasFlag([MailKit.FolderAttributes]::NonExistent)) { continue }
            $null = $f.Open([MailKit.FolderAccess]::ReadOnly)
            foreach ($uid in $f.Search([MailKit.Search.SearchQuery]::All)) {
                $stream = $f.GetStream($uid, '')
                try { $h = [Convert]::ToHexString($sha.ComputeHash($stream)).ToLowerInvariant() } finally { $stream.Dispose() }
                if ($WithFolder) { "$($f.FullName)`t$h" } else { $h }
            }
            $f.Close()
        }
    } finally { if ($client.IsConnected) { $client.Disconnect($true) }; $client.Dispose() }
}

function Get-ExportHash {
    # SHA-256 of every message file in an export, read from disk (not the manifest): Maildir cur/new files, .eml
    # files, or each message of every .mbox (mboxrd unquoted, via Python's mailbox module like other readers would).
    param([Parameter(Mandatory)] [string] $Root, [ValidateSet('Maildir', 'Mbox', 'Eml')] [string] $Format = 'Maildir')
    if (-not (Test-Path -LiteralPath $Root)) { return }
    switch ($Format) {
        'Maildir' { $files = Get-ChildItem -LiteralPath $Root -Recurse -File -Force | Where-Object { $_.Directory.Name -in 'cur', 'new' } }
        'Eml' { $files = Get-ChildItem -LiteralPath $Root -Recurse -File -Force -Filter *.eml }
        'Mbox' {
            $py = @'
import sys, mailbox, hashlib, re
for p in sys.argv[1:]:
    box = mailbox.mbox(p)
    for k in box.keys():
        b = box.get_bytes(k)
        print(hashlib.sha256(re.sub(rb"(?m)^>(>*From )", rb"\1", b)).hexdigest())
'@
            $boxes = @(Get-ChildItem -LiteralPath $Root -Recurse -File -Force -Filter *.mbox | ForEach-Object FullName)
            if ($boxes) { & python3 -c $py @boxes }
            return
        }
    }
    foreach ($f in $files) { (Get-FileHash -LiteralPath $f.FullName -Algorithm SHA256).Hash.ToLowerInvariant() }
}

function Compare-HashSet {
    # Lost: on the server, not (once) in the export. Duplicated: in the export more often than on the server.
    # Foreign: in the export but not on the server at all (a partial or corrupt file).
    param([string[]] $Expected, [string[]] $Actual)
    $want = @{}; foreach ($h in $Expected) { $want[$h] = 1 + [int]$want[$h] }
    $have = @{}; foreach ($h in $Actual) { $have[$h] = 1 + [int]$have[$h] }
    $lost = 0; $dup = 0; $foreign = 0
    foreach ($k in $want.Keys) { $lost += [Math]::Max(0, $want[$k] - [int]$have[$k]) }
    foreach ($k in $have.Keys) { if ($want.ContainsKey($k)) { $dup += [Math]::Max(0, $have[$k] - $want[$k]) } else { $foreign += $have[$k] } }
    [pscustomobject]@{ Lost = $lost; Duplicated = $dup; Foreign = $foreign; Expected = @($Expected).Count; Actual = @($Actual).Count }
}

function Get-PartialFile([string] $Root) {
    # Leftovers of an interrupted write: temp files, or anything in a Maildir tmp/ folder.
    if (-not (Test-Path -LiteralPath $Root)) { return }
    Get-ChildItem -LiteralPath $Root -Recurse -File -Force | Where-Object { $_.Name -like '*.tmp' -or $_.Directory.Name -eq 'tmp' -or $_.Length -eq 0 -and $_.Extension -ne '.jsonl' }
}

function Get-ProxyServerBytes([object] $Proxy, [int] $Connection = 1) {
    # Bytes the proxy forwarded server -> client on one connection, from its event log.
    $deadline = [datetime]::UtcNow.AddSeconds(15)
    while ([datetime]::UtcNow -lt $deadline) {
        $line = Get-Content -LiteralPath $Proxy.LogPath | Where-Object { $_ -match "conn ${Connection}: closed, \d+ bytes to server, (\d+) bytes to client" } | Select-Object -First 1
        if ($line) { return [long]([regex]::Match($line, '(\d+) bytes to client').Groups[1].Value) }
        Start-Sleep -Milliseconds 50
    }
    throw "The proxy log $($Proxy.LogPath) has no close line for connection $Connection."
}

function Save-DoveadmMessage {
    # Stores raw bytes as one message with `doveadm save` (fast for big messages; Add-TestMessage loops per byte).
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $User, [string] $Mailbox = 'INBOX', [Parameter(Mandatory)] [AllowEmptyCollection()] [byte[]] $Bytes)
    $file = [IO.Path]::GetTempFileName()
    try {
        [IO.File]::WriteAllBytes($file, $Bytes)
        $null = & /bin/sh -c 'exec doveadm -c "$0" mailbox create -u "$1" "$2" 2>&1' $Server.ConfigPath $User $Mailbox   # "exists" is fine
        $out = & /bin/sh -c 'exec doveadm -c "$0" save -u "$1" -m "$2" < "$3" 2>&1' $Server.ConfigPath $User $Mailbox $file
        if ($LASTEXITCODE -ne 0) { throw "doveadm save into $Mailbox failed: $out" }
    } finally { Remove-Item -LiteralPath $file -Force }
}

function Restart-TestDovecot {
    # Stops the server's Dovecot master (SIGTERM: every IMAP process goes with it) and starts it again on the same
    # ports and storage. Not in the harness, which only starts and stops.
    param([Parameter(Mandatory)] $Server)
    $master = foreach ($dir in [IO.Directory]::EnumerateDirectories('/proc')) {
        $leaf = [IO.Path]::GetFileName($dir)
        if ($leaf -notmatch '^\d+$') { continue }
        try { $cmd = [IO.File]::ReadAllText("$dir/cmdline") } catch { continue }
        if ($cmd.Contains("`0$($Server.ConfigPath)") -and $cmd -like '*dovecot*') { [int]$leaf }
    }
    # The IMAP processes too: Dovecot's master lets running sessions finish on their own otherwise.
    $children = foreach ($dir in [IO.Directory]::EnumerateDirectories('/proc')) {
        $leaf = [IO.Path]::GetFileName($dir)
        if ($leaf -notmatch '^\d+$') { continue }
        try { $cmd = [IO.File]::ReadAllText("$dir/cmdline") } catch { continue }
        if ($cmd.StartsWith("dovecot-$($Server.Name)/")) { [int]$leaf }
    }
    foreach ($m in @($master) + @($children)) { & kill -TERM $m 2>$null }
    $deadline = [datetime]::UtcNow.AddSeconds(15)
    while ([datetime]::UtcNow -lt $deadline) {
        $alive = $master | Where-Object { Test-Path "/proc/$_" } | Where-Object { (Get-Content "/proc/$_/status" -ErrorAction Ignore | Select-String '^State:\s+Z') -eq $null }
        if (-not $alive) { break }
        Start-Sleep -Milliseconds 100
    }
    # The old master removes its pid file on exit; wait until the port is free before starting again.
    $deadline = [datetime]::UtcNow.AddSeconds(15)
    do {
        # Output to a file: the daemon inherits the descriptors, and a pipe would never reach end-of-file.
        $startLog = Join-Path $Server.Root 'log/restart.log'
        & /bin/sh -c 'exec dovecot -c "$0" >"$1" 2>&1' $Server.ConfigPath $startLog
        $out = Get-Content -Raw -LiteralPath $startLog -ErrorAction Ignore
        if ($LASTEXITCODE -eq 0) { break }
        Start-Sleep -Milliseconds 200
    } while ([datetime]::UtcNow -lt $deadline)
    if ($LASTEXITCODE -ne 0) { throw "Dovecot did not start again: $out" }
    $deadline = [datetime]::UtcNow.AddSeconds(15)
    while ([datetime]::UtcNow -lt $deadline) {
        $c = [Net.Sockets.TcpClient]::new()
        try { if ($c.ConnectAsync('127.0.0.1', $Server.ImapsPort).Wait(500) -and $c.Connected) { return } } catch { } finally { $c.Dispose() }
        Start-Sleep -Milliseconds 100
    }
    throw "Dovecot restarted but port $($Server.ImapsPort) does not answer."
}

function New-TestServerCertificate {
    # A server certificate signed by the run's CA (so only the property under test is wrong): expired, or issued
    # for another host. Written over the server's ssl files, then `doveadm reload` makes Dovecot use it.
    param([Parameter(Mandatory)] $Server, [switch] $Expired, [string] $HostName = 'localhost')
    $caDir = $env:MAILTOOLS_TEST_CA
    $ca = [Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPemFile((Join-Path $caDir 'ca.crt'), (Join-Path $caDir 'ca.key'))
    $key = [Security.Cryptography.ECDsa]::Create([Security.Cryptography.ECCurve+NamedCurves]::nistP256)
    $req = [Security.Cryptography.X509Certificates.CertificateRequest]::new("CN=$HostName, O=MailTools tests", $key, [Security.Cryptography.HashAlgorithmName]::SHA256)
    $san = [Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
    $san.AddDnsName($HostName)
    if ($HostName -eq 'localhost') { $san.AddIpAddress([Net.IPAddress]::Loopback) }
    $req.CertificateExtensions.Add($san.Build())
    $req.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($false, $false, 0, $true))
    $eku = [Security.Cryptography.OidCollection]::new(); $null = $eku.Add([Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1'))
    $req.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($eku, $false))
    $now = [DateTimeOffset]::UtcNow
    $from = if ($Expired) { $now.AddDays(-10) } else { $now.AddMinutes(-5) }
    $to = if ($Expired) { $now.AddDays(-1) } else { $now.AddDays(1) }
    $serial = [byte[]]::new(12); [Security.Cryptography.RandomNumberGenerator]::Fill($serial); $serial[0] = $serial[0] -band 0x7f
    # The run's CA starts when the run starts (openssl): a leaf must lie within its validity for .NET to sign it, so an
    # "expired" one lives two seconds right after the CA's start and the test waits those out.
    $caFrom = [DateTimeOffset]$ca.NotBefore.ToUniversalTime()
    if ($from -lt $caFrom) { $from = $caFrom.AddSeconds(1); if ($Expired) { $to = $from.AddSeconds(2) } }
    if ($to -gt [DateTimeOffset]$ca.NotAfter.ToUniversalTime()) { $to = [DateTimeOffset]$ca.NotAfter.ToUniversalTime() }
    $cert = $req.Create($ca, $from, $to, $serial)
    [IO.File]::WriteAllText($Server.CertificatePath, $cert.ExportCertificatePem())
    [IO.File]::WriteAllText((Join-Path (Split-Path $Server.CertificatePath) 'server.key'), $key.ExportPkcs8PrivateKeyPem())
    $null = Invoke-TestDoveadm $Server reload
    Start-Sleep -Milliseconds 500   # the reload re-reads the files in the new config process generation
    if ($Expired) { Start-Sleep -Seconds ([Math]::Max(0, ($to - [DateTimeOffset]::UtcNow).TotalSeconds + 1)) }
}

function Start-MailToolsRunspace {
    # Runs a MailTools command in a new runspace (its own session) so the test can act on the server meanwhile.
    # Returns @{ PowerShell; Async }; finish with Wait-MailToolsRunspace.
    param([Parameter(Mandatory)] [int] $Port, [Parameter(Mandatory)] [pscredential] $Credential, [Parameter(Mandatory)] [string] $Command,
        [hashtable] $Arguments = @{}, [int] $TimeoutSeconds = 30)
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
            param($ModulePath, $Port, $Credential, $Command, $Arguments, $Log, $TimeoutSeconds)
            Import-Module $ModulePath
            $s = Connect-MailServer -Server 127.0.0.1 -Port $Port -Security SslOnConnect -Credential $Credential -ProtocolLogPath $Log -TimeoutSeconds $TimeoutSeconds
            try { & $Command -Session $s @Arguments } finally { Disconnect-MailServer -Session $s -ErrorAction SilentlyContinue }
        }).AddArgument($ModulePath).AddArgument($Port).AddArgument($Credential).AddArgument($Command).AddArgument($Arguments).AddArgument((Get-ProtocolLogPath)).AddArgument($TimeoutSeconds)
    [pscustomobject]@{ PowerShell = $ps; Async = $ps.BeginInvoke(); Started = [Diagnostics.Stopwatch]::StartNew() }
}

function Wait-MailToolsRunspace {
    # Waits (bounded: a hang fails the test instead of the run) and returns output, errors, warnings, whether it finished.
    param([Parameter(Mandatory)] $Job, [int] $TimeoutSeconds = 120)
    $finished = $Job.Async.AsyncWaitHandle.WaitOne($TimeoutSeconds * 1000)
    $output = if ($finished) { try { @($Job.PowerShell.EndInvoke($Job.Async)) } catch { @() } } else { $Job.PowerShell.Stop(); @() }
    $errors = @($Job.PowerShell.Streams.Error)
    if ($Job.PowerShell.InvocationStateInfo.Reason -and -not $errors) { $errors = @($Job.PowerShell.InvocationStateInfo.Reason.ErrorRecord) }
    foreach ($e in $errors) { if ($e) { Add-CapturedError $e } }
    $warnings = @($Job.PowerShell.Streams.Warning | ForEach-Object { "$_" })
    if ($warnings) { Add-Content -LiteralPath (Join-Path $RelCaptureDir "$($script:CaptureName).log") -Value ($warnings | ForEach-Object { "WARNING $_" }) }
    $Job.PowerShell.Dispose()
    [pscustomobject]@{ Finished = $finished; Output = $output; Errors = @($errors | Where-Object { $_ }); Warnings = $warnings; Seconds = [Math]::Round($Job.Started.Elapsed.TotalSeconds, 1) }
}

function Wait-ExportProgress([string] $Root, [int] $Files, $Job, [int] $TimeoutSeconds = 60) {
    # Until the export has written $Files message files (or the job ended): the moment to inject the fault.
    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([datetime]::UtcNow -lt $deadline -and -not $Job.Async.IsCompleted) {
        if ((Test-Path -LiteralPath $Root) -and @(Get-ChildItem -LiteralPath $Root -Recurse -File -Force | Where-Object { $_.Directory.Name -eq 'cur' }).Count -ge $Files) { return $true }
        Start-Sleep -Milliseconds 20
    }
    $false
}
