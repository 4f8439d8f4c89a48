# Google sign-in with Google.Apis.Auth against real parts: the test identity provider plays Google's authorization and
# token endpoints (found through auth_uri/token_uri in the client_secret.json and the service account key, as in
# production), Dovecot 2.3 (passdb oauth2) checks every token it issues, and the browser step is done by a stand-in
# xdg-open on PATH (tests/TestServer/FakeBrowser) that follows the consent redirects over HTTP.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestServer/IdentityProvider.psm1') -Force

    $script:key = New-TestOAuth2Key
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('mtgoogle-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $work
    $script:clientSecret = 'GOCSPX-' + [Guid]::NewGuid().ToString('N')
    $script:delegated = New-TestGoogleServiceAccount -Directory $work
    $script:undelegated = New-TestGoogleServiceAccount -Directory $work -ClientEmail 'readonly@mailtools-test.iam.gserviceaccount.com' -DelegatedScopes 'https://www.googleapis.com/auth/gmail.readonly'
    $script:idp = Start-TestIdentityProvider -Key $key -BrowserUser alice -LifetimeSeconds 60 `
        -GoogleClients @(@{ clientId = 'desktop.apps.googleusercontent.com'; clientSecret = $clientSecret }) `
        -ServiceAccounts @($delegated.Registration, $undelegated.Registration)
    $script:clientFile = (Write-TestGoogleCredentialFile -Provider $idp -Path (Join-Path $work 'client_secret.json') -ClientId 'desktop.apps.googleusercontent.com' -ClientSecret $clientSecret).FullName
    $script:keyFile = (Write-TestGoogleCredentialFile -Provider $idp -Path (Join-Path $work 'sa-key.json') -ServiceAccount $delegated).FullName
    $script:readonlyKeyFile = (Write-TestGoogleCredentialFile -Provider $idp -Path (Join-Path $work 'sa-readonly.json') -ServiceAccount $undelegated).FullName
    # The same account name with another private key: what a stale or forged key file looks like to Google.
    $forged = New-TestGoogleServiceAccount -Directory $work -ClientEmail $delegated.ClientEmail
    $script:forgedKeyFile = (Write-TestGoogleCredentialFile -Provider $idp -Path (Join-Path $work 'sa-forged.json') -ServiceAccount $forged).FullName
    $env:MAILTOOLS_CONFIG = Join-Path $work 'config/accounts.json'
    # Google's tokens are for https://mail.google.com/ (the audience Dovecot is told to expect).
    $script:server = Start-TestMailServer -Users alice, bob -OAuth2 $key -OAuth2Audience 'https://mail.google.com'
    $script:connect = "-Server 127.0.0.1 -Port $($server.ImapsPort) -Security SslOnConnect"
    $script:cache = Join-Path $work 'tokens/google.cache'
    $script:browserLog = Join-Path $work 'browser.log'
    $fakeBrowser = Join-Path $PSScriptRoot 'TestServer/FakeBrowser'
    # A desktop: the stand-in browser first on PATH. No D-Bus session: no keyring, as on a server.
    $script:desktop = @{ PATH = "$fakeBrowser$([IO.Path]::PathSeparator)$env:PATH"; MAILTOOLS_FAKE_BROWSER_LOG = $browserLog; DBUS_SESSION_BUS_ADDRESS = $null; BROWSER = $null }
    $script:noBrowser = @{ DBUS_SESSION_BUS_ADDRESS = $null }
    function Get-Requests([string]$Like) { @(Invoke-TestIdentityProvider $idp Requests | Where-Object { $_ -like $Like }) }
    function Get-Issued([string]$Grant) { @(Invoke-TestIdentityProvider $idp Issued | Where-Object grant -eq $Grant) }
}

AfterAll {
    Get-MailSession | Disconnect-MailServer
    if ($server) { Stop-TestMailServer $server }
    if ($idp) { Stop-TestIdentityProvider $idp }
    Remove-Item Env:MAILTOOLS_CONFIG -ErrorAction Ignore
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}

Describe 'Google installed-app sign-in (browser consent, loopback redirect, refresh token kept)' {
    It 'opens the browser, receives the code on the loopback port, and the mailbox opens over OAUTHBEARER' {
        $out = Invoke-FreshPwsh -Interactive -Environment $desktop "Import-Module '$ModulePath'; `$s = Connect-MailServer $connect -UserName alice -GoogleClientSecretPath '$clientFile' -TokenCachePath '$cache' -Verbose; (Get-MailFolder -Session `$s -Name INBOX).Name"
        $out | Should -Contain 'INBOX'
        ($out -join "`n") | Should -Match 'Opening the browser to sign in to Google as alice'
        Get-Requests 'GET /google/o/oauth2/v2/auth' | Should -HaveCount 1
        Get-Issued 'google:authorization_code' | Should -HaveCount 1
        (Get-Content -Raw $browserLog) | Should -Match 'visited /google/o/oauth2/v2/auth -> 200 http://(127\.0\.0\.1|localhost):\d+/authorize/' -Because 'the browser ended on the library''s loopback receiver'
        (Get-Content -Raw $server.LogPath) | Should -Match 'user=<alice>, method=OAUTHBEARER'
        (Get-Item $cache).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') -Because 'the refresh token is in a file only its owner can read (mode 600)'
    }

    It 'a second, non-interactive pwsh signs in silently with the kept refresh token (no browser)' {
        $authorizeBefore = (Get-Requests 'GET /google/o/oauth2/v2/auth').Count
        $out = Invoke-FreshPwsh -Environment $desktop "Import-Module '$ModulePath'; `$s = Connect-MailServer $connect -UserName alice -GoogleClientSecretPath '$clientFile' -TokenCachePath '$cache'; (Get-MailFolder -Session `$s -Name INBOX).Name"
        $out | Should -Contain 'INBOX'
        (Get-Requests 'GET /google/o/oauth2/v2/auth').Count | Should -Be $authorizeBefore
        (Get-Issued 'google:refresh_token').Count | Should -BeGreaterThan 0
    }

    It 'a saved account records method, client id and scopes (no secret); Test-MailAccount and Compare-MailProtocol sign in silently' {
        Register-MailAccount -Name gmail -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName alice -GoogleClientSecretPath $clientFile -Scope 'https://mail.google.com/' -TokenCachePath $cache
        $saved = Get-MailAccount -Name gmail
        $saved.SignIn | Should -Be 'GoogleInstalledApp'
        $saved.ClientId | Should -Be 'desktop.apps.googleusercontent.com'
        $saved.Scopes | Should -Be 'https://mail.google.com/'
        $text = Get-Content -Raw $env:MAILTOOLS_CONFIG
        $text | Should -Not -Match ([regex]::Escape($clientSecret))
        ($text | ConvertFrom-Json).accounts[0].signIn | Should -Be 'googleInstalledApp'
        $out = Invoke-FreshPwsh -Environment $noBrowser "Import-Module '$ModulePath'; (Test-MailAccount -Name gmail).Success; (Compare-MailProtocol -Account gmail -ErrorAction Stop | Measure-Object).Count -gt 0"
        $out | Should -Contain 'True'
        @($out | Where-Object { $_ -eq 'True' }).Count | Should -Be 2 -Because "both commands signed in: $($out -join ' | ')"
    }

    It 'without a keyring and without -TokenCachePath: a warning, and the sign-in is kept in memory only' {
        $out = Invoke-FreshPwsh -Interactive -Environment $desktop "Import-Module '$ModulePath'; Connect-MailServer $connect -UserName alice -GoogleClientSecretPath '$clientFile' 3>&1 | ForEach-Object { if (`$_ -is [Management.Automation.WarningRecord]) { 'WARNING: ' + `$_.Message } else { 'SESSION: ' + `$_.UserName } }; Get-ChildItem (Split-Path `$env:MAILTOOLS_CONFIG) -Filter '*google*' | ForEach-Object Name"
        $out | Should -Contain 'SESSION: alice'
        ($out -join "`n") | Should -Match 'WARNING: No keyring is available on this computer .*Google sign-in is kept in memory for this PowerShell session only.*-TokenCachePath'
        ($out -join "`n") | Should -Not -Match 'mailtools\.googlecache' -Because 'nothing is written to disk without -TokenCachePath'
    }

    It 'a revoked refresh token in a scheduled (non-interactive) run ends in MailToolsAuthenticationFailed, without a browser' {
        Invoke-TestIdentityProvider $idp Revoke
        $authorizeBefore = (Get-Requests 'GET /google/o/oauth2/v2/auth').Count
        $out = Invoke-FreshPwsh -Environment $desktop "Import-Module '$ModulePath'; Connect-MailServer -Account gmail -ErrorVariable e -ErrorAction SilentlyContinue; `$e[0].FullyQualifiedErrorId; `$e[0].Exception.Message; `$e[0].ErrorDetails.RecommendedAction"
        ($out -join "`n") | Should -Match 'MailToolsAuthenticationFailed'
        ($out -join "`n") | Should -Match 'revoked'
        ($out -join "`n") | Should -Match 'sign in once interactively'
        (Get-Requests 'GET /google/o/oauth2/v2/auth').Count | Should -Be $authorizeBefore
    }
}

Describe 'Google service account with domain-wide delegation (JWT-bearer grant)' {
    It 'opens the impersonated mailbox (-UserName), with a token the provider issued after checking the key''s signature' {
        $s = Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName bob -GoogleServiceAccountKeyPath $keyFile
        (Get-MailFolder -Session $s -Name INBOX).Name | Should -Be 'INBOX'
        Disconnect-MailServer -Session $s
        $issued = Get-Issued 'google:jwt-bearer'
        $issued.user | Should -Contain 'bob'
        $issued.audience | Should -Contain 'https://mail.google.com'
        (Get-Content -Raw $server.LogPath) | Should -Match 'user=<bob>, method=OAUTHBEARER'
    }

    It 'a saved service account keeps its key in the vault: a later scheduled run signs in with the key file gone; the accounts file has neither key nor path' {
        Import-Module (Join-Path $PSScriptRoot 'StandIns/SecretManagement.StandIn.psm1') -Force
        $env:MAILTOOLS_STANDIN_VAULT = Join-Path $work 'vault'
        # The key file is copied, registered, then deleted: what a moved or cleaned-up download looks like.
        $moving = Join-Path $work 'Downloads/mailtools-sa.json'
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $moving)
        Copy-Item -LiteralPath $keyFile -Destination $moving
        Register-MailAccount -Name workspace-bob -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName bob -GoogleServiceAccountKeyPath $moving
        Remove-Item -LiteralPath $moving
        $saved = Get-MailAccount -Name workspace-bob
        $saved.SignIn | Should -Be 'GoogleServiceAccount'
        $saved.ClientId | Should -Be $delegated.ClientEmail
        # The vault holds the key itself (the stand-in vault's JSON is readable, which is why it is only for tests).
        $secret = (Get-Content (Join-Path $env:MAILTOOLS_STANDIN_VAULT 'secrets.json') -Raw | ConvertFrom-Json)."MailTools/workspace-bob"
        $secret.Password | Should -Match 'PRIVATE KEY'
        ($secret.Password | ConvertFrom-Json).client_email | Should -Be $delegated.ClientEmail
        # The accounts file: no key, no path to it.
        $file = Get-Content -Raw $env:MAILTOOLS_CONFIG
        $file | Should -Not -Match 'PRIVATE KEY'
        $file | Should -Not -Match 'mailtools-sa\.json'
        $file | Should -Not -Match 'GoogleServiceAccountKeyPath"\s*:\s*"'
        # A scheduled run: a new, non-interactive pwsh with only the vault and the accounts file.
        $before = (Get-Issued 'google:jwt-bearer').Count
        $run = Invoke-FreshPwsh -Environment @{ MAILTOOLS_STANDIN_VAULT = $env:MAILTOOLS_STANDIN_VAULT } "Import-Module '$ModulePath'; Import-Module '$(Join-Path $PSScriptRoot 'StandIns/SecretManagement.StandIn.psm1')'; `$s = Connect-MailServer -Account workspace-bob -ErrorAction Stop; 'FOLDER=' + (Get-MailFolder -Session `$s -Name INBOX).Name; (Test-MailAccount -Name workspace-bob).Success"
        $run | Should -Contain 'FOLDER=INBOX'
        $run | Should -Contain 'True'
        (Get-Issued 'google:jwt-bearer').Count | Should -BeGreaterThan $before
        # Without the vault the same run is a clear error naming what is missing.
        $bare = Invoke-FreshPwsh "Import-Module '$ModulePath'; Connect-MailServer -Account workspace-bob -ErrorAction Continue 2>&1 | ForEach-Object { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        ($bare -join "`n") | Should -Match 'MailToolsCredentialMissing'
    }

    It 'a sign-in parameter given with -Credential is refused, not ignored' {
        Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -Credential $server.Users[1].Credential -GoogleServiceAccountKeyPath $keyFile -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsInvalidArgument,*'
        "$($err[0])" | Should -Match 'GoogleServiceAccountKeyPath go with -Server and -UserName'
    }

    It 'a key signed by another private key is refused by the provider (signature checked)' {
        Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName bob -GoogleServiceAccountKeyPath $forgedKeyFile -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
        $err[0].Exception.Message | Should -Match 'Invalid JWT Signature'
    }

    It 'a service account without delegation of https://mail.google.com/ is refused, naming domain-wide delegation' {
        Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName bob -GoogleServiceAccountKeyPath $readonlyKeyFile -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
        $err[0].Exception.Message | Should -Match 'unauthorized_client'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'domain-wide delegation'
    }

    It 'a client_secret.json given as a service account key is a clear error naming the file' {
        Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName bob -GoogleServiceAccountKeyPath $clientFile -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsInvalidArgument,*'
        $err[0].Exception.Message | Should -Match ([regex]::Escape($clientFile))
    }
}

Describe 'No Google token, key or client secret appears in protocol logs, errors, verbose output or the accounts file' {
    It 'greps every capture for JWTs, the private key, the client secret and the refresh token store' {
        $log = Join-Path $work 'google-imap.log'
        $captured = [Collections.Generic.List[string]]::new()
        $capture = { param($records) foreach ($r in $records) { $captured.Add(($r | Out-String -Width 400)); if ($r -is [Management.Automation.ErrorRecord]) { $captured.Add("$($r.Exception)"); $captured.Add("$($r.ErrorDetails.RecommendedAction)") } } }
        & $capture @(Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName bob -GoogleServiceAccountKeyPath $keyFile -ProtocolLogPath $log -Verbose *>&1 | ForEach-Object { if ($_ -is [MailTools.MailSession]) { Get-MailFolder -Session $_ *>&1; Disconnect-MailServer -Session $_ } else { $_ } })
        & $capture @(Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName bob -GoogleServiceAccountKeyPath $forgedKeyFile -ProtocolLogPath $log -Verbose -ErrorAction Continue *>&1)
        # The saved account signs in from the vault (its key is there): nothing of it may show in verbose output or the log.
        $vaultEnv = $desktop.Clone(); $vaultEnv.MAILTOOLS_STANDIN_VAULT = Join-Path $work 'vault'
        $captured.AddRange([string[]](Invoke-FreshPwsh -Environment $vaultEnv "Import-Module '$ModulePath'; Import-Module '$(Join-Path $PSScriptRoot 'StandIns/SecretManagement.StandIn.psm1')'; Connect-MailServer -Account workspace-bob -ProtocolLogPath '$log' -Verbose *>&1 | ForEach-Object { `$_ | Out-String -Width 400 }"))
        $captured.Add((Get-Content -Raw $log))
        $captured.Add((Get-Content -Raw $env:MAILTOOLS_CONFIG))
        $all = $captured -join "`n"
        $all | Should -Match 'AUTHENTICATE OAUTHBEARER' -Because 'the protocol log was written'
        $all | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}\.eyJ' -Because 'no access token (a JWT here) may be shown'
        $all.Contains($clientSecret) | Should -BeFalse
        $all | Should -Not -Match 'PRIVATE KEY'
        $body = ($delegated.PrivateKeyPem -split "`n")[1]
        $all.Contains($body) | Should -BeFalse -Because 'no line of the service account key may be shown'
    }
}
