#Requires -Version 7.2
<#
    MailTestServer: throw-away Dovecot 2.3 IMAP/POP3 servers for the MailTools integration tests.

    Each Start-TestMailServer call gets its own temp folder (config, passwd-file, run dir, log,
    Maildir storage), its own instance_name and free loopback ports, so servers can run side by
    side and never touch the system Dovecot (/etc/dovecot, /run/dovecot, /var/lib/dovecot).

    Sizes: Dovecot stores messages with LF line ends. IMAP RFC822.SIZE, STATUS SIZE and
    `doveadm mailbox status vsize` are all the *virtual* size (as if every line ended in CRLF);
    the physical size is what is on disk (the Maildir file name's S=, W= is the virtual size).
#>
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$script:RepoRoot = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$script:SeederProject = Join-Path $PSScriptRoot 'Seeder'
$script:DefaultSeederDll = Join-Path $script:RepoRoot 'out/tools/Seeder/MailTools.Seeder.dll'
$script:Servers = [System.Collections.Generic.List[object]]::new()
$script:SpecialUse = [ordered]@{ Sent = '\Sent'; Drafts = '\Drafts'; Trash = '\Trash'; Junk = '\Junk'; Archive = '\Archive' }
$script:Utf8 = [Text.UTF8Encoding]::new($false)
$script:DropCounter = 0
$script:MailIdentity = $null
$script:DefaultImapCapability = $null

#region helpers

function Invoke-Native {
    # Runs a program with exact arguments (no shell quoting), UTF-8 output and optional stdin bytes.
    param(
        [Parameter(Mandatory)][string]$FilePath,
        [string[]]$ArgumentList = @(),
        [byte[]]$InputBytes,
        [int]$TimeoutSeconds = 300,
        [switch]$AllowFailure
    )
    $psi = [Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($a in $ArgumentList) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    $psi.StandardOutputEncoding = $script:Utf8
    $psi.StandardErrorEncoding = $script:Utf8
    $p = [Diagnostics.Process]::Start($psi)
    try {
        $out = $p.StandardOutput.ReadToEndAsync()
        $err = $p.StandardError.ReadToEndAsync()
        if ($InputBytes) { $p.StandardInput.BaseStream.Write($InputBytes, 0, $InputBytes.Length) }
        $p.StandardInput.Close()
        if (-not $p.WaitForExit($TimeoutSeconds * 1000)) {
            $p.Kill($true)
            throw "$FilePath $($ArgumentList -join ' ') timed out after $TimeoutSeconds s"
        }
        $p.WaitForExit()
        $r = [pscustomobject]@{ ExitCode = $p.ExitCode; StdOut = $out.Result; StdErr = $err.Result }
    } finally { $p.Dispose() }
    if ($r.ExitCode -ne 0 -and -not $AllowFailure) {
        throw "$FilePath $($ArgumentList -join ' ') failed (exit $($r.ExitCode)): $($r.StdErr.Trim()) $($r.StdOut.Trim())"
    }
    $r
}

function Find-Program([string]$Name) {
    # /usr/sbin is not on a non-root PATH.
    $cmd = Get-Command $Name -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($cmd) { return $cmd.Source }
    foreach ($dir in '/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin') {
        if (Test-Path "$dir/$Name") { return "$dir/$Name" }
    }
    throw "'$Name' not found. Install Dovecot: apt-get install dovecot-imapd dovecot-pop3d"
}

function New-RandomText([int]$Length, [string]$Alphabet = 'abcdefghijkmnpqrstuvwxyz23456789') {
    -join (1..$Length | ForEach-Object { $Alphabet[[Security.Cryptography.RandomNumberGenerator]::GetInt32($Alphabet.Length)] })
}

function Get-LogTail([string]$Path, [int]$Lines = 25) {
    if (Test-Path $Path) { (Get-Content -LiteralPath $Path -Tail $Lines) -join "`n" } else { '(no log file)' }
}

function Get-CertificateThumbprint([string]$Path) {
    $cert = [Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadCertificateFromFile($Path)
    try { $cert.Thumbprint.ToUpperInvariant() } finally { $cert.Dispose() }
}

function Get-CurrentUid {
    # Effective uid without spawning `id`.
    $line = [IO.File]::ReadAllLines('/proc/self/status') | Where-Object { $_.StartsWith('Uid:') } | Select-Object -First 1
    [int]($line -split '\s+')[2]
}

function Get-PasswdEntry([string]$Name) {
    $r = Invoke-Native 'getent' @('passwd', $Name) -AllowFailure
    if ($r.ExitCode -ne 0) { return $null }
    $f = $r.StdOut.Trim().Split(':')
    [pscustomobject]@{ Name = $f[0]; Uid = [int]$f[2]; Gid = [int]$f[3] }
}

function Get-MailIdentity {
    if (-not $script:MailIdentity) { $script:MailIdentity = Resolve-MailIdentity }
    $script:MailIdentity
}

function Resolve-MailIdentity {
    # Dovecot refuses to run mail processes as uid 0, so as root the mail files belong to a
    # dedicated system user; as non-root every Dovecot process runs as the current user.
    if ((Get-CurrentUid) -ne 0) {
        $name = (Invoke-Native 'id' @('-un')).StdOut.Trim()
        $group = (Invoke-Native 'id' @('-gn')).StdOut.Trim()
        $me = Get-PasswdEntry $name
        if (-not $me) { $me = [pscustomobject]@{ Name = $name; Uid = Get-CurrentUid; Gid = [int](Invoke-Native 'id' @('-g')).StdOut.Trim() } }
        return [pscustomobject]@{ IsRoot = $false; MailUser = $name; MailUid = $me.Uid; MailGid = $me.Gid
            InternalUser = $name; LoginUser = $name; InternalGroup = $group }
    }
    foreach ($u in 'dovecot', 'dovenull') {
        if (-not (Get-PasswdEntry $u)) { throw "System user '$u' is missing; reinstall dovecot-core." }
    }
    $mail = Get-PasswdEntry 'mailtools-test'
    if (-not $mail) {
        $null = Invoke-Native 'useradd' @('--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent',
            '--shell', '/usr/sbin/nologin', '--comment', 'MailTools test mail user', 'mailtools-test') -AllowFailure
        $mail = Get-PasswdEntry 'mailtools-test'       # a parallel run may have created it meanwhile
        if (-not $mail) { $mail = Get-PasswdEntry 'dovecot' }
    }
    [pscustomobject]@{ IsRoot = $true; MailUser = $mail.Name; MailUid = $mail.Uid; MailGid = $mail.Gid
        InternalUser = 'dovecot'; LoginUser = 'dovenull'; InternalGroup = 'dovecot' }
}

function Write-OpenSslConfig([string]$Path) {
    # Self-contained, so the result does not depend on /etc/ssl/openssl.cnf.
    @'
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
[selfsigned]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
'@ | Set-Content -LiteralPath $Path -Encoding utf8NoBOM
}

function New-ServerCertificate([string]$Dir, [string]$CaPath, [switch]$SelfSigned, [string[]]$ExtraNames) {
    $null = New-Item -ItemType Directory -Force -Path $Dir
    $cnf = Join-Path $Dir 'openssl.cnf'
    Write-OpenSslConfig $cnf
    if ($ExtraNames) {
        # More DNS names on the server certificate (discovery tests: mail.<domain>), besides localhost and 127.0.0.1.
        $extra = ($ExtraNames | ForEach-Object { "DNS:$_" }) -join ', '
        (Get-Content -Raw -LiteralPath $cnf).Replace('subjectAltName = DNS:localhost, IP:127.0.0.1', "subjectAltName = DNS:localhost, IP:127.0.0.1, $extra") |
            Set-Content -LiteralPath $cnf -Encoding utf8NoBOM -NoNewline
    }
    $crt = Join-Path $Dir 'server.crt'; $key = Join-Path $Dir 'server.key'
    $ec = @('-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', $key)
    if ($SelfSigned) {
        $null = Invoke-Native 'openssl' (@('req', '-x509') + $ec + @('-out', $crt, '-days', '2', '-sha256',
                '-subj', '/O=MailTools tests/CN=localhost (untrusted)', '-config', $cnf, '-extensions', 'selfsigned'))
    } else {
        $csr = Join-Path $Dir 'server.csr'
        $null = Invoke-Native 'openssl' (@('req', '-new') + $ec + @('-out', $csr, '-subj', '/O=MailTools tests/CN=localhost', '-config', $cnf))
        # Random serial instead of -CAcreateserial: parallel runs share the CA folder.
        $null = Invoke-Native 'openssl' @('x509', '-req', '-in', $csr, '-CA', "$CaPath/ca.crt", '-CAkey', "$CaPath/ca.key",
            '-set_serial', ('0x' + (New-RandomText 16 '0123456789abcdef')), '-days', '2', '-sha256',
            '-extfile', $cnf, '-extensions', 'server', '-out', $crt)
    }
    [pscustomobject]@{ CertificatePath = $crt; KeyPath = $key }
}

function New-TestServerCertificate {
    <# .SYNOPSIS
    A localhost/127.0.0.1 TLS certificate (server.crt, server.key in -Path) signed by the run's CA ($env:MAILTOOLS_TEST_CA), for other test servers. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$Path, [Parameter(Mandatory)][string]$CaPath)
    New-ServerCertificate -Dir $Path -CaPath $CaPath
}

function Get-DovecotProcessId([object]$Server) {
    # Every child process titles itself "dovecot-<instance_name>/<service>"; the master keeps
    # its command line "dovecot -c <config>". Instance names are random, so this is exact.
    $prefix = "dovecot-$($Server.Name)/"
    foreach ($dir in [IO.Directory]::EnumerateDirectories('/proc')) {
        $leaf = [IO.Path]::GetFileName($dir)
        if ($leaf -notmatch '^\d+$') { continue }
        try { $raw = [IO.File]::ReadAllBytes("$dir/cmdline") } catch { continue }
        if ($raw.Length -eq 0) { continue }
        $argv = [Text.Encoding]::UTF8.GetString($raw).TrimEnd([char]0).Split([char]0)
        if ($argv[0].StartsWith($prefix) -or
            ($argv[0] -like '*dovecot' -and $argv -contains $Server.ConfigPath)) { [int]$leaf }
    }
}

function Wait-Greeting([int]$Port, [string]$Protocol, [datetime]$Deadline) {
    # Also makes sure the login process is talking to the auth process before tests connect
    # (otherwise the first client gets "* OK Waiting for authentication process to respond..").
    $lastError = $null
    while ([datetime]::UtcNow -lt $Deadline) {
        $client = [Net.Sockets.TcpClient]::new()
        try {
            if ($client.ConnectAsync('127.0.0.1', $Port).Wait(1000)) {
                $client.ReceiveTimeout = 5000
                $reader = [IO.StreamReader]::new($client.GetStream(), [Text.Encoding]::ASCII)
                $writer = [IO.StreamWriter]::new($client.GetStream(), [Text.Encoding]::ASCII)
                do { $line = $reader.ReadLine() } while ($line -and $line -match 'Waiting for authentication')
                if ($line -and $line -match '^(\* OK|\+OK)') {
                    $writer.Write($(if ($Protocol -eq 'imap') { "a LOGOUT`r`n" } else { "QUIT`r`n" }))
                    $writer.Flush()
                    return
                }
                $lastError = "unexpected greeting '$line'"
            }
        } catch { $lastError = $_.Exception.GetBaseException().Message }
        finally { $client.Dispose() }
        Start-Sleep -Milliseconds 100
    }
    throw "port $Port ($Protocol) did not greet: $lastError"
}

function Wait-Port([int]$Port, [datetime]$Deadline) {
    # Looks for the LISTEN socket in /proc/net/tcp rather than connecting: a probe connection
    # would spawn a login process that can outlive a quick Stop-TestMailServer by seconds.
    $local = '0100007F:{0:X4}' -f $Port    # 127.0.0.1, as the kernel prints it
    while ([datetime]::UtcNow -lt $Deadline) {
        foreach ($line in [IO.File]::ReadLines('/proc/net/tcp')) {
            $f = $line.Trim() -split '\s+'
            if ($f[1] -eq $local -and $f[3] -eq '0A') { return }
        }
        Start-Sleep -Milliseconds 50
    }
    throw "port $Port is not listening"
}

function Get-SeederPath {
    if ($env:MAILTOOLS_SEEDER) {
        if (-not (Test-Path -LiteralPath $env:MAILTOOLS_SEEDER)) { throw "MAILTOOLS_SEEDER points to a missing file: $env:MAILTOOLS_SEEDER" }
        return $env:MAILTOOLS_SEEDER
    }
    $dll = $script:DefaultSeederDll
    $sources = Get-ChildItem -LiteralPath $script:SeederProject -Recurse -File -Include '*.cs', '*.csproj' |
        Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]'
    $newest = ($sources | Measure-Object LastWriteTimeUtc -Maximum).Maximum
    if ((Test-Path $dll) -and (Get-Item $dll).LastWriteTimeUtc -ge $newest) { return $dll }
    # Serialise builds between parallel test processes.
    $mutex = [Threading.Mutex]::new($false, 'Global\MailToolsSeederBuild')
    $owned = $false
    try {
        try { $owned = $mutex.WaitOne([TimeSpan]::FromMinutes(5)) } catch [Threading.AbandonedMutexException] { $owned = $true }
        if (-not ((Test-Path $dll) -and (Get-Item $dll).LastWriteTimeUtc -ge $newest)) {
            Write-Verbose "Building the seeder into $(Split-Path $dll)"
            $null = Invoke-Native 'dotnet' @('build', $script:SeederProject, '-c', 'Release', '-o', (Split-Path $dll), '-nologo', '-v', 'q')
            (Get-Item $dll).LastWriteTimeUtc = [datetime]::UtcNow
        }
    } finally { if ($owned) { $mutex.ReleaseMutex() }; $mutex.Dispose() }
    $dll
}

function Get-SeedCacheRoot {
    # Seeded Maildirs are cached per (profile, seed, user, day, seeder build): a copy is much
    # cheaper than starting the seeder again for every test file. MAILTOOLS_SEED_CACHE=off disables.
    if ($env:MAILTOOLS_SEED_CACHE -eq 'off') { return $null }
    $dir = if ($env:MAILTOOLS_SEED_CACHE) { $env:MAILTOOLS_SEED_CACHE } else { Join-Path ([IO.Path]::GetTempPath()) 'mailtools-seed-cache' }
    $null = New-Item -ItemType Directory -Force -Path $dir
    $dir
}

function Invoke-Seeding([object[]]$Users, [string]$Profile, [int]$Seed, [string]$Root) {
    $seeder = Get-SeederPath
    $today = [datetime]::UtcNow.ToString('yyyy-MM-dd')   # the seeder's "now": dates count back from it
    $cache = Get-SeedCacheRoot
    $build = (Get-FileHash -LiteralPath $seeder -Algorithm SHA256).Hash.Substring(0, 12)
    $missing = [Collections.Generic.List[object]]::new()
    $cached = @()
    foreach ($u in $Users) {
        $entry = if ($cache) { Join-Path $cache "$Profile-$Seed-$today-$build-$($u.UserName)" }
        if ($entry -and (Test-Path -LiteralPath (Join-Path $entry 'manifest.json'))) {
            # cp -a keeps the mtimes, i.e. the INTERNALDATEs.
            $null = Invoke-Native 'cp' @('-a', (Join-Path $entry 'Maildir/.'), $u.MailDir)
            $u.Seeded = Get-Content -LiteralPath (Join-Path $entry 'manifest.json') -Raw | ConvertFrom-Json
            $u.Seeded.maildir = $u.MailDir
            $cached += $u.UserName
        } else { $missing.Add($u) }
    }
    $summary = @()
    if ($missing.Count -gt 0) {
        $manifestPath = Join-Path $Root 'seed-manifest.json'
        $seedArgs = @($seeder, '--profile', $Profile, '--seed', "$Seed", '--now', $today, '--manifest', $manifestPath)
        foreach ($u in $missing) { $seedArgs += @('--user', $u.UserName, '--maildir', $u.MailDir) }
        $summary += (Invoke-Native 'dotnet' $seedArgs -TimeoutSeconds 900).StdOut.Trim()
        $manifest = Get-Content -LiteralPath $manifestPath -Raw | ConvertFrom-Json
        foreach ($u in $missing) {
            $u.Seeded = $manifest.users | Where-Object user -EQ $u.UserName
            if ($cache) { Save-SeedCache -Entry (Join-Path $cache "$Profile-$Seed-$today-$build-$($u.UserName)") -User $u }
        }
    }
    if ($cached) { $summary += "copied from the seed cache: $($cached -join ', ')" }
    $summary -join '; '
}

function Save-SeedCache([string]$Entry, [object]$User) {
    # Built under a temporary name and renamed, so a parallel run never sees half an entry.
    $tmp = "$Entry.tmp-$(New-RandomText 6)"
    try {
        $null = New-Item -ItemType Directory -Path $tmp
        $null = Invoke-Native 'cp' @('-a', $User.MailDir, (Join-Path $tmp 'Maildir'))
        $User.Seeded | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath (Join-Path $tmp 'manifest.json') -Encoding utf8NoBOM
        try { [IO.Directory]::Move($tmp, $Entry) } catch { }   # another run was faster: keep theirs
    } finally {
        if (Test-Path -LiteralPath $tmp) { Remove-Item -LiteralPath $tmp -Recurse -Force }
    }
    # Entries are per day; drop the stale ones.
    Get-ChildItem -LiteralPath (Split-Path $Entry) -Directory |
        Where-Object LastWriteTimeUtc -LT ([datetime]::UtcNow.AddDays(-2)) |
        Remove-Item -Recurse -Force -ErrorAction Ignore
}

function New-MaildirFolder([string]$MailDir, [string]$AsciiName) {
    $dir = if ($AsciiName -eq 'INBOX') { $MailDir } else { Join-Path $MailDir ('.' + $AsciiName.Replace('/', '.')) }
    foreach ($sub in 'cur', 'new', 'tmp') { $null = New-Item -ItemType Directory -Force -Path (Join-Path $dir $sub) }
    if ($AsciiName -ne 'INBOX') { $null = New-Item -ItemType File -Force -Path (Join-Path $dir 'maildirfolder') }
}

function Get-VirtualSize([byte[]]$Bytes) {
    # Dovecot's virtual size: every LF not preceded by CR counts as CRLF.
    $n = $Bytes.LongLength
    for ($i = 0; $i -lt $Bytes.Length; $i++) {
        if ($Bytes[$i] -eq 10 -and ($i -eq 0 -or $Bytes[$i - 1] -ne 13)) { $n++ }
    }
    $n
}

function Resolve-User([object]$Server, [string]$User) {
    $u = $Server.Users | Where-Object UserName -EQ $User
    if (-not $u) { throw "Unknown test user '$User' (server has: $($Server.Users.UserName -join ', '))." }
    $u
}

function Start-Watchdog([object]$Server) {
    # Dovecot daemonises, so it would outlive a test run that crashes or never calls
    # Stop-TestMailServer (PowerShell.Exiting does not fire for `pwsh -File`). This shell loop,
    # in its own session, stops the server and deletes its folder once this pwsh is gone.
    $masterPid = (Get-Content -LiteralPath (Join-Path $Server.Root 'run/master.pid') -Raw).Trim()
    $script = @'
exec </dev/null >/dev/null 2>&1
echo $$ > "$3/watchdog.pid.tmp" && mv "$3/watchdog.pid.tmp" "$3/watchdog.pid"
alive() { grep -q . "/proc/$1/cmdline" 2>/dev/null; }   # a zombie has an empty cmdline
while kill -0 "$1" 2>/dev/null && alive "$2"; do sleep 1; done
kill -0 "$1" 2>/dev/null && exit 0
kill -TERM "$2" 2>/dev/null
i=0; while [ $i -lt 50 ] && alive "$2"; do sleep 0.2; i=$((i+1)); done
rm -rf "$3"
'@
    $psi = [Diagnostics.ProcessStartInfo]::new((Find-Program 'setsid'))
    foreach ($a in '/bin/sh', '-c', $script, 'mailtools-watchdog', "$PID", $masterPid, $Server.Root) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    ([Diagnostics.Process]::Start($psi)).Dispose()
    # Stop-Watchdog needs the pid, which only the loop itself knows (setsid may fork).
    $deadline = [datetime]::UtcNow.AddSeconds(5)
    while (-not (Test-Path -LiteralPath (Join-Path $Server.Root 'watchdog.pid')) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 10 }
}

function Stop-Watchdog([object]$Server) {
    $file = Join-Path $Server.Root 'watchdog.pid'
    if (-not (Test-Path -LiteralPath $file)) { return }
    $watchdog = (Get-Content -LiteralPath $file -Raw).Trim()
    try { $cmd = [IO.File]::ReadAllText("/proc/$watchdog/cmdline") } catch { return }
    # Its session leader's pid is also its process group id: end the loop and its `sleep`.
    if ($cmd.Contains('mailtools-watchdog') -and $cmd.Contains($Server.Root)) { $null = Invoke-Native 'kill' @('-TERM', '--', "-$watchdog") -AllowFailure }
}

function Stop-AllTestMailServers {
    foreach ($s in @($script:Servers)) {
        try { Stop-TestMailServer -Server $s } catch { Write-Warning "Could not stop test mail server $($s.Name): $_" }
    }
}

#endregion

function Get-TestFreePort {
    <#
    .SYNOPSIS
    Returns distinct free TCP ports on 127.0.0.1 (bound to port 0 at once, then released).
    #>
    [CmdletBinding()]
    [OutputType([int])]
    param([ValidateRange(1, 64)][int]$Count = 1)
    $listeners = [Collections.Generic.List[Net.Sockets.TcpListener]]::new()
    try {
        for ($i = 0; $i -lt $Count; $i++) {
            $l = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $l.Start(); $listeners.Add($l)
        }
        foreach ($l in $listeners) { ([Net.IPEndPoint]$l.LocalEndpoint).Port }
    } finally { foreach ($l in $listeners) { $l.Stop() } }
}

function New-TestCertificateAuthority {
    <#
    .SYNOPSIS
    Creates a fresh test CA (EC P-256, valid 2 days) as <Path>/ca.crt and <Path>/ca.key.
    .DESCRIPTION
    Start the process that runs the tests with MAILTOOLS_TEST_CA=<Path> (servers are signed by
    it) and SSL_CERT_FILE=<Path>/ca.crt (.NET on Linux then trusts it, and only it, as a root).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$Path,
        [string]$CommonName = "MailTools Test CA $(Get-Date -Format 'yyyy-MM-dd HH:mm:ss') $(New-RandomText 6)"
    )
    $Path = [IO.Path]::GetFullPath($Path)
    $null = New-Item -ItemType Directory -Force -Path $Path
    $cnf = Join-Path $Path 'openssl.cnf'
    Write-OpenSslConfig $cnf
    $crt = Join-Path $Path 'ca.crt'; $key = Join-Path $Path 'ca.key'
    $null = Invoke-Native 'openssl' @('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
        '-keyout', $key, '-out', $crt, '-days', '2', '-sha256', '-subj', "/O=MailTools tests/CN=$CommonName",
        '-config', $cnf, '-extensions', 'ca')
    [pscustomobject]@{
        PSTypeName      = 'MailTools.TestCertificateAuthority'
        Path            = $Path
        CertificatePath = $crt
        KeyPath         = $key
        Thumbprint      = Get-CertificateThumbprint $crt
    }
}

function Start-TestMailServer {
    <#
    .SYNOPSIS
    Starts a private Dovecot (IMAP+POP3, STARTTLS and implicit TLS) on free loopback ports.
    .DESCRIPTION
    Users get the password "pw-<user>-<8 random chars>" and a Maildir with the special-use folders
    Sent, Drafts, Trash, Junk, Archive (auto = subscribe); -Profile fills them with the seeder
    (tests/TestServer/Seeder; $env:MAILTOOLS_SEEDER or out/tools/Seeder, built on demand).
    The certificate is signed by the CA in $env:MAILTOOLS_TEST_CA, or by a CA made in the server
    folder when that is unset. A LOGIN without TLS is refused (see the deny passdb below).
    Set $env:MAILTOOLS_KEEP_FAILED_SERVER=1 to keep the folder of a server that failed to start.
    .OUTPUTS
    MailTools.TestMailServer: Name, Root, ConfigPath, LogPath, Host ('127.0.0.1'), HostName
    ('localhost'), ImapPort (STARTTLS), ImapsPort (TLS), Pop3Port (STARTTLS), Pop3sPort (TLS), SubmissionPort (STARTTLS) and SubmissionsPort (TLS) with -Submission,
    CaCertificatePath, CertificatePath, CertificateThumbprint (SHA-1, upper-case hex),
    UntrustedCertificate, Tls, Users (UserName, Password, Credential, Home, MailDir, Seeded = the
    seeder's manifest entry: messages, bytes, virtualBytes, folders[], edgeCases[]), MailUid,
    MailGid, MailUser, Profile, Seed, SeedSummary, SeedSeconds, StartSeconds.
    Ports of a protocol switched off (-NoImap, -NoPop3, -NoTls) are $null.
    .EXAMPLE
    $server = Start-TestMailServer -Users alice, bob -Profile Small
    try { ... } finally { Stop-TestMailServer $server }
    #>
    [CmdletBinding()]
    param(
        [ValidatePattern('^[a-z0-9][a-z0-9._-]*$')][string[]]$Users = @('alice'),
        [ValidateSet('None', 'Small', 'Demo', 'Edge', 'Bench', 'Scale', 'ScaleCheck', 'Scale5k', 'Scale50k')][string]$Profile = 'None',
        [int]$Seed = 1,
        [string]$ImapCapability,
        [switch]$NoImap,
        [switch]$NoPop3,
        [ValidatePattern('^\d+[kKMG%]?$')][string]$Quota,
        [switch]$UntrustedCertificate,
        # Dovecot counts loopback clients as "secured" and would accept LOGIN without TLS;
        # by default the harness refuses that (see the deny passdb). This switch allows it.
        [switch]$AllowPlaintextAuth,
        # No TLS at all (ssl = no): plain IMAP/POP3 ports only, STARTTLS not offered, plaintext LOGIN accepted.
        [switch]$NoTls,
        [string]$ExtraConfig,
        # OAuth2 (passdb oauth2, JWTs validated locally): an object from New-TestOAuth2Key (SigningKey, KeyId) plus
        # -OAuth2Audience (the token's aud must be it) and -OAuth2Mechanisms (what the server offers).
        [object]$OAuth2,
        [string]$OAuth2Audience = 'https://outlook.office.com',
        [ValidateSet('xoauth2', 'oauthbearer', 'xoauth2 oauthbearer')][string]$OAuth2Mechanisms = 'xoauth2 oauthbearer',
        [ValidateRange(1, 300)][int]$TimeoutSeconds = 20,
        # Extra DNS names on the server certificate (besides localhost and 127.0.0.1).
        [ValidatePattern('^[a-z0-9*][a-z0-9.-]*$')][string[]]$CertificateName,
        # Also Dovecot's SMTP submission service (STARTTLS and implicit TLS) for the same users, relaying to
        # 127.0.0.1:-SubmissionRelayPort (a sink the test runs; the relay is never reached without a message).
        [switch]$Submission,
        [ValidateRange(1, 65535)][int]$SubmissionRelayPort = 9,
        [string]$SubmissionMaxSize = '10M'
    )
    if ($Submission -and $NoTls) { throw '-Submission needs TLS (submission refuses AUTH without it).' }
    if ($NoImap -and $NoPop3) { throw '-NoImap and -NoPop3 together leave nothing to serve.' }
    $Users = @($Users | Select-Object -Unique)
    $started = [Diagnostics.Stopwatch]::StartNew()
    $dovecot = Find-Program 'dovecot'
    $id = Get-MailIdentity
    $name = 'mtd-' + (New-RandomText 8)
    $root = Join-Path ([IO.Path]::GetTempPath()) $name
    $null = New-Item -ItemType Directory -Path $root
    $ok = $false
    try {
        if ($id.IsRoot) { $null = Invoke-Native 'chmod' @('755', $root) }  # mail uid must reach its home
        foreach ($d in 'run', 'state', 'log', 'mail', 'ssl') { $null = New-Item -ItemType Directory -Path (Join-Path $root $d) }

        # Certificates
        $caDir = $env:MAILTOOLS_TEST_CA
        if ($caDir -and -not (Test-Path (Join-Path $caDir 'ca.key'))) { throw "MAILTOOLS_TEST_CA=$caDir has no ca.crt/ca.key (make it with New-TestCertificateAuthority)." }
        if (-not $caDir) { $caDir = (New-TestCertificateAuthority -Path (Join-Path $root 'ca')).Path }
        $cert = if ($NoTls) { $null } else { New-ServerCertificate -Dir (Join-Path $root 'ssl') -CaPath $caDir -SelfSigned:$UntrustedCertificate -ExtraNames $CertificateName }

        # Users: passwd-file with plaintext passwords (tests grep the log for them).
        $userObjects = foreach ($u in $Users) {
            $password = "pw-$u-$(New-RandomText 8)"
            $userHome = Join-Path $root "mail/$u"
            $mailDir = Join-Path $userHome 'Maildir'
            New-MaildirFolder $mailDir 'INBOX'
            foreach ($f in $script:SpecialUse.Keys) { New-MaildirFolder $mailDir $f }
            [pscustomobject]@{
                UserName   = $u
                Password   = $password
                Credential = [pscredential]::new($u, (ConvertTo-SecureString $password -AsPlainText -Force))
                Home       = $userHome
                MailDir    = $mailDir
                Seeded     = $null
            }
        }
        $passwd = Join-Path $root 'passwd'
        ($userObjects | ForEach-Object { "$($_.UserName):{PLAIN}$($_.Password):$($id.MailUid):$($id.MailGid)::$($_.Home)::" }) -join "`n" |
            Set-Content -LiteralPath $passwd -Encoding utf8NoBOM
        $denyFile = Join-Path $root 'deny-insecure'
        Set-Content -LiteralPath $denyFile -Value 'secured:::::::' -Encoding utf8NoBOM

        # Seed before Dovecot starts: it indexes the Maildirs on first access.
        $seedSeconds = 0.0
        $seedSummary = $null
        if ($Profile -ne 'None') {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $seedSummary = Invoke-Seeding -Users $userObjects -Profile $Profile.ToLowerInvariant() -Seed $Seed -Root $root
            $seedSeconds = $sw.Elapsed.TotalSeconds
        }
        if ($id.IsRoot) { $null = Invoke-Native 'chown' @('-R', "$($id.MailUid):$($id.MailGid)", (Join-Path $root 'mail')) }

        $configPath = Join-Path $root 'dovecot.conf'
        $logPath = Join-Path $root 'log/dovecot.log'
        $server = $null
        for ($attempt = 1; ; $attempt++) {
            # Ports are only reserved until we release them, so retry if another process grabs one.
            $ports = @(Get-TestFreePort -Count 6)
            $p = @{ Imap = $ports[0]; Imaps = $ports[1]; Pop3 = $ports[2]; Pop3s = $ports[3]; Submission = $ports[4]; Submissions = $ports[5] }
            $protocols = @(); if (-not $NoImap) { $protocols += 'imap' }; if (-not $NoPop3) { $protocols += 'pop3' }
            if ($Submission) { $protocols += 'submission' }

            $conf = [Text.StringBuilder]::new()
            $null = $conf.Append(@"
# Generated by tests/TestServer/MailTestServer.psm1: a throw-away Dovecot for the MailTools tests.
instance_name = $name
base_dir = $root/run
state_dir = $root/state
protocols = $($protocols -join ' ')
listen = 127.0.0.1
log_path = $logPath
log_timestamp = "%Y-%m-%d %H:%M:%S "
auth_verbose = yes

$(if ($NoTls) { 'ssl = no' } else { "ssl = yes`nssl_cert = <$($cert.CertificatePath)`nssl_key = <$($cert.KeyPath)`nssl_min_protocol = TLSv1.2" })
disable_plaintext_auth = $(if ($NoTls) { 'no' } else { 'yes' })
auth_mechanisms = plain login$(if ($OAuth2) { " $OAuth2Mechanisms" })
# Tests try wrong passwords on purpose: no 2 s failure delay, and no anvil auth penalty (below).
auth_failure_delay = 0

default_internal_user = $($id.InternalUser)
default_internal_group = $($id.InternalGroup)
default_login_user = $($id.LoginUser)
first_valid_uid = $($id.MailUid)
last_valid_uid = 0
first_valid_gid = $([Math]::Min(1, $id.MailGid))
mail_location = maildir:~/Maildir
mail_max_userip_connections = 200
# No stats process connections: a login process still starting when the server is stopped would
# otherwise wait 5 s for the (gone) stats-writer and log an error.
stats_writer_socket_path =

namespace inbox {
  inbox = yes
  separator = /

"@)
            foreach ($f in $script:SpecialUse.Keys) {
                $null = $conf.Append("  mailbox $f {`n    special_use = $($script:SpecialUse[$f])`n    auto = subscribe`n  }`n")
            }
            $null = $conf.Append("}`n`n")
            if (-not $AllowPlaintextAuth -and -not $NoTls) {
                $null = $conf.Append(@"
# Dovecot treats a client whose IP equals the server's (all of loopback here) as "secured" and
# would allow LOGIN without TLS despite disable_plaintext_auth. %{secured} is "secured" for such
# a connection and "TLS" after STARTTLS/implicit TLS, so this passdb refuses the former.
passdb {
  driver = passwd-file
  args = username_format=%{secured} $denyFile
  deny = yes
}

"@)
            }
            if ($OAuth2) {
                # Dovecot checks the tokens itself: HS256 JWTs, key from a dict the harness writes (the identity
                # provider signs with the same key); `scope` is compared with the token's aud (it has no scope claim).
                $keyDir = Join-Path $root 'oauth2-keys'
                $keyFile = Join-Path $keyDir "default/HS256/$($OAuth2.KeyId)"
                $null = New-Item -ItemType Directory -Force -Path (Split-Path $keyFile)
                [IO.File]::WriteAllText($keyFile, $OAuth2.SigningKey)
                if ($id.IsRoot) { $null = Invoke-Native 'chmod' @('-R', 'a+rX', $keyDir) }
                $oauthConf = Join-Path $root 'dovecot-oauth2.conf.ext'
                [IO.File]::WriteAllText($oauthConf, "introspection_mode = local`nlocal_validation_key_dict = fs:posix:prefix=$keyDir/`nclient_id = $OAuth2Audience`nusername_attribute = email`nusername_format = %Lu`n")
                $null = $conf.Append("passdb {`n  driver = oauth2`n  mechanisms = $OAuth2Mechanisms`n  args = $oauthConf`n}`n`n")
            }
            $null = $conf.Append(@"
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $passwd
}

service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

"@)
            if (-not $id.IsRoot) {
                $null = $conf.Append("# Not root: no chroot, every service as the current user.`nservice anvil {`n  chroot =`n}`n")
                foreach ($s in 'imap-login', 'pop3-login') { $null = $conf.Append("service $s {`n  chroot =`n}`n") }
                if ($Submission) { $null = $conf.Append("service submission-login {`n  chroot =`n}`n") }
            }
            # Every inet_listener gets an explicit port: without one Dovecot would also bind 993/995.
            if (-not $NoImap) {
                $tlsListener = if ($NoTls) { "  inet_listener imaps {`n    port = 0`n  }`n" } else { "  inet_listener imaps {`n    port = $($p.Imaps)`n    ssl = yes`n  }`n" }
                $null = $conf.Append("service imap-login {`n  inet_listener imap {`n    port = $($p.Imap)`n  }`n$tlsListener}`n")
            }
            if (-not $NoPop3) {
                $tlsListener = if ($NoTls) { "  inet_listener pop3s {`n    port = 0`n  }`n" } else { "  inet_listener pop3s {`n    port = $($p.Pop3s)`n    ssl = yes`n  }`n" }
                $null = $conf.Append("service pop3-login {`n  inet_listener pop3 {`n    port = $($p.Pop3)`n  }`n$tlsListener}`n")
            }
            if ($Submission) {
                $null = $conf.Append(@"

hostname = localhost
submission_relay_host = 127.0.0.1
submission_relay_port = $SubmissionRelayPort
submission_max_mail_size = $SubmissionMaxSize
service submission-login {
  inet_listener submission {
    port = $($p.Submission)
  }
  inet_listener submissions {
    port = $($p.Submissions)
    ssl = yes
  }
}

"@)
            }
            if ($ImapCapability) { $null = $conf.Append("`nimap_capability = $ImapCapability`n") }
            if ($Quota) {
                # The count backend needs quota_vsizes: quota is measured in virtual (CRLF) sizes.
                $null = $conf.Append(@"

mail_plugins = `$mail_plugins quota
protocol imap {
  mail_plugins = `$mail_plugins imap_quota
}
plugin {
  quota = count:User quota
  quota_rule = *:storage=$Quota
  quota_vsizes = yes
}

"@)
            }
            if ($ExtraConfig) { $null = $conf.Append("`n# -ExtraConfig`n$ExtraConfig`n") }
            [IO.File]::WriteAllText($configPath, $conf.ToString(), $script:Utf8)

            # dovecot daemonises; its stderr goes to a file because the daemon inherits the fd.
            $startLog = Join-Path $root 'log/start.log'
            $r = Invoke-Native '/bin/sh' @('-c', 'exec "$0" -c "$1" >"$2" 2>&1', $dovecot, $configPath, $startLog) -AllowFailure
            $startError = $null
            if ($r.ExitCode -ne 0) {
                $startError = "dovecot exited with $($r.ExitCode): $(Get-Content -Raw -LiteralPath $startLog)"
            } else {
                $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
                try {
                    $all = @()
                    if (-not $NoImap) { $all += $p.Imap; if (-not $NoTls) { $all += $p.Imaps } }
                    if (-not $NoPop3) { $all += $p.Pop3; if (-not $NoTls) { $all += $p.Pop3s } }
                    if ($Submission) { $all += $p.Submission, $p.Submissions }
                    foreach ($port in $all) { Wait-Port $port $deadline }
                    if (-not $NoImap) { Wait-Greeting $p.Imap 'imap' $deadline }
                    if (-not $NoPop3) { Wait-Greeting $p.Pop3 'pop3' $deadline }
                } catch { $startError = "$_" }
            }
            $server = [pscustomobject]@{
                PSTypeName            = 'MailTools.TestMailServer'
                Name                  = $name
                Root                  = $root
                ConfigPath            = $configPath
                LogPath               = $logPath
                Host                  = '127.0.0.1'
                HostName              = 'localhost'
                ImapPort              = if ($NoImap) { $null } else { $p.Imap }
                ImapsPort             = if ($NoImap -or $NoTls) { $null } else { $p.Imaps }
                Pop3Port              = if ($NoPop3) { $null } else { $p.Pop3 }
                Pop3sPort             = if ($NoPop3 -or $NoTls) { $null } else { $p.Pop3s }
                SubmissionPort        = if ($Submission) { $p.Submission } else { $null }
                SubmissionsPort       = if ($Submission) { $p.Submissions } else { $null }
                CaCertificatePath     = Join-Path $caDir 'ca.crt'
                CertificatePath       = if ($cert) { $cert.CertificatePath } else { $null }
                CertificateThumbprint = if ($cert) { Get-CertificateThumbprint $cert.CertificatePath } else { $null }
                UntrustedCertificate  = [bool]$UntrustedCertificate
                Tls                   = -not $NoTls
                Users                 = @($userObjects)
                MailUid               = $id.MailUid
                MailGid               = $id.MailGid
                MailUser              = $id.MailUser
                Profile               = $Profile
                Seed                  = $Seed
                SeedSummary           = $seedSummary
                SeedSeconds           = [Math]::Round($seedSeconds, 2)
                StartSeconds          = 0.0
            }
            if (-not $startError) { break }
            $log = Get-LogTail $logPath
            # Stop whatever did start before retrying or giving up (keeps the folder).
            foreach ($pidToKill in @(Get-DovecotProcessId $server)) { try { [Diagnostics.Process]::GetProcessById($pidToKill).Kill() } catch { } }
            if ($attempt -lt 3 -and "$startError`n$log" -match 'Address already in use') { Remove-Item -Force -Recurse "$root/run/*"; continue }
            throw "Dovecot test server did not start within $TimeoutSeconds s: $startError`n--- $logPath (last lines) ---`n$log"
        }
        Start-Watchdog $server
        $server.StartSeconds = [Math]::Round($started.Elapsed.TotalSeconds, 2)
        $script:Servers.Add($server)
        $ok = $true
        $server
    } finally {
        if (-not $ok) {
            $probe = [pscustomobject]@{ Name = $name; ConfigPath = Join-Path $root 'dovecot.conf' }
            foreach ($pidToKill in @(Get-DovecotProcessId $probe)) { try { [Diagnostics.Process]::GetProcessById($pidToKill).Kill() } catch { } }
            if (-not $env:MAILTOOLS_KEEP_FAILED_SERVER) { Remove-Item -Recurse -Force -LiteralPath $root -ErrorAction Ignore }
        }
    }
}

function Stop-TestMailServer {
    <#
    .SYNOPSIS
    Stops the server's Dovecot (master and every child), then deletes its folder unless -Keep.
    Safe to call twice.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)][object]$Server,
        [switch]$Keep
    )
    process {
        $pids = @(Get-DovecotProcessId $Server)
        if ($pids.Count -gt 0) {
            # SIGTERM to the master ourselves: `doveadm stop` waits until the master's pid is gone,
            # which takes seconds here because PID 1 reaps the exited (zombie) master slowly.
            $master = @($pids | Where-Object {
                    try { [IO.File]::ReadAllText("/proc/$_/cmdline").Contains("`0$($Server.ConfigPath)") } catch { $false } })
            foreach ($m in $(if ($master) { $master } else { $pids })) { $null = Invoke-Native 'kill' @('-TERM', "$m") -AllowFailure }
            # A login process caught mid-start (say, by a connection just before this) waits 5 s
            # for services that are going away, and the master waits for it: end the children too.
            Start-Sleep -Milliseconds 200
            $children = @(Get-DovecotProcessId $Server | Where-Object { $master -notcontains $_ })
            if ($children) { $null = Invoke-Native 'kill' (@('-TERM') + @($children | ForEach-Object { "$_" })) -AllowFailure }
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while (($pids = @(Get-DovecotProcessId $Server)).Count -gt 0 -and [datetime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 50
            }
            foreach ($pidToKill in $pids) {
                Write-Warning "Dovecot process $pidToKill of $($Server.Name) ignored SIGTERM; killing it."
                try { [Diagnostics.Process]::GetProcessById($pidToKill).Kill() } catch { }
            }
            $deadline = [datetime]::UtcNow.AddSeconds(5)
            while (@(Get-DovecotProcessId $Server).Count -gt 0 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        }
        Stop-Watchdog $Server
        $null = $script:Servers.Remove($Server)
        if (-not $Keep -and (Test-Path -LiteralPath $Server.Root)) {
            Remove-Item -LiteralPath $Server.Root -Recurse -Force
        }
    }
}

function Invoke-TestDoveadm {
    <#
    .SYNOPSIS
    Runs `doveadm -c <server config> <args>`; returns stdout lines, throws with stderr on failure.
    .EXAMPLE
    Invoke-TestDoveadm $server -f tab fetch -u alice 'uid flags' mailbox INBOX all
    #>
    # Deliberately not an advanced function: doveadm's own options (-f, -u, -A...) land in $args
    # instead of being taken for PowerShell parameters.
    param($Server)
    if (-not $Server -or -not $Server.ConfigPath) { throw 'Invoke-TestDoveadm: pass the object from Start-TestMailServer first.' }
    $Arguments = @($args | ForEach-Object { $_ } | ForEach-Object { "$_" })   # also accepts one array
    $r = Invoke-Native (Find-Program 'doveadm') (@('-c', $Server.ConfigPath) + $Arguments) -AllowFailure
    if ($r.ExitCode -ne 0) {
        throw "doveadm $($Arguments -join ' ') failed (exit $($r.ExitCode)): $($r.StdErr.Trim())"
    }
    if ($r.StdOut.Length -gt 0) { $r.StdOut.TrimEnd("`n").Split("`n") }
}

function Get-TestDefaultImapCapability {
    <#
    .SYNOPSIS
    The post-login IMAP CAPABILITY list (space-separated, as Dovecot sends it) of a harness server
    started without -ImapCapability; measured once on a throw-away server, then cached. Handy for
    building an -ImapCapability that leaves one extension out.
    .EXAMPLE
    $noListStatus = ((Get-TestDefaultImapCapability) -split ' ' | Where-Object { $_ -ne 'LIST-STATUS' }) -join ' '
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    if ($script:DefaultImapCapability) { return $script:DefaultImapCapability }
    $probe = Start-TestMailServer -Users 'capprobe' -NoPop3
    try {
        # A pre-authenticated imap process greets with "* PREAUTH [CAPABILITY ...]": no login needed.
        # (It does not apply imap_capability, so this only works for the default list.)
        $r = Invoke-Native (Find-Program 'doveadm') @('-c', $probe.ConfigPath, 'exec', 'imap', '-u', 'capprobe') -InputBytes ([Text.Encoding]::ASCII.GetBytes("a LOGOUT`r`n"))
    } finally { Stop-TestMailServer $probe }
    if ($r.StdOut -notmatch '\[CAPABILITY ([^\]]+)\]') { throw "No CAPABILITY in the imap greeting: $($r.StdOut)" }
    $script:DefaultImapCapability = $Matches[1]
    $script:DefaultImapCapability
}

function Get-TestMailboxStatus {
    <#
    .SYNOPSIS
    Mailbox counters straight from Dovecot (not via IMAP).
    .DESCRIPTION
    VSize is Dovecot's virtual size: the sum of the messages' RFC822.SIZE as IMAP reports them
    (and STATUS=SIZE's SIZE), i.e. CRLF line ends. The on-disk (LF) size is smaller.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][object]$Server,
        [Parameter(Mandatory)][string]$User,
        [string]$Mailbox = '*'
    )
    $null = Resolve-User $Server $User
    $lines = @(Invoke-TestDoveadm $Server -f tab mailbox status -u $User 'messages unseen vsize uidvalidity uidnext' $Mailbox)
    if ($lines.Count -lt 2) { return }
    $head = $lines[0].Split("`t")
    foreach ($line in $lines[1..($lines.Count - 1)]) {
        $v = $line.Split("`t")
        $h = @{}; for ($i = 0; $i -lt $head.Count; $i++) { $h[$head[$i]] = $v[$i] }
        [pscustomobject]@{
            PSTypeName  = 'MailTools.TestMailboxStatus'
            User        = $User
            Mailbox     = $h['mailbox']
            Messages    = [long]$h['messages']
            Unseen      = [long]$h['unseen']
            VSize       = [long]$h['vsize']
            UidValidity = [long]$h['uidvalidity']
            UidNext     = [long]$h['uidnext']
        }
    }
}

function Add-TestMessage {
    <#
    .SYNOPSIS
    Puts one message into a user's mailbox the way a delivery agent would (Maildir tmp/ -> cur/),
    with the given flags and INTERNALDATE; creates the mailbox if missing. Returns its UID.
    .DESCRIPTION
    CRLF line ends are stored as LF like Dovecot's own saves do; -Raw stores the bytes untouched.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(Mandatory)][object]$Server,
        [Parameter(Mandatory)][string]$User,
        [string]$Mailbox = 'INBOX',
        [Parameter(Mandatory, ParameterSetName = 'Path')][string]$Path,
        [Parameter(Mandatory, ParameterSetName = 'Bytes')][byte[]]$Bytes,
        [string]$Flags = '',
        [datetime]$Date = [datetime]::Now,
        [switch]$Raw
    )
    $null = Resolve-User $Server $User
    if ($PSCmdlet.ParameterSetName -eq 'Path') { $Bytes = [IO.File]::ReadAllBytes((Resolve-Path -LiteralPath $Path).ProviderPath) }
    if (-not $Raw) {
        $ms = [IO.MemoryStream]::new($Bytes.Length)
        for ($i = 0; $i -lt $Bytes.Length; $i++) {
            if ($Bytes[$i] -eq 13 -and $i + 1 -lt $Bytes.Length -and $Bytes[$i + 1] -eq 10) { continue }
            $ms.WriteByte($Bytes[$i])
        }
        $Bytes = $ms.ToArray()
    }

    $dir = (Invoke-TestDoveadm $Server mailbox path -u $User $Mailbox | Select-Object -First 1).Trim()
    if (-not (Test-Path -LiteralPath (Join-Path $dir 'cur'))) { $null = Invoke-TestDoveadm $Server mailbox create -u $User $Mailbox }

    $letters = @{ '\Draft' = 'D'; '\Flagged' = 'F'; '\Answered' = 'R'; '\Seen' = 'S'; '\Deleted' = 'T' }
    $sys = [Collections.Generic.List[char]]::new(); $keywords = @()
    foreach ($f in ($Flags -split '\s+' | Where-Object { $_ })) {
        $key = $letters.Keys | Where-Object { $_ -eq $f } | Select-Object -First 1   # case-insensitive match
        if ($key) { $sys.Add([char]$letters[$key]) } else { $keywords += $f }
    }
    $flagText = -join ($sys | Sort-Object -Unique -CaseSensitive)
    $unix = [DateTimeOffset]::new($Date.ToUniversalTime()).ToUnixTimeSeconds()
    $script:DropCounter++
    $micro = [Diagnostics.Stopwatch]::GetTimestamp() % 1000000
    $base = '{0}.M{1}P{2}Q{3}.mailtools-test,S={4},W={5}' -f $unix, $micro, $PID, $script:DropCounter, $Bytes.Length, (Get-VirtualSize $Bytes)
    $tmpFile = Join-Path $dir "tmp/$base"
    [IO.File]::WriteAllBytes($tmpFile, $Bytes)
    [IO.File]::SetLastWriteTimeUtc($tmpFile, $Date.ToUniversalTime())   # Maildir INTERNALDATE = mtime
    if ((Get-CurrentUid) -eq 0) { $null = Invoke-Native 'chown' @("$($Server.MailUid):$($Server.MailGid)", $tmpFile) }
    $final = Join-Path $dir "cur/${base}:2,$flagText"
    [IO.File]::Move($tmpFile, $final)

    $uid = [long](@(Invoke-TestDoveadm $Server -f tab fetch -u $User uid mailbox $Mailbox guid $base)[1])
    if ($keywords) { $null = Invoke-TestDoveadm $Server flags add -u $User ($keywords -join ' ') mailbox $Mailbox uid "$uid" }
    [pscustomobject]@{
        PSTypeName  = 'MailTools.TestMessage'
        User        = $User
        Mailbox     = $Mailbox
        Uid         = $uid
        Path        = $final
        Size        = $Bytes.LongLength
        VirtualSize = Get-VirtualSize $Bytes
        Flags       = $Flags
        Date        = $Date
    }
}

# Never leave a Dovecot behind: Remove-Module stops this session's servers; the watchdog
# (Start-Watchdog) covers a pwsh that exits or dies without stopping them.
$ExecutionContext.SessionState.Module.OnRemove = { Stop-AllTestMailServers }

Export-ModuleMember -Function Get-TestFreePort, New-TestCertificateAuthority, Start-TestMailServer, Stop-TestMailServer,
    Invoke-TestDoveadm, Get-TestMailboxStatus, Add-TestMessage, Get-TestDefaultImapCapability, New-TestServerCertificate
