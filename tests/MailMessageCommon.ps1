# Dot-sourced (in BeforeAll) by the Get-MailMessage, Remove-/Move-MailMessage and Invoke-MailCleanup tests: ways to put
# messages into a test Dovecot and to read the folders back through doveadm, so results are proved by listing the
# folders, never by trusting MailTools' own counters.
. $PSScriptRoot/TestCommon.ps1
# The module loads MailKit only when a cmdlet first needs it; the helpers below use it directly.
Add-Type -Path (Get-ModuleAssemblyPath 'MailKit.dll')

function Add-Mail {
    param($Server, $User, $Mailbox = 'INBOX', [string] $Subject, [int] $DaysOld, [string] $Flags = '', [int] $Pad = 0)
    $date = (Get-Date).AddDays(-$DaysOld)
    $text = "From: Sender <sender@example.com>`r`nTo: $User@example.com`r`nSubject: $Subject`r`nDate: $($date.ToUniversalTime().ToString('r'))`r`nMessage-ID: <$Subject.$([guid]::NewGuid().ToString('N'))@test>`r`n`r`nHello`r`n" + ('x' * $Pad)
    Add-TestMessage -Server $Server -User $User -Mailbox $Mailbox -Bytes ([Text.Encoding]::ASCII.GetBytes($text)) -Flags $Flags -Date $date
}

function Get-DoveUids($Server, $User, $Mailbox) {
    # UIDs as Dovecot itself lists them.
    @(Invoke-TestDoveadm $Server -f tab fetch -u $User uid mailbox $Mailbox all | Select-Object -Skip 1 | ForEach-Object { [long]$_ })
}

function Get-DoveSubjects($Server, $User, $Mailbox) {
    @(Invoke-TestDoveadm $Server -f tab fetch -u $User hdr.subject mailbox $Mailbox all | Select-Object -Skip 1 | ForEach-Object { $_.Trim() } | Sort-Object)
}

function Get-DoveFlags($Server, $User, $Mailbox, $Uid) {
    (@(Invoke-TestDoveadm $Server -f tab fetch -u $User flags mailbox $Mailbox uid $Uid))[1]
}

function Get-Snapshot($Server, $User) {
    (Get-TestMailboxStatus -Server $Server -User $User | Sort-Object Mailbox | ForEach-Object { "$($_.Mailbox)=$($_.Messages)/$($_.UidNext)" }) -join ';'
}

function New-TestImapClient {
    # A plain MailKit client that validates the server certificate against the run's CA (as MailTools does).
    param($Server)
    $client = [MailKit.Net.Imap.ImapClient]::new()
    $ca = $Server.CaCertificatePath
    $client.ServerCertificateValidationCallback = {
        param($sender, $certificate, $chain, $errors)
        if ($errors -eq [Net.Security.SslPolicyErrors]::None) { return $true }
        if (-not $ca) { return $false }
        $custom = [Security.Cryptography.X509Certificates.X509Chain]::new()
        $custom.ChainPolicy.TrustMode = [Security.Cryptography.X509Certificates.X509ChainTrustMode]::CustomRootTrust
        $custom.ChainPolicy.RevocationMode = [Security.Cryptography.X509Certificates.X509RevocationMode]::NoCheck
        $null = $custom.ChainPolicy.CustomTrustStore.Add([Security.Cryptography.X509Certificates.X509Certificate2]::new($ca))
        $ok = $custom.Build([Security.Cryptography.X509Certificates.X509Certificate2]::new($certificate))
        # Only chain errors may be forgiven by the custom root; a name mismatch never is.
        $ok -and (($errors -band [Net.Security.SslPolicyErrors]::RemoteCertificateNameMismatch) -eq 0)
    }.GetNewClosure()
    $client
}

function Get-ServerBodyHashes {
    # SHA-256 of each message's BODY[] as the server sends it, read with a separate MailKit client (not MailTools),
    # keyed by UID: what an archived copy must equal.
    param($Server, [int] $UserIndex, [string] $Mailbox = 'INBOX')
    $user = $Server.Users[$UserIndex]
    $client = New-TestImapClient $Server
    try {
        $client.Connect($Server.Host, $Server.ImapsPort, [MailKit.Security.SecureSocketOptions]::SslOnConnect)
        $client.Authenticate($user.Credential.UserName, $user.Credential.GetNetworkCredential().Password)
        $folder = $client.GetFolder($Mailbox)
        $null = $folder.Open([MailKit.FolderAccess]::ReadOnly)
        $hashes = @{}
        foreach ($uid in $folder.Search([MailKit.Search.SearchQuery]::All)) {
            $stream = $folder.GetStream($uid)
            try { $hashes[[long]$uid.Id] = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($stream)) } finally { $stream.Dispose() }
        }
        $hashes
    }
    finally { $client.Disconnect($true); $client.Dispose() }
}

function Get-FileHashHex([string] $Path) {
    [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([IO.File]::ReadAllBytes($Path)))
}

# Many tiny messages written straight into a Maildir's cur/ (Add-TestMessage runs doveadm twice per message, far too
# slow for thousands): shuffled with a fixed seed, INTERNALDATE (the file's mtime) old for odd numbers and new for even
# ones, or all old with -AllOld. Compiled once: a PowerShell loop over 100,000 files costs tens of seconds by itself.
if (-not ('MailToolsTests.BulkMaildir' -as [type])) {
    Add-Type -TypeDefinition @'
namespace MailToolsTests {
    public static class BulkMaildir {
        public static void Write(string dir, int first, int count, int seed, System.DateTime oldTime, System.DateTime newTime, bool allOld) {
            var rng = new System.Random(seed);
            var order = new int[count];
            for (int i = 0; i < count; i++) order[i] = first + i;
            for (int i = count - 1; i > 0; i--) { int j = rng.Next(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
            foreach (int i in order) {
                var bytes = System.Text.Encoding.ASCII.GetBytes("Subject: m" + i + "\nMessage-ID: <m" + i + "@bulk>\n\nx\n");
                string name = System.IO.Path.Combine(dir, "cur", string.Format("{0}.M{1}P1.bulk,S={2},W={3}:2,", 1600000000 + i, i, bytes.Length, bytes.Length + 4));
                System.IO.File.WriteAllBytes(name, bytes);
                System.IO.File.SetLastWriteTimeUtc(name, allOld || (i % 2) == 1 ? oldTime : newTime);
            }
        }
    }
}
'@
}

function Add-BulkMail {
    param($Server, [string] $User, [string] $Mailbox = 'INBOX', [int] $Count, [int] $First = 0, [int] $Seed = 6851, [switch] $AllOld)
    $dir = (Invoke-TestDoveadm $Server mailbox path -u $User $Mailbox | Select-Object -First 1).Trim()
    if (-not (Test-Path -LiteralPath (Join-Path $dir 'cur'))) { $null = Invoke-TestDoveadm $Server mailbox create -u $User $Mailbox }
    [MailToolsTests.BulkMaildir]::Write($dir, $First, $Count, $Seed, (Get-Date).AddDays(-800).ToUniversalTime(), (Get-Date).AddDays(-2).ToUniversalTime(), [bool]$AllOld)
    if ((& id -u) -eq '0') { & chown -R "$($Server.MailUid):$($Server.MailGid)" $dir }
    # Let Dovecot index the new files now, outside whatever the test times.
    $null = Invoke-TestDoveadm $Server index -u $User $Mailbox
}
