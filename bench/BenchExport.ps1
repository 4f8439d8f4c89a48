# Shared by Export.Bench.ps1 and Scale.Bench.ps1 (dot-sourced; not a benchmark itself): the export tools, each run
# as a whole process. They read the caller's $user, $work and $ca.

function New-MbsyncConfig([int] $Port, [string] $Target) {
    $rc = Join-Path $work "mbsyncrc-$Port"
    @"
IMAPAccount bench
Host localhost
Port $Port
User $($user.UserName)
PassCmd "printenv BENCH_PASSWORD"
SSLType IMAPS
CertificateFile $ca

IMAPStore remote
Account bench

MaildirStore local
Path $Target/
Inbox $Target/INBOX
SubFolders Verbatim

Channel bench
Far :remote:
Near :local:
Patterns *
Create Near
Sync Pull
SyncState *
"@ | Set-Content -LiteralPath $rc -Encoding utf8NoBOM
    $rc
}

function New-OfflineimapConfig([int] $Port, [string] $Target) {
    $rc = Join-Path $work "offlineimaprc-$Port"
    New-Item -ItemType Directory -Force -Path "$Target/mail", "$Target/meta" | Out-Null
    @"
[general]
accounts = bench
metadata = $Target/meta
ui = quiet

[Account bench]
localrepository = local
remoterepository = remote

[Repository local]
type = Maildir
localfolders = $Target/mail

[Repository remote]
type = IMAP
remotehost = localhost
remoteport = $Port
remoteuser = $($user.UserName)
remotepasseval = __import__('os').environ['BENCH_PASSWORD']
ssl = yes
sslcacertfile = $ca
readonly = True
"@ | Set-Content -LiteralPath $rc -Encoding utf8NoBOM
    $rc
}

function Get-MaildirMessageCount([string] $Root) {
    @(Get-ChildItem -LiteralPath $Root -Recurse -File -Force | Where-Object { $_.Directory.Name -in 'cur', 'new' }).Count
}

function Get-ExportTools {
    # Each tool exports the whole account into a fresh folder: name -> { param($Port, $Target) } timed as a whole process.
    [ordered]@{
        mbsync               = { param($Port, $Target) $rc = New-MbsyncConfig $Port $Target; New-Item -ItemType Directory -Path $Target | Out-Null
            Invoke-TimedProcess -FilePath (Get-Command mbsync).Source -ArgumentList @('-q', '-c', $rc, 'bench') }
        offlineimap          = { param($Port, $Target) $rc = New-OfflineimapConfig $Port $Target
            Invoke-TimedProcess -FilePath (Get-Command offlineimap).Source -ArgumentList @('-c', $rc, '-u', 'quiet') }
        'Export-Mailbox Maildir' = { param($Port, $Target)
            Invoke-BenchPwsh -Command "$(Get-ConnectLine $Port $user.UserName); Export-Mailbox -Path '$Target' -Format Maildir -ErrorAction Stop | Out-Null" }
        'Export-Mailbox Mbox'    = { param($Port, $Target)
            Invoke-BenchPwsh -Command "$(Get-ConnectLine $Port $user.UserName); Export-Mailbox -Path '$Target' -Format Mbox -ErrorAction Stop | Out-Null" }
        # The default is 4 connections; these two show what one and two give at each round-trip time.
        'Export-Mailbox Maildir, 1 connection' = { param($Port, $Target)
            Invoke-BenchPwsh -Command "$(Get-ConnectLine $Port $user.UserName); Export-Mailbox -Path '$Target' -Format Maildir -ConnectionCount 1 -ErrorAction Stop | Out-Null" }
        'Export-Mailbox Maildir, 2 connections' = { param($Port, $Target)
            Invoke-BenchPwsh -Command "$(Get-ConnectLine $Port $user.UserName); Export-Mailbox -Path '$Target' -Format Maildir -ConnectionCount 2 -ErrorAction Stop | Out-Null" }
    }
}
