# Loopback fixtures for the server-discovery tests: a DNS server (Debian's dnsmasq) answering SRV, MX and A records
# for test domains, HTTPS/HTTP autoconfig servers, standard-port forwarders on dedicated loopback addresses, and an
# SMTP sink that counts what reaches it (DiscoveryFixture.py). Every process is stopped by its own id.
Set-StrictMode -Version 3.0
$script:Processes = [System.Collections.Generic.List[Diagnostics.Process]]::new()

function New-TestLoopbackAddress {
    <#
    .SYNOPSIS
    A random address in 127.0.0.0/8 (all loopback on Linux) so a fixture can listen on a standard port (443, 993)
    without meeting another test's listener on 127.0.0.1.
    #>
    [CmdletBinding()] param()
    $r = [Random]::new()
    "127.$($r.Next(100, 250)).$($r.Next(1, 250)).$($r.Next(2, 250))"
}

function New-TestNamedCertificate {
    <#
    .SYNOPSIS
    A server certificate for the given DNS names, signed by the run's CA ($env:MAILTOOLS_TEST_CA). Returns
    CertificatePath and KeyPath.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$Directory, [Parameter(Mandatory)][string[]]$Name)
    $ca = $env:MAILTOOLS_TEST_CA
    if (-not $ca -or -not (Test-Path (Join-Path $ca 'ca.key'))) { throw 'MAILTOOLS_TEST_CA must name the run''s CA (New-TestCertificateAuthority).' }
    $null = New-Item -ItemType Directory -Force -Path $Directory
    $cnf = Join-Path $Directory 'named.cnf'
    $san = ($Name | ForEach-Object { "DNS:$_" }) -join ', '
    "[req]`ndistinguished_name = dn`n[dn]`n[server]`nbasicConstraints = critical, CA:FALSE`nkeyUsage = critical, digitalSignature`nextendedKeyUsage = serverAuth`nsubjectAltName = $san`n" |
        Set-Content -LiteralPath $cnf -Encoding utf8NoBOM
    $key = Join-Path $Directory 'named.key'; $csr = Join-Path $Directory 'named.csr'; $crt = Join-Path $Directory 'named.crt'
    $serial = '0x' + -join ((1..16) | ForEach-Object { '{0:x}' -f (Get-Random -Maximum 16) })
    & openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $key -out $csr -subj "/O=MailTools tests/CN=$($Name[0])" -config $cnf 2>&1 | Out-Null
    & openssl x509 -req -in $csr -CA "$ca/ca.crt" -CAkey "$ca/ca.key" -set_serial $serial -days 2 -sha256 -extfile $cnf -extensions server -out $crt 2>&1 | Out-Null
    if (-not (Test-Path $crt)) { throw "openssl could not issue a certificate for $($Name -join ', ')." }
    [pscustomobject]@{ CertificatePath = $crt; KeyPath = $key }
}

function Start-TestDnsServer {
    <#
    .SYNOPSIS
    Starts dnsmasq on 127.0.0.1:<free port>, authoritative for .test only (anything else there: NXDOMAIN).
    .PARAMETER Srv
    dnsmasq --srv-host values: '_imaps._tcp.example.test,mail.example.test,993,0,1'; no target = "not offered".
    .PARAMETER Mx
    --mx-host values: 'example.test,mx1.hoster.test,10'.
    .PARAMETER HostRecord
    --host-record values: 'mail.example.test,127.0.0.1'.
    .OUTPUTS
    Server ('127.0.0.1:<port>' for -DnsServer), Port, Process, LogPath.
    #>
    [CmdletBinding()]
    param([string[]]$Srv = @(), [string[]]$Mx = @(), [string[]]$HostRecord = @())
    $dnsmasq = (Get-Command dnsmasq -CommandType Application -ErrorAction Ignore | Select-Object -First 1).Source
    if (-not $dnsmasq) { $dnsmasq = '/usr/sbin/dnsmasq' }
    if (-not (Test-Path $dnsmasq)) { throw 'dnsmasq is not installed (build.ps1 Test installs it).' }
    $log = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-dns-{0}.log" -f [Guid]::NewGuid().ToString('N').Substring(0, 8))
    for ($attempt = 1; ; $attempt++) {
        $port = Get-TestFreePort
        $arguments = @('--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', "--port=$port",
            '--listen-address=127.0.0.1', '--bind-interfaces', '--local=/test/', '--pid-file=', "--log-facility=$log", '--log-queries')
        $id = & id -u
        if ($id -eq '0') { $arguments += '--user=root' }
        $arguments += @($Srv | ForEach-Object { "--srv-host=$_" }) + @($Mx | ForEach-Object { "--mx-host=$_" }) + @($HostRecord | ForEach-Object { "--host-record=$_" })
        $psi = [Diagnostics.ProcessStartInfo]::new($dnsmasq)
        foreach ($a in $arguments) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false; $psi.RedirectStandardError = $true; $psi.RedirectStandardOutput = $true
        $process = [Diagnostics.Process]::Start($psi)
        $null = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        $ready = $false
        for ($i = 0; $i -lt 50 -and -not $process.HasExited; $i++) {
            $probe = [Net.Sockets.TcpClient]::new()
            try { if ($probe.ConnectAsync('127.0.0.1', $port).Wait(200)) { $ready = $true; break } } catch { } finally { $probe.Dispose() }
            Start-Sleep -Milliseconds 100
        }
        if ($ready) { break }
        if (-not $process.HasExited) { $process.Kill() }
        $err = if ($stderr.Wait(2000)) { $stderr.Result } else { '' }
        if ($attempt -lt 3 -and $err -match 'in use') { continue }
        throw "dnsmasq did not start: $err"
    }
    $script:Processes.Add($process)
    [pscustomobject]@{ PSTypeName = 'MailTools.TestDnsServer'; Server = "127.0.0.1:$port"; Port = $port; Process = $process; LogPath = $log }
}

function Start-TestDiscoveryFixture {
    <#
    .SYNOPSIS
    Starts DiscoveryFixture.py with a config (hashtable: web, forward, sink; see the script's doc string).
    .OUTPUTS
    Process, ConfigPath.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][hashtable]$Config)
    $path = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-fixture-{0}.json" -f [Guid]::NewGuid().ToString('N').Substring(0, 8))
    $Config | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $path -Encoding utf8NoBOM
    $psi = [Diagnostics.ProcessStartInfo]::new('python3')
    $psi.ArgumentList.Add((Join-Path $PSScriptRoot 'DiscoveryFixture.py')); $psi.ArgumentList.Add($path)
    $psi.UseShellExecute = $false; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
    $process = [Diagnostics.Process]::Start($psi)
    $stderr = $process.StandardError.ReadToEndAsync()
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait(15000) -or $line.Result -ne 'ready') {
        if (-not $process.HasExited) { $process.Kill() }
        $err = if ($stderr.Wait(2000)) { $stderr.Result } else { '' }
        throw "The discovery fixture did not start: $err"
    }
    $script:Processes.Add($process)
    [pscustomobject]@{ PSTypeName = 'MailTools.TestDiscoveryFixture'; Process = $process; ConfigPath = $path }
}

function Stop-TestDiscoveryProcess {
    <#
    .SYNOPSIS
    Stops a DNS server or fixture started here (by its process id). Safe to call twice.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)][object]$Fixture)
    process {
        $p = $Fixture.Process
        try { if (-not $p.HasExited) { $p.Kill(); $null = $p.WaitForExit(5000) } } catch [InvalidOperationException] { }
        $null = $script:Processes.Remove($p)
        foreach ($file in 'ConfigPath', 'LogPath') {
            if ($Fixture.PSObject.Properties[$file] -and $Fixture.$file -and (Test-Path -LiteralPath $Fixture.$file)) { Remove-Item -LiteralPath $Fixture.$file -Force }
        }
    }
}

$ExecutionContext.SessionState.Module.OnRemove = {
    foreach ($p in @($script:Processes)) { try { if (-not $p.HasExited) { $p.Kill() } } catch { } }
}

Export-ModuleMember -Function New-TestLoopbackAddress, New-TestNamedCertificate, Start-TestDnsServer, Start-TestDiscoveryFixture, Stop-TestDiscoveryProcess
