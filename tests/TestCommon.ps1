# Dot-sourced by every Pester file (in BeforeAll): the built module, the Dovecot harness and small helpers.
$script:RepoRoot = if ($env:MAILTOOLS_REPO_ROOT) { $env:MAILTOOLS_REPO_ROOT } else { Split-Path $PSScriptRoot }
$script:ModulePath = if ($env:MAILTOOLS_MODULE) { $env:MAILTOOLS_MODULE } else { Join-Path $RepoRoot 'out/MailTools/MailTools.psd1' }
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot 'TestServer/MailTestServer.psm1') -Force

function Get-ModuleAssemblyPath {
    # Where the built module keeps an assembly for this PowerShell: net8.0/Dependencies on 7 (MailTools' private load
    # context), netstandard2.0 on 5.1, the module folder itself in the old flat layout. Tests that use MailKit directly
    # load this copy into the default context: theirs, not MailTools'.
    param([Parameter(Mandatory)] [string] $Name)
    $base = Split-Path $ModulePath
    $folders = if ($PSEdition -eq 'Core') { 'net8.0/Dependencies', '' } else { 'netstandard2.0', '' }
    $folders | ForEach-Object { [IO.Path]::Combine($base, $_, $Name) } | Where-Object { Test-Path $_ } | Select-Object -First 1
}

function Read-ModuleManifest {
    # The built manifest as a hashtable. Import-PowerShellDataFile refuses it: RootModule and NestedModules choose the
    # build for the running edition with an `if ($PSEdition …)`, which manifests allow (Microsoft.WinGet.Client does
    # the same) but plain data files do not.
    param([string] $Path = $ModulePath)
    & ([scriptblock]::Create((Get-Content $Path -Raw)))
}

function Get-FreshPwshCommand {
    # The pwsh running these tests, started again (a dotnet tool runs as `dotnet pwsh.dll`).
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return @($process, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($process)
}

function Invoke-FreshPwsh {
    # Runs a command in a brand-new pwsh and returns its output lines (stdout and stderr). -NonInteractive (how
    # scheduled tasks run) unless -Interactive; -Environment sets variables for the child only ($null removes one).
    param([Parameter(Mandatory)] [string] $Command, [switch] $Interactive, [hashtable] $Environment = @{})
    $pwsh = @(Get-FreshPwshCommand)
    $exe = $pwsh[0]
    $prefix = @($pwsh | Select-Object -Skip 1)
    $flags = @('-NoProfile') + $(if ($Interactive) { @() } else { @('-NonInteractive') })
    $saved = @{}
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    try { $output = & $exe @prefix @flags -Command $Command 2>&1 }
    finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
    return @($output | ForEach-Object { "$_" })
}

function Get-SecretForms {
    # The password as it could leak: plain, and inside the SASL PLAIN / LOGIN blobs MailKit would send.
    param([Parameter(Mandatory)] [string] $UserName, [Parameter(Mandatory)] [string] $Password)
    $utf8 = [Text.Encoding]::UTF8
    @(
        $Password
        [Convert]::ToBase64String($utf8.GetBytes("`0$UserName`0$Password"))
        [Convert]::ToBase64String($utf8.GetBytes("$UserName`0$UserName`0$Password"))
        [Convert]::ToBase64String($utf8.GetBytes($Password))
    )
}

function Connect-TestSession {
    # Connects a test user over IMAP TLS (validated against the run's CA) unless told otherwise.
    param(
        [Parameter(Mandatory)] $Server,
        [int] $UserIndex = 0,
        [ValidateSet('Imap', 'Pop3')] [string] $Protocol = 'Imap',
        [switch] $StartTls,
        [hashtable] $Extra = @{}
    )
    $user = $Server.Users[$UserIndex]
    $port = switch ($Protocol) {
        'Imap' { if ($StartTls) { $Server.ImapPort } else { $Server.ImapsPort } }
        'Pop3' { if ($StartTls) { $Server.Pop3Port } else { $Server.Pop3sPort } }
    }
    $security = if ($StartTls) { 'StartTls' } else { 'SslOnConnect' }
    Connect-MailServer -Server $Server.Host -Port $port -Protocol $Protocol -Security $security -Credential $user.Credential @Extra
}

function Get-ExportTree {
    # Export-Mailbox writes one tree per account under -Path; this is that account's tree.
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] $Session)
    [MailTools.Core.Export.MailboxExporter]::AccountRoot($Path, $Session)
}

function Invoke-TestImapFolder {
    # Opens one folder read-only with a separate MailKit client (not MailTools), runs the block with it, logs out.
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [scriptblock] $ScriptBlock, [int] $UserIndex = 0)
    $client = [MailKit.Net.Imap.ImapClient]::new()
    $client.CheckCertificateRevocation = $false   # the test CA publishes no CRL
    try {
        $client.Connect($Server.Host, $Server.ImapsPort, [MailKit.Security.SecureSocketOptions]::SslOnConnect)
        $client.Authenticate($Server.Users[$UserIndex].Credential.GetNetworkCredential())
        $f = $client.GetFolder($Folder)
        $null = $f.Open([MailKit.FolderAccess]::ReadOnly)
        & $ScriptBlock $f
    } finally { if ($client.IsConnected) { $client.Disconnect($true) }; $client.Dispose() }
}

function Get-ServerMessageHash {
    # SHA-256 of BODY[] of every message in one folder, read by a MailKit client of the test's own (not MailTools').
    param([Parameter(Mandatory)] $Server, [int] $UserIndex = 0, [string] $Folder = 'INBOX')
    Invoke-TestImapFolder -Server $Server -UserIndex $UserIndex -Folder $Folder {
        param($mailbox)
        $sha = [Security.Cryptography.SHA256]::Create()
        foreach ($uid in $mailbox.Search([MailKit.Search.SearchQuery]::All)) {
            $stream = $mailbox.GetStream($uid, '')
            try { [Convert]::ToHexString($sha.ComputeHash($stream)).ToLowerInvariant() } finally { $stream.Dispose() }
        }
    }
}

function Get-FileHashList {
    # SHA-256 of every file under a folder matching a filter, lower-case, sorted: to compare with Get-ServerMessageHash.
    param([Parameter(Mandatory)] [string] $Path, [string] $Filter = '*.eml')
    @(Get-ChildItem $Path -Recurse -File -Filter $Filter | Get-FileHash -Algorithm SHA256 | ForEach-Object { $_.Hash.ToLowerInvariant() }) | Sort-Object
}

# Tests read servers with MailKit of their own (on PowerShell 7 the module's copy lives in its private load context,
# out of reach by type name): this loads the same build into the test's default context.
Add-Type -Path (Get-ModuleAssemblyPath 'MailKit.dll')
