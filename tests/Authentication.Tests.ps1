# OAuth2 sign-in against real parts: Dovecot 2.3 (passdb oauth2, JWTs validated locally) checks every token, and the
# test identity provider (tests/TestServer/IdentityProvider) plays Microsoft's sign-in service for MSAL, which is
# pointed at it only by $env:MAILTOOLS_MSAL_AUTHORITY_HOST (the same code path as production).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestServer/IdentityProvider.psm1') -Force

    function New-AppCertificate([string]$Dir) {
        # The app registration's certificate: the PFX (private key) for MailTools, the public part for the provider.
        $rsa = [Security.Cryptography.RSA]::Create(2048)
        $request = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=MailTools test app', $rsa,
            [Security.Cryptography.HashAlgorithmName]::SHA256, [Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $cert = $request.CreateSelfSigned([DateTimeOffset]::Now.AddMinutes(-5), [DateTimeOffset]::Now.AddDays(1))
        $pfx = Join-Path $Dir 'app.pfx'; $cer = Join-Path $Dir 'app.cer'
        [IO.File]::WriteAllBytes($pfx, $cert.Export('Pfx', 'pfx-pass'))
        [IO.File]::WriteAllBytes($cer, $cert.Export('Cert'))
        [pscustomobject]@{ Pfx = $pfx; Cer = $cer; Password = (ConvertTo-SecureString 'pfx-pass' -AsPlainText -Force); Thumbprint = $cert.Thumbprint }
    }

    function Invoke-Child([string]$Command, [switch]$Interactive) {
        # A brand-new pwsh; -NonInteractive is how scheduled tasks run, and then no sign-in may wait for a person.
        $pwsh = @(Get-FreshPwshCommand)
        $flags = @('-NoProfile') + $(if ($Interactive) { @() } else { @('-NonInteractive') })
        $exe = $pwsh[0]; $prefix = @($pwsh | Select-Object -Skip 1)
        $full = "`$ErrorActionPreference = 'Continue'; Import-Module '$ModulePath'; $Command"
        @(& $exe @prefix @flags -Command $full 2>&1 | ForEach-Object { "$_" })
    }

    $script:key = New-TestOAuth2Key
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('mtauth-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $work
    $script:appCert = New-AppCertificate $work
    $script:secret = 'app-secret-' + [Guid]::NewGuid().ToString('N')
    $script:idp = Start-TestIdentityProvider -Key $key -DeviceCodeUser alice -LifetimeSeconds 120 -Apps @(
        @{ clientId = 'mail-app-cert'; certificatePath = $appCert.Cer; mailboxes = @('alice') }
        @{ clientId = 'mail-app-secret'; clientSecret = $secret; mailboxes = @('alice') })
    $env:MAILTOOLS_MSAL_AUTHORITY_HOST = $idp.Url
    $env:MAILTOOLS_CONFIG = Join-Path $work 'config'
    # Delegated tokens are for https://outlook.office.com, app-only ones for https://outlook.office365.com.
    $script:server = Start-TestMailServer -Users alice, bob -OAuth2 $key -OAuth2Audience 'https://outlook.office.com'
    $script:appServer = Start-TestMailServer -Users alice, bob -OAuth2 $key -OAuth2Audience 'https://outlook.office365.com'
    $script:xoauthServer = Start-TestMailServer -Users alice -OAuth2 $key -OAuth2Mechanisms xoauth2
    $script:cache = Join-Path $work 'tokens/msal.cache'
    $script:logs = Join-Path $work 'logs'
    $null = New-Item -ItemType Directory -Path $logs
    $script:connect = "-Server 127.0.0.1 -Port $($server.ImapsPort) -Security SslOnConnect"
}

AfterAll {
    Get-MailSession | Disconnect-MailServer
    foreach ($s in @($server, $appServer, $xoauthServer)) { if ($s) { Stop-TestMailServer $s } }
    if ($idp) { Stop-TestIdentityProvider $idp }
    Remove-Item Env:MAILTOOLS_MSAL_AUTHORITY_HOST, Env:MAILTOOLS_CONFIG -ErrorAction Ignore
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}

Describe 'Dovecot 2.3 checks the tokens (passdb oauth2)' {
    It 'accepts a valid token over OAUTHBEARER when offered, and over XOAUTH2 when that is all the server has' {
        $token = ConvertTo-SecureString (New-TestAccessToken -Key $key -User alice) -AsPlainText -Force
        $a = Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName alice -AccessToken $token -Verbose 4>&1
        $session = $a | Where-Object { $_ -is [MailTools.MailSession] }
        ($a | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'with OAUTHBEARER'
        (Get-MailFolder -Session $session -Name INBOX).Name | Should -Be 'INBOX'
        Disconnect-MailServer -Session $session
        $b = Connect-MailServer -Server 127.0.0.1 -Port $xoauthServer.ImapsPort -Security SslOnConnect -UserName alice -AccessToken $token -Verbose 4>&1
        ($b | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'with XOAUTH2'
        $b | Where-Object { $_ -is [MailTools.MailSession] } | Disconnect-MailServer
        (Get-Content -Raw $server.LogPath) | Should -Match 'method=OAUTHBEARER'
        (Get-Content -Raw $xoauthServer.LogPath) | Should -Match 'method=XOAUTH2'
    }

    It 'refuses a token signed with another key, over both mechanisms, as MailToolsAuthenticationFailed' -ForEach @(
        @{ Port = 'oauthbearer' }, @{ Port = 'xoauth2' }) {
        $target = if ($Port -eq 'xoauth2') { $xoauthServer } else { $server }
        $foreign = ConvertTo-SecureString (New-TestAccessToken -Key (New-TestOAuth2Key) -User alice) -AsPlainText -Force
        Connect-MailServer -Server 127.0.0.1 -Port $target.ImapsPort -Security SslOnConnect -UserName alice -AccessToken $foreign -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
        # Dovecot's auth process logs its reason a moment after imap-login logs the disconnect: wait for it (bounded).
        for ($wait = 0; $wait -lt 50 -and (Get-Content -Raw $target.LogPath) -notmatch 'Incorrect JWT signature'; $wait++) { Start-Sleep -Milliseconds 100 }
        (Get-Content -Raw $target.LogPath) | Should -Match 'Incorrect JWT signature'
    }

    It 'refuses an expired token, and says what to do' {
        $expired = ConvertTo-SecureString (New-TestAccessToken -Key $key -User alice -ExpiresInSeconds -30) -AsPlainText -Force
        Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName alice -AccessToken $expired -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'cannot renew itself'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'ImapEnabled'
        (Get-Content -Raw $server.LogPath) | Should -Match 'Token has expired'
    }

    It 'refuses a token for another user than the mailbox' {
        $token = ConvertTo-SecureString (New-TestAccessToken -Key $key -User alice) -AsPlainText -Force
        Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName bob -AccessToken $token -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
    }
}

Describe 'Microsoft 365 sign-in with MSAL against the test identity provider' {
    It 'device-code sign-in: shows the code, the provider approves after two polls, and the mailbox opens' {
        $out = Invoke-Child -Interactive "`$s = Connect-MailServer $connect -UserName alice -ClientId mail-app-user -TenantId $($idp.TenantId) -TokenCachePath '$cache'; (Get-MailFolder -Session `$s -Name INBOX).Name; `$s.Account"
        ($out -join "`n") | Should -Match 'To sign in, use a web browser to open the page https://127\.0\.0\.1:\d+/devicelogin and enter the code [A-Z0-9_-]{8}'
        $out | Should -Contain 'INBOX'
        $requests = @(Invoke-TestIdentityProvider $idp Requests)
        @($requests | Where-Object { $_ -like 'POST */devicecode' }).Count | Should -Be 1
        @($requests | Where-Object { $_ -like 'POST */oauth2/v2.0/token' }).Count | Should -Be 3 -Because 'two authorization_pending answers, then the tokens'
        (Get-Item $cache).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') -Because 'the cache file must be readable by its owner only (mode 600)'
    }

    It 'a new, non-interactive pwsh signs in silently from the cache file (no device code)' {
        $before = @(Invoke-TestIdentityProvider $idp Requests | Where-Object { $_ -like '*devicecode' }).Count
        $out = Invoke-Child "`$s = Connect-MailServer $connect -UserName alice -ClientId mail-app-user -TenantId $($idp.TenantId) -TokenCachePath '$cache'; (Get-MailFolder -Session `$s -Name INBOX).Name"
        $out | Should -Contain 'INBOX'
        ($out -join "`n") | Should -Not -Match 'To sign in'
        @(Invoke-TestIdentityProvider $idp Requests | Where-Object { $_ -like '*devicecode' }).Count | Should -Be $before
        @(Invoke-TestIdentityProvider $idp Issued | Where-Object grant -eq 'refresh_token').Count | Should -BeGreaterThan 0
    }

    It 'a saved account records the sign-in (no token), Get-MailAccount shows it, and Test-MailAccount signs in silently' {
        Register-MailAccount -Name work -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName alice -ClientId mail-app-user -TenantId $idp.TenantId -TokenCachePath $cache
        $saved = Get-MailAccount -Name work
        $saved.SignIn | Should -Be 'MicrosoftDeviceCode'
        $saved.ClientId | Should -Be 'mail-app-user'
        ($saved | Format-Table | Out-String) | Should -Match 'M365 device code'
        $json = Get-Content -Raw (Join-Path $env:MAILTOOLS_CONFIG 'accounts.json') | ConvertFrom-Json
        $json.accounts[0].signIn | Should -Be 'microsoftDeviceCode'
        $json.accounts[0].tenantId | Should -Be $idp.TenantId
        $out = Invoke-Child "(Test-MailAccount -Name work).Success; (Connect-MailServer -Account work | Get-MailFolder -Name INBOX).Name"
        $out | Should -Contain 'True'
        $out | Should -Contain 'INBOX'
    }

    It 'a revoked refresh token ends in MailToolsAuthenticationFailed saying to sign in again' {
        Invoke-TestIdentityProvider $idp Revoke
        $out = Invoke-Child "Connect-MailServer -Account work -ErrorVariable e -ErrorAction SilentlyContinue; `$e[0].FullyQualifiedErrorId; `$e[0].Exception.Message; `$e[0].ErrorDetails.RecommendedAction"
        ($out -join "`n") | Should -Match 'MailToolsAuthenticationFailed'
        ($out -join "`n") | Should -Match 'revoked'
        ($out -join "`n") | Should -Match 'Sign in once interactively'
        ($out -join "`n") | Should -Not -Match 'To sign in, use a web browser' -Because 'a non-interactive run must not wait for a person'
    }

    It 'client credentials with a certificate (PFX file) open the mailbox the app was granted' {
        $s = Connect-MailServer -Server 127.0.0.1 -Port $appServer.ImapsPort -Security SslOnConnect -UserName alice -ClientId mail-app-cert -TenantId $idp.TenantId -CertificatePath $appCert.Pfx -CertificatePassword $appCert.Password
        (Get-MailFolder -Session $s -Name INBOX).Name | Should -Be 'INBOX'
        Disconnect-MailServer -Session $s
        (Invoke-TestIdentityProvider $idp Issued | Where-Object { $_.grant -eq 'client_credentials' -and $_.clientId -eq 'mail-app-cert' }).audience | Should -Contain 'https://outlook.office365.com'
    }

    It 'client credentials with a secret work, and a mailbox the app was not granted is refused' {
        $secure = ConvertTo-SecureString $secret -AsPlainText -Force
        $s = Connect-MailServer -Server 127.0.0.1 -Port $appServer.ImapsPort -Security SslOnConnect -UserName alice -ClientId mail-app-secret -TenantId $idp.TenantId -ClientSecret $secure
        $s.UserName | Should -Be 'alice'
        Disconnect-MailServer -Session $s
        Connect-MailServer -Server 127.0.0.1 -Port $appServer.ImapsPort -Security SslOnConnect -UserName bob -ClientId mail-app-secret -TenantId $idp.TenantId -ClientSecret $secure -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Add-MailboxPermission'
    }

    It 'a token for the wrong audience (another scope) ends in MailToolsAuthenticationFailed naming the scope to use' {
        $secure = ConvertTo-SecureString $secret -AsPlainText -Force
        Connect-MailServer -Server 127.0.0.1 -Port $appServer.ImapsPort -Security SslOnConnect -UserName alice -ClientId mail-app-secret -TenantId $idp.TenantId -ClientSecret $secure -Scope 'https://graph.microsoft.com/.default' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
        $err[0].Exception.Message | Should -Match 'wrong audience'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'https://outlook.office365.com/.default'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'consent'
        (Get-Content -Raw $appServer.LogPath) | Should -Match 'client_id not found in aud field'
    }

    It 'a wrong client secret is refused by the provider with what to check' {
        Connect-MailServer -Server 127.0.0.1 -Port $appServer.ImapsPort -Security SslOnConnect -UserName alice -ClientId mail-app-secret -TenantId $idp.TenantId -ClientSecret (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
        $err[0].Exception.Message | Should -Match 'invalid_client'
    }
}

Describe 'A token that expires during a 5,000-message export (the proxy ends the session once the token expired, as Exchange Online does)' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestServer/FaultProxy.psm1') -Force
        # 5,000 messages written straight into alice's Maildir (CRLF, so the IMAP bytes equal the file bytes).
        $alice = $appServer.Users | Where-Object UserName -eq 'alice'
        $bulk = Join-Path $alice.MailDir '.Bulk'
        foreach ($d in 'cur', 'new', 'tmp') { $null = New-Item -ItemType Directory -Force -Path (Join-Path $bulk $d) }
        $script:sourceHashes = [Collections.Generic.List[string]]::new()
        $sha = [Security.Cryptography.SHA256]::Create()
        for ($i = 1; $i -le 5000; $i++) {
            $text = "From: sender$($i % 37)@example.com`r`nTo: alice@example.com`r`nSubject: Bulk message $i`r`nMessage-ID: <$i.bulk@example.com>`r`nDate: Mon, 1 Dec 2025 10:00:00 +0000`r`n`r`n" + (("Line $i of a message that fills a kilobyte or so. " * 20) + "`r`n")
            $bytes = [Text.Encoding]::ASCII.GetBytes($text)
            [IO.File]::WriteAllBytes((Join-Path $bulk "cur/$i.M$i.mailtools,S=$($bytes.Length):2,S"), $bytes)
            $sourceHashes.Add([Convert]::ToHexString($sha.ComputeHash($bytes)))
        }
        $script:totalBytes = 5000 * $bytes.Length
        if ((id -u) -eq '0') { chown -R "$($appServer.MailUid):$($appServer.MailGid)" $bulk }
    }

    It 'the export reconnects with a fresh token and finishes byte-exact, nothing lost or doubled' {
        Invoke-TestIdentityProvider $idp Lifetime -Seconds 2
        # 150 ms each way: the TLS handshake and login alone take more than the token's 2 s, so the cut halfway through the
        # messages comes after the token expired however fast the export writes (no race with the export's speed).
        $proxy = Start-TestFaultProxy -TargetPort $appServer.ImapsPort -CutAfterBytes ([long]($totalBytes / 2)) -OnlyConnection 1 -DelayMs 150
        try {
            $secure = ConvertTo-SecureString $secret -AsPlainText -Force
            $before = @(Invoke-TestIdentityProvider $idp Issued | Where-Object clientId -eq 'mail-app-secret').Count
            $s = Connect-MailServer -Server 127.0.0.1 -Port $proxy.Port -Security SslOnConnect -UserName alice -ClientId mail-app-secret -TenantId $idp.TenantId -ClientSecret $secure
            $root = Join-Path $work 'export'
            $result = Export-Mailbox -Session $s -Path $root -Folder Bulk -Format Maildir -Confirm:$false -WarningVariable warnings -ErrorVariable errors
            Disconnect-MailServer -Session $s
        } finally {
            Stop-TestFaultProxy $proxy
            Invoke-TestIdentityProvider $idp Lifetime -Seconds 120
        }
        $errors | Should -BeNullOrEmpty
        ($warnings -join "`n") | Should -Match 'reconnecting with a fresh access token'
        $result.Exported | Should -Be 5000
        $exported = @(Get-ChildItem -LiteralPath $root -Recurse -File -Force | Where-Object { $_.Directory.Name -in 'cur', 'new' } |
                ForEach-Object { (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash })
        $exported.Count | Should -Be 5000
        @($exported | Sort-Object -Unique).Count | Should -Be 5000
        (Compare-Object ($sourceHashes | Sort-Object) ($exported | Sort-Object)) | Should -BeNullOrEmpty -Because 'every message is exported byte for byte'
        $issued = @(Invoke-TestIdentityProvider $idp Issued | Where-Object clientId -eq 'mail-app-secret' | Select-Object -Skip $before)
        $issued.Count | Should -BeGreaterOrEqual 2 -Because 'the reconnect asked for a new token'
        $issued[-1].issuedAt | Should -BeGreaterThan $issued[0].expiresAt -Because 'the first token had expired when the export reconnected'
    }
}

Describe 'No token or secret ever appears in protocol logs, errors, verbose output or the accounts file' {
    It 'greps every capture for the token, its SASL forms, any JWT, and the client secret' {
        $log = Join-Path $logs 'imap.log'
        $tokenText = New-TestAccessToken -Key $key -User alice
        $token = ConvertTo-SecureString $tokenText -AsPlainText -Force
        $expired = ConvertTo-SecureString (New-TestAccessToken -Key $key -User alice -ExpiresInSeconds -30) -AsPlainText -Force
        $secure = ConvertTo-SecureString $secret -AsPlainText -Force
        $captured = [Collections.Generic.List[string]]::new()
        $capture = { param($records) foreach ($r in $records) { $captured.Add(($r | Out-String -Width 400)); if ($r -is [Management.Automation.ErrorRecord]) { $captured.Add("$($r.Exception)"); $captured.Add("$($r.ErrorDetails.RecommendedAction)") } } }
        & $capture @(Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName alice -AccessToken $token -ProtocolLogPath $log -Verbose -Debug *>&1 | ForEach-Object { if ($_ -is [MailTools.MailSession]) { Get-MailFolder -Session $_ *>&1; Disconnect-MailServer -Session $_ } else { $_ } })
        & $capture @(Connect-MailServer -Server 127.0.0.1 -Port $xoauthServer.ImapsPort -Security SslOnConnect -UserName alice -AccessToken $token -ProtocolLogPath $log -Verbose *>&1 | ForEach-Object { if ($_ -is [MailTools.MailSession]) { Disconnect-MailServer -Session $_ } else { $_ } })
        & $capture @(Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -UserName alice -AccessToken $expired -ProtocolLogPath $log -Verbose -ErrorAction Continue *>&1)
        & $capture @(Connect-MailServer -Server 127.0.0.1 -Port $appServer.ImapsPort -Security SslOnConnect -UserName alice -ClientId mail-app-secret -TenantId $idp.TenantId -ClientSecret $secure -ProtocolLogPath $log -Verbose *>&1 | ForEach-Object { if ($_ -is [MailTools.MailSession]) { Disconnect-MailServer -Session $_ } else { $_ } })
        & $capture @(Connect-MailServer -Server 127.0.0.1 -Port $appServer.ImapsPort -Security SslOnConnect -UserName bob -ClientId mail-app-secret -TenantId $idp.TenantId -ClientSecret $secure -ProtocolLogPath $log -Verbose -ErrorAction Continue *>&1)
        & $capture @(Register-MailAccount -Name app -Server 127.0.0.1 -UserName alice -ClientId mail-app-secret -TenantId $idp.TenantId -ClientSecret $secure -Verbose *>&1)
        $captured.Add((Get-Content -Raw $log))
        $captured.Add((Get-Content -Raw (Join-Path $env:MAILTOOLS_CONFIG 'accounts.json')))
        $all = $captured -join "`n"
        $all | Should -Match 'AUTHENTICATE (OAUTHBEARER|XOAUTH2)' -Because 'the protocol log was written'
        $utf8 = [Text.Encoding]::UTF8
        $forms = @(
            $tokenText
            $secret
            [Convert]::ToBase64String($utf8.GetBytes("user=alice`u{1}auth=Bearer $tokenText`u{1}`u{1}"))
            [Convert]::ToBase64String($utf8.GetBytes("n,a=alice,`u{1}auth=Bearer $tokenText`u{1}`u{1}"))
        )
        foreach ($form in $forms) { $all.Contains($form) | Should -BeFalse -Because 'no token, SASL blob or secret may be shown' }
        $all | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}\.eyJ' -Because 'no JWT (including those MSAL got) may be shown'
    }
}
