# Shared by Cleanup.Bench.ps1 and Scale.Bench.ps1 (dot-sourced; not a benchmark itself): imapfilter and MailTools
# clean-ups run as whole processes, and the commands they send. They read the caller's $folders and $work.

function New-ImapfilterConfig([int] $Port, [string] $UserName) {
    # The same rule as Invoke-MailCleanup -OlderThan 365 -Action Delete -IncludeFlagged: INTERNALDATE, whole days.
    $path = Join-Path $work "imapfilter-$Port.lua"
    $list = ($folders | ForEach-Object { "'$_'" }) -join ', '
    @"
options.timeout = 120
options.info = false
local account = IMAP {
    server = 'localhost',
    port = $Port,
    username = '$UserName',
    password = os.getenv('BENCH_PASSWORD'),
    ssl = 'auto',
}
for _, name in ipairs({ $list }) do
    account[name]:is_older(365):delete_messages()
end
"@ | Set-Content -LiteralPath $path -Encoding utf8NoBOM
    $path
}

function Invoke-Imapfilter([int] $Port, [string] $UserName, [string] $DebugLog) {
    # -t: the run's CA is the trust store, so imapfilter validates the certificate (and never asks interactively).
    $arguments = @('-c', (New-ImapfilterConfig $Port $UserName), '-t', $ca)
    if ($DebugLog) { $arguments += @('-d', $DebugLog) }
    Invoke-TimedProcess -FilePath (Get-Command imapfilter).Source -ArgumentList $arguments
}

function Get-ImapCommandCount([string] $Path, [string] $Tool) {
    # Tagged client commands only (continuation lines of a literal are not commands), split into the work done inside
    # folders (SELECT/EXAMINE and what follows them: SEARCH, STORE, EXPUNGE, FETCH, MOVE, COPY, CLOSE, STATUS) and the
    # rest (log-in, NAMESPACE, LIST, LOGOUT, CAPABILITY, NOOP: once per connection, whatever the folders hold).
    $lines = @(Get-Content -LiteralPath $Path)
    if ($Tool -eq 'MailTools') {
        # MailKit's protocol log: "<time> C: A00000007 UID SEARCH ..."; further connections log beside it ("x.conn2.log").
        $siblings = Get-ChildItem -LiteralPath (Split-Path $Path) -Filter "$([IO.Path]::GetFileNameWithoutExtension($Path)).conn*$([IO.Path]::GetExtension($Path))"
        $lines += @($siblings | ForEach-Object { Get-Content -LiteralPath $_.FullName })
        $sent = @($lines | ForEach-Object { if ($_ -match '(?:^|\s)C: [A-Za-z0-9]+ ([A-Za-z]+)') { $Matches[1].ToUpperInvariant() } })
    } else {
        # imapfilter's debug log: "sending command (N):", a blank line, then "1005 SELECT ...".
        $sent = @(for ($i = 0; $i -lt $lines.Count; $i++) {
                if ($lines[$i] -match '^\s*sending command') {
                    $next = @($lines[($i + 1)..([Math]::Min($i + 3, $lines.Count - 1))] | Where-Object { $_ -match '^\S+ [A-Za-z]' } | Select-Object -First 1)
                    if ($next -and $next[0] -match '^\S+ ([A-Za-z]+)') { $Matches[1].ToUpperInvariant() } else { 'UNKNOWN' }
                }
            })
    }
    $folderWork = @($sent | Where-Object { $_ -in 'SELECT', 'EXAMINE', 'UID', 'SEARCH', 'STORE', 'EXPUNGE', 'FETCH', 'MOVE', 'COPY', 'CLOSE', 'UNSELECT', 'STATUS' }).Count
    [pscustomobject]@{ Total = $sent.Count; Folder = $folderWork; Other = $sent.Count - $folderWork }
}

function Get-FolderCounts($Server, [string] $UserName) {
    $h = @{}
    foreach ($f in $folders) { $h[$f] = (Get-TestMailboxStatus -Server $Server -User $UserName -Mailbox $f).Messages }
    $h
}

function Invoke-MailToolsCleanupProcess([int] $Port, [string] $UserName, [string] $ProtocolLog, [int] $ConnectionCount = 2) {
    # A fresh pwsh: Import-Module, Connect-MailServer, then the clean-up, each timed inside; the whole process outside.
    # Besides wall-clock, each step's CPU time (user+sys of the process) and methods JIT-compiled: figures a busy
    # machine does not distort, for judging cold-start work (ReadyToRun, fewer first-use costs).
    $log = if ($ProtocolLog) { " -ProtocolLogPath '$ProtocolLog'" } else { '' }
    $folderList = ($folders | ForEach-Object { "'$_'" }) -join ','
    $command = "`$p = [Diagnostics.Process]::GetCurrentProcess(); `$sw = [Diagnostics.Stopwatch]::StartNew(); " +
        "`$mark = { `$p.Refresh(); , @(`$sw.Elapsed.TotalSeconds, `$p.TotalProcessorTime.TotalSeconds, [System.Runtime.JitInfo]::GetCompiledMethodCount(`$false)) }; " +
        "`$m0 = & `$mark; Import-Module '$script:BenchModule'; `$m1 = & `$mark; " +
        "`$c = [pscredential]::new('$UserName', (ConvertTo-SecureString `$env:BENCH_PASSWORD -AsPlainText -Force)); `$m1b = & `$mark; " +
        "`$null = Connect-MailServer -Server localhost -Port $Port -Security SslOnConnect -Credential `$c$log; `$m2 = & `$mark; " +
        "Invoke-MailCleanup -Folder $folderList -OlderThan 365 -Action Delete -IncludeFlagged -Force -ConnectionCount $ConnectionCount -ErrorAction Stop | Out-Null; `$m3 = & `$mark; " +
        "`$steps = @(@(`$m0, `$m1), @(`$m1b, `$m2), @(`$m2, `$m3)); " +
        "'BENCH ' + ((0..2 | ForEach-Object { `$i = `$_; `$steps | ForEach-Object { [string]::Format([Globalization.CultureInfo]::InvariantCulture, '{0}', `$_[1][`$i] - `$_[0][`$i]) } }) -join ' ')"
    $r = Invoke-BenchPwsh -Command $command
    $line = Get-Content $r.LogPath | Where-Object { $_ -like 'BENCH *' } | Select-Object -Last 1
    if (-not $line) { throw "The MailTools clean-up did not finish; its output:`n$((Get-Content $r.LogPath -Tail 30) -join "`n")" }
    $f = @($line -split ' ' | Select-Object -Skip 1 | ForEach-Object { [double]::Parse($_, [Globalization.CultureInfo]::InvariantCulture) })
    [pscustomobject]@{
        Seconds = $r.Seconds; Import = $f[0]; Connect = $f[1]; InProcess = $f[2]
        ImportCpu = $f[3]; ConnectCpu = $f[4]; InProcessCpu = $f[5]; ImportJit = $f[6]; ConnectJit = $f[7]; InProcessJit = $f[8]
    }
}

