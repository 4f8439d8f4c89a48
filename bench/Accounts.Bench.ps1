<#
.SYNOPSIS
    Issue 6, acceptance 4: 8 accounts × 2,000 messages cleaned one after the other vs with ForEach-Object -Parallel
    -ThrottleLimit 8 (each runspace imports the module and connects itself), on loopback and at 20 ms RTT.
#>
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
. (Join-Path $PSScriptRoot 'BenchServer.ps1')
Import-Module $script:BenchModule -Force
$section = Start-BenchSection -Name Accounts -Title 'Accounts: 8 accounts cleaned one after the other vs in parallel'

$accountCount = 8
$perAccount = if ($script:BenchCheck) { 200 } else { 2000 }
$folders = 'INBOX', 'Archive'

function Write-BenchMessages($Server, $User, [int] $Count, [int] $Seed) {
    # Small plain messages straight into Maildir cur/ (a delivery agent's way), half in each folder, INTERNALDATE
    # (the file time) spread evenly over the last two years: about half are older than 365 days.
    $random = [Random]::new($Seed)
    $now = [DateTimeOffset]::UtcNow
    for ($i = 0; $i -lt $Count; $i++) {
        $folder = $folders[$i % $folders.Count]
        $dir = if ($folder -eq 'INBOX') { $User.MailDir } else { Join-Path $User.MailDir ".$folder" }
        $date = $now.AddMinutes(-$random.Next(2 * 365 * 24 * 60))
        $text = "From: Sender $i <sender$i@example.com>`nTo: $($User.UserName)@example.com`nSubject: Message $i for $($User.UserName)`nDate: $($date.ToString('r'))`nMessage-ID: <$($User.UserName).$i@bench.example>`n`nBody of message $i.`n$('x' * $random.Next(200, 2000))`n"
        $file = Join-Path $dir ("cur/{0}.M{1}P{2}.mailtools-bench:2,S" -f $date.ToUnixTimeSeconds(), $i, $Seed)
        [IO.File]::WriteAllText($file, $text)
        [IO.File]::SetLastWriteTimeUtc($file, $date.UtcDateTime)
    }
}

$server = $null; $proxy = $null
try {
    $names = 1..$accountCount | ForEach-Object { 'acct{0}' -f $_ }
    $server = Start-TestMailServer -Users $names -TimeoutSeconds 60
    $seedIndex = 0
    foreach ($u in $server.Users) { Write-BenchMessages $server $u $perAccount (++$seedIndex) }
    if ((& id -u) -eq '0') { & chown -R "$($server.MailUid):$($server.MailGid)" (Join-Path $server.Root 'mail') }
    Stop-TestMailServer -Server $server -Keep
    Save-MailboxSnapshot $server
    Restore-MailboxSnapshot $server
    $total = ($server.Users | ForEach-Object { $u = $_; $folders | ForEach-Object { (Get-TestMailboxStatus -Server $server -User $u.UserName -Mailbox $_).Messages } } | Measure-Object -Sum).Sum
    $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs $script:BenchDelayMs
    $networks = [ordered]@{ loopback = $server.ImapsPort; '20 ms RTT' = $proxy.Port }
    $accounts = @($server.Users | ForEach-Object { [pscustomobject]@{ UserName = $_.UserName; Credential = $_.Credential } })

    $modes = [ordered]@{
        sequential = {
            param($Port)
            foreach ($a in $accounts) {
                $s = Connect-MailServer -Server localhost -Port $Port -Security SslOnConnect -Credential $a.Credential
                Invoke-MailCleanup -Session $s -Folder $folders -OlderThan 365 -Action Delete -IncludeFlagged -Force -ErrorAction Stop | Out-Null
                Disconnect-MailServer -Session $s
            }
        }
        'ForEach-Object -Parallel -ThrottleLimit 8' = {
            param($Port)
            $module = $script:BenchModule; $f = $folders
            $accounts | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:module
                $s = Connect-MailServer -Server localhost -Port $using:Port -Security SslOnConnect -Credential $_.Credential
                Invoke-MailCleanup -Session $s -Folder $using:f -OlderThan 365 -Action Delete -IncludeFlagged -Force -ErrorAction Stop | Out-Null
                Disconnect-MailServer -Session $s
            }
        }
    }
    $series = @{}; $deleted = @{}
    foreach ($net in $networks.Keys) {
        $timed = [ordered]@{}
        foreach ($name in $modes.Keys) {
            $timed[$name] = { param($Run, $Mode)
                $sw = [Diagnostics.Stopwatch]::StartNew()
                & $modes[$Mode] $networks[$net]
                $seconds = $sw.Elapsed.TotalSeconds
                if ($Run -eq 1 -and $net -eq 'loopback') {
                    $left = ($server.Users | ForEach-Object { $u = $_; $folders | ForEach-Object { (Get-TestMailboxStatus -Server $server -User $u.UserName -Mailbox $_).Messages } } | Measure-Object -Sum).Sum
                    $deleted[$Mode] = $total - $left
                }
                $seconds }
        }
        $series[$net] = Measure-Interleaved -Label "accounts $net, " -Tools $timed -BeforeEach { Restore-MailboxSnapshot $server }
    }
}
finally {
    if ($proxy) { Stop-TestFaultProxy $proxy }
    if ($server) { Stop-TestMailServer $server }
}
$parallel = 'ForEach-Object -Parallel -ThrottleLimit 8'
$rows = foreach ($net in $networks.Keys) {
    $s = Get-Stat $series[$net]['sequential']; $p = Get-Stat $series[$net][$parallel]
    "| $net | $(Format-Stat $s) | $(Format-Stat $p) | $(if ($p.Median -gt 0) { '{0:N2}×' -f ($s.Median / $p.Median) } else { 'n/a' }) |"
}

$markdown = @"
## Accounts: 8 accounts cleaned one after the other vs in parallel (issue 6)

Measured with ``./build.ps1 Bench`` (``bench/Accounts.Bench.ps1``) on $(Get-MachineLine). One Dovecot 2.3 with $accountCount accounts × $perAccount messages
($total in all; half in INBOX, half in Archive, arrival dates spread over two years). Each account: ``Connect-MailServer``
(TLS to ``localhost``, certificate validated), ``Invoke-MailCleanup -Folder INBOX,Archive -OlderThan 365 -Action Delete
-IncludeFlagged -Force``, ``Disconnect-MailServer``. Sequential: one ``foreach`` in a pwsh with MailTools loaded. Parallel:
``ForEach-Object -Parallel -ThrottleLimit 8``, each runspace running ``Import-Module`` and connecting itself. The
mailboxes are restored (Dovecot stopped, pristine Maildir tree copied back) before every run; the modes interleaved;
median (min–max, runs).
Deleted per run: $($deleted['sequential']) (sequential), $($deleted[$parallel]) (parallel).

| network | sequential | parallel (8 runspaces) | speed-up |
|---|---|---|---|
$($rows -join "`n")

The machine has $([Environment]::ProcessorCount) cores shared by Dovecot, the proxy and pwsh, so on loopback (CPU-bound) the
gain is bounded by the cores; at 20 ms RTT the accounts' round trips overlap.
"@
Complete-BenchSection -Section $section -Markdown $markdown
