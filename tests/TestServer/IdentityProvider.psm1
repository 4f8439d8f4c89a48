# Starts the test identity provider (tests/TestServer/IdentityProvider): Microsoft's sign-in endpoints on loopback over
# TLS from the run's CA, issuing HS256 JWTs that a Dovecot started with -OAuth2 validates with the same key.
Import-Module (Join-Path $PSScriptRoot 'HelperProcess.psm1')
$script:Project = Join-Path $PSScriptRoot 'IdentityProvider/MailTools.IdentityProvider.csproj'
$script:Providers = [Collections.Generic.List[object]]::new()

function Get-IdentityProviderPath {
    if ($env:MAILTOOLS_IDP) { return $env:MAILTOOLS_IDP }
    $repo = Split-Path (Split-Path $PSScriptRoot)
    $dll = Join-Path $repo 'out/tools/IdentityProvider/MailTools.IdentityProvider.dll'
    if (-not (Test-Path $dll)) {
        $output = & dotnet build $script:Project -c Release -o (Split-Path $dll) --nologo -v q -clp:ErrorsOnly 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Building $script:Project failed: $($output -join "`n")" }
    }
    $dll
}

function New-TestOAuth2Key {
    <# .SYNOPSIS
    A fresh HMAC key (SigningKey, base64) and its KeyId, shared by Start-TestIdentityProvider and Start-TestMailServer -OAuth2. #>
    [pscustomobject]@{ SigningKey = [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(32)); KeyId = 'mailtools-test' }
}

function Start-TestIdentityProvider {
    <#
    .SYNOPSIS
    Starts the identity provider on a free 127.0.0.1 port; returns Url, Port, Authority host, Process, Root.
    .DESCRIPTION
    -Apps: hashtables @{ ClientId; ClientSecret; CertificatePath (public .cer/.pem); Mailboxes = @('alice') }.
    Google (under /google): -GoogleClients @{ clientId; clientSecret } (Desktop app clients), -ServiceAccounts
    @{ clientEmail; publicKeyPath (PEM); delegatedScopes = @('https://mail.google.com/') }; New-TestGoogleClientFiles
    writes the JSON files Google.Apis.Auth reads. A browser sent to an authorize URL gets -BrowserUser's consent.
    The device code is approved as -DeviceCodeUser after -PendingPolls polls. Tokens live -LifetimeSeconds.
    Point MailTools at it with $env:MAILTOOLS_MSAL_AUTHORITY_HOST = $idp.Url (set before the pwsh that uses it
    starts, or in it: MSAL reads it at each connect).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][object]$Key,
        [string]$DeviceCodeUser = 'alice',
        [int]$PendingPolls = 2,
        [int]$LifetimeSeconds = 3600,
        [hashtable[]]$Apps = @(),
        [string]$BrowserUser = 'alice',
        [hashtable[]]$GoogleClients = @(),
        [hashtable[]]$ServiceAccounts = @(),
        [ValidateRange(1, 300)][int]$TimeoutSeconds = 60
    )
    $caDir = $env:MAILTOOLS_TEST_CA
    if (-not $caDir) { throw 'Start-TestIdentityProvider needs MAILTOOLS_TEST_CA (the run CA that SSL_CERT_FILE trusts).' }
    $root = Join-Path ([IO.Path]::GetTempPath()) ('mtidp-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $root
    $cert = New-TestServerCertificate -Path (Join-Path $root 'ssl') -CaPath $caDir
    $config = [ordered]@{
        certificatePath = $cert.CertificatePath; keyPath = $cert.KeyPath
        signingKey = $Key.SigningKey; keyId = $Key.KeyId
        deviceCodeUser = $DeviceCodeUser; pendingPolls = $PendingPolls; accessTokenLifetimeSeconds = $LifetimeSeconds
        apps = @($Apps)
        browserUser = $BrowserUser; googleClients = @($GoogleClients); serviceAccounts = @($ServiceAccounts)
    }
    $configPath = Join-Path $root 'config.json'
    $config | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $configPath -Encoding utf8NoBOM
    $started = Start-PortReportingProcess -Arguments @((Get-IdentityProviderPath), '--config', $configPath, '--parent-pid', "$PID") -TimeoutSeconds $TimeoutSeconds -What 'identity provider'
    $idp = [pscustomobject]@{
        PSTypeName = 'MailTools.TestIdentityProvider'
        Url        = "https://127.0.0.1:$($started.Port)"
        Port       = $started.Port
        TenantId   = '11111111-2222-3333-4444-555555555555'
        Process    = $started.Process
        Root       = $root
    }
    $script:Providers.Add($idp)
    $idp
}

function Invoke-TestIdentityProvider {
    <# .SYNOPSIS
    The provider's test-only admin calls: Issued (tokens handed out: grant, user, audience, times; never the token),
    Requests (paths called), Revoke (every refresh token), Lifetime -Seconds N (for tokens issued from now on). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][object]$Provider, [Parameter(Mandatory)][ValidateSet('Issued', 'Requests', 'Revoke', 'Lifetime')][string]$Action, [int]$Seconds)
    # Invoke-RestMethod writes a JSON array as one object; the items go down the pipeline one by one.
    switch ($Action) {
        'Issued' { foreach ($item in (Invoke-RestMethod "$($Provider.Url)/admin/issued")) { $item } }
        'Requests' { foreach ($item in (Invoke-RestMethod "$($Provider.Url)/admin/requests")) { $item } }
        'Revoke' { $null = Invoke-RestMethod -Method Post "$($Provider.Url)/admin/revoke" }
        'Lifetime' { $null = Invoke-RestMethod -Method Post "$($Provider.Url)/admin/lifetime/$Seconds" }
    }
}

function New-TestAccessToken {
    <# .SYNOPSIS
    A JWT shaped like the provider's, signed with -Key: for tokens no provider would hand out (expired, foreign key). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][object]$Key, [Parameter(Mandatory)][string]$User,
        [string]$Audience = 'https://outlook.office.com', [int]$ExpiresInSeconds = 600)
    $b64 = { param($bytes) [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    $iat = [Math]::Min($now, $now + $ExpiresInSeconds - 60)
    $header = @{ alg = 'HS256'; typ = 'JWT'; kid = $Key.KeyId } | ConvertTo-Json -Compress
    $body = [ordered]@{ sub = $User; email = $User; aud = $Audience; iat = $iat; nbf = $iat; exp = $now + $ExpiresInSeconds } | ConvertTo-Json -Compress
    $data = (& $b64 ([Text.Encoding]::UTF8.GetBytes($header))) + '.' + (& $b64 ([Text.Encoding]::UTF8.GetBytes($body)))
    $hmac = [Security.Cryptography.HMACSHA256]::new([Convert]::FromBase64String($Key.SigningKey))
    try { $data + '.' + (& $b64 $hmac.ComputeHash([Text.Encoding]::ASCII.GetBytes($data))) } finally { $hmac.Dispose() }
}

function New-TestGoogleServiceAccount {
    <# .SYNOPSIS
    A service account's RSA key pair: the public half as PEM in -Directory (for -ServiceAccounts), the private half
    kept on the object until Write-TestGoogleCredentialFile puts it in the account's JSON key. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$Directory, [string]$ClientEmail = 'mailtools-test@mailtools-test.iam.gserviceaccount.com',
        [string[]]$DelegatedScopes = @('https://mail.google.com/'))
    $rsa = [Security.Cryptography.RSA]::Create(2048)
    $publicPath = Join-Path $Directory ('sa-' + [Guid]::NewGuid().ToString('N').Substring(0, 6) + '.pub.pem')
    [IO.File]::WriteAllText($publicPath, $rsa.ExportSubjectPublicKeyInfoPem())
    [pscustomobject]@{
        ClientEmail = $ClientEmail; PublicKeyPath = $publicPath; PrivateKeyPem = $rsa.ExportPkcs8PrivateKeyPem()
        Registration = @{ clientEmail = $ClientEmail; publicKeyPath = $publicPath; delegatedScopes = @($DelegatedScopes) }
    }
}

function Write-TestGoogleCredentialFile {
    <# .SYNOPSIS
    Writes the JSON Google's console hands out, pointing at -Provider: an installed app's client_secret.json
    (-ClientId/-ClientSecret) or a service account key (-ServiceAccount from New-TestGoogleServiceAccount). #>
    [CmdletBinding(DefaultParameterSetName = 'Installed')]
    param([Parameter(Mandatory)][object]$Provider, [Parameter(Mandatory)][string]$Path,
        [Parameter(Mandatory, ParameterSetName = 'Installed')][string]$ClientId, [Parameter(Mandatory, ParameterSetName = 'Installed')][string]$ClientSecret,
        [Parameter(Mandatory, ParameterSetName = 'Service')][object]$ServiceAccount)
    $json = if ($PSCmdlet.ParameterSetName -eq 'Installed') {
        @{ installed = [ordered]@{
                client_id = $ClientId; project_id = 'mailtools-test'; client_secret = $ClientSecret
                auth_uri = "$($Provider.Url)/google/o/oauth2/v2/auth"; token_uri = "$($Provider.Url)/google/token"
                redirect_uris = @('http://localhost') } }
    } else {
        [ordered]@{ type = 'service_account'; project_id = 'mailtools-test'; private_key_id = 'test'; private_key = $ServiceAccount.PrivateKeyPem
            client_email = $ServiceAccount.ClientEmail; client_id = '100000000000000000001'
            auth_uri = "$($Provider.Url)/google/o/oauth2/v2/auth"; token_uri = "$($Provider.Url)/google/token" }
    }
    $json | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $Path -Encoding utf8NoBOM
    Get-Item -LiteralPath $Path
}

function Stop-TestIdentityProvider {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)][object]$Provider)
    process {
        try { if (-not $Provider.Process.HasExited) { $Provider.Process.Kill(); $null = $Provider.Process.WaitForExit(10000) } } catch [InvalidOperationException] { }
        $null = $script:Providers.Remove($Provider)
        Remove-Item -LiteralPath $Provider.Root -Recurse -Force -ErrorAction Ignore
    }
}

$ExecutionContext.SessionState.Module.OnRemove = { foreach ($p in @($script:Providers)) { try { Stop-TestIdentityProvider $p } catch { } } }

Export-ModuleMember -Function New-TestOAuth2Key, New-TestAccessToken, New-TestGoogleServiceAccount, Write-TestGoogleCredentialFile, Start-TestIdentityProvider, Invoke-TestIdentityProvider, Stop-TestIdentityProvider
