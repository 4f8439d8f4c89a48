# Sign-in paths that need a desktop, a certificate store or a keyring: MSAL's interactive (system browser) sign-in with
# a stand-in xdg-open that consents over HTTP, a certificate found by thumbprint in CurrentUser\My (on Linux .NET
# keeps that store under $HOME/.dotnet/corefx/cryptography/x509stores/my, so a temp HOME), the no-keyring warning,
# and Compare-MailProtocol with a token. Dovecot 2.3 (passdb oauth2) checks every token.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestServer/IdentityProvider.psm1') -Force

    $script:key = New-TestOAuth2Key
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('mtpaths-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $work
    $rsa = [Security.Cryptography.RSA]::Create(2048)
    $request = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=MailTools store test', $rsa,
        [Security.Cryptography.HashAlgorithmName]::SHA256, [Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $cert = $request.CreateSelfSigned([DateTimeOffset]::Now.AddMinutes(-5), [DateTimeOffset]::Now.AddDays(1))
    $script:pfx = Join-Path $work 'store.pfx'; $cer = Join-Path $work 'store.cer'
    [IO.File]::WriteAllBytes($pfx, $cert.Export('Pfx', 'pfx-pass'))
    [IO.File]::WriteAllBytes($cer, $cert.Export('Cert'))
    $script:thumbprint = $cert.Thumbprint
    $script:idp = Start-TestIdentityProvider -Key $key -BrowserUser alice -Apps @(@{ clientId = 'mail-app-store'; certificatePath = $cer; mailboxes = @('alice') })
    $script:server = Start-TestMailServer -Users alice -OAuth2 $key -OAuth2Audience 'https://outlook.office.com'
    $script:appServer = Start-TestMailServer -Users alice -OAuth2 $key -OAuth2Audience 'https://outlook.office365.com'
    $script:connect = "-Server 127.0.0.1 -Port $($server.ImapsPort) -Security SslOnConnect"
    $script:browserLog = Join-Path $work 'browser.log'
    $script:fakeHome = Join-Path $work 'home'
    $null = New-Item -ItemType Directory -Path $fakeHome
    $fakeBrowser = Join-Path $PSScriptRoot 'TestServer/FakeBrowser'
    # MSAL reads the authority host at each connect; no D-Bus session means no keyring, as on a server.
    $script:desktop = @{
        PATH = "$fakeBrowser$([IO.Path]::PathSeparator)$env:PATH"; MAILTOOLS_FAKE_BROWSER_LOG = $browserLog; BROWSER = $null
        DBUS_SESSION_BUS_ADDRESS = $null; MAILTOOLS_MSAL_AUTHORITY_HOST = $idp.Url; MAILTOOLS_CONFIG = (Join-Path $work 'config/accounts.json')
    }
    function Get-Requests([string]$Like) { @(Invoke-TestIdentityProvider $idp Requests | Where-Object { $_ -like $Like }) }
}

AfterAll {
    foreach ($s in @($server, $appServer)) { if ($s) { Stop-TestMailServer $s } }
    if ($idp) { Stop-TestIdentityProvider $idp }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}

Describe 'MSAL interactive sign-in in the system browser' {
    It 'opens the browser, MSAL''s loopback listener gets the code, the mailbox opens, and a new pwsh is silent' {
        $cache = Join-Path $work 'msal.cache'
        $out = Invoke-FreshPwsh -Interactive -Environment $desktop "Import-Module '$ModulePath'; `$s = Connect-MailServer $connect -UserName alice -ClientId mail-app-user -TenantId $($idp.TenantId) -Interactive -TokenCachePath '$cache'; (Get-MailFolder -Session `$s -Name INBOX).Name"
        $out | Should -Contain 'INBOX'
        Get-Requests 'GET */oauth2/v2.0/authorize' | Should -HaveCount 1
        @(Invoke-TestIdentityProvider $idp Issued | Where-Object grant -eq 'authorization_code').Count | Should -Be 1
        (Get-Content -Raw $browserLog) | Should -Match 'visited /[^/]+/oauth2/v2.0/authorize -> 200 http://(localhost|127\.0\.0\.1):\d+'
        Get-Requests '*devicecode' | Should -BeNullOrEmpty -Because '-Interactive is the browser, not the device code'
        $again = Invoke-FreshPwsh -Environment $desktop "Import-Module '$ModulePath'; `$s = Connect-MailServer $connect -UserName alice -ClientId mail-app-user -TenantId $($idp.TenantId) -Interactive -TokenCachePath '$cache'; (Get-MailFolder -Session `$s -Name INBOX).Name"
        $again | Should -Contain 'INBOX'
        Get-Requests 'GET */oauth2/v2.0/authorize' | Should -HaveCount 1 -Because 'the second pwsh signed in silently from the cache'
    }
}

Describe 'The no-keyring warning' {
    It 'without a keyring: a warning naming -TokenCachePath, the cache in memory, and no file written' {
        $out = Invoke-FreshPwsh -Interactive -Environment $desktop "Import-Module '$ModulePath'; Connect-MailServer $connect -UserName alice -ClientId mail-app-user -TenantId $($idp.TenantId) -Interactive 3>&1 | ForEach-Object { if (`$_ -is [Management.Automation.WarningRecord]) { 'WARNING: ' + `$_.Message } else { 'SESSION: ' + `$_.UserName } }; Get-ChildItem (Split-Path `$env:MAILTOOLS_CONFIG) -Filter '*cache*' -ErrorAction Ignore | ForEach-Object Name"
        $out | Should -Contain 'SESSION: alice'
        ($out -join "`n") | Should -Match 'WARNING: No keyring is available on this computer .*Microsoft sign-in is kept in memory for this PowerShell session only.*-TokenCachePath'
        ($out -join "`n") | Should -Not -Match 'mailtools\.msalcache' -Because 'without -TokenCachePath nothing is written to disk'
    }
}

Describe 'A certificate by thumbprint from CurrentUser\My' {
    It 'finds the certificate in the user''s store (temp HOME) and signs in app-only' {
        $env = $desktop.Clone(); $env.HOME = $fakeHome
        $added = Invoke-FreshPwsh -Environment $env "`$c = [Security.Cryptography.X509Certificates.X509Certificate2]::new('$pfx', 'pfx-pass', 'PersistKeySet, Exportable'); `$st = [Security.Cryptography.X509Certificates.X509Store]::new('My', 'CurrentUser'); `$st.Open('ReadWrite'); `$st.Add(`$c); `$st.Close(); 'added'"
        $added | Should -Contain 'added'
        Get-ChildItem -Recurse -File (Join-Path $fakeHome '.dotnet/corefx/cryptography/x509stores/my') | Should -Not -BeNullOrEmpty
        $out = Invoke-FreshPwsh -Environment $env "Import-Module '$ModulePath'; `$s = Connect-MailServer -Server 127.0.0.1 -Port $($appServer.ImapsPort) -Security SslOnConnect -UserName alice -ClientId mail-app-store -TenantId $($idp.TenantId) -CertificateThumbprint '$thumbprint'; (Get-MailFolder -Session `$s -Name INBOX).Name"
        $out | Should -Contain 'INBOX'
        (Invoke-TestIdentityProvider $idp Issued | Where-Object { $_.grant -eq 'client_credentials' -and $_.clientId -eq 'mail-app-store' }) | Should -Not -BeNullOrEmpty
    }

    It 'a thumbprint that is in no store is a clear error naming it' {
        $env = $desktop.Clone(); $env.HOME = $fakeHome
        $out = Invoke-FreshPwsh -Environment $env "Import-Module '$ModulePath'; Connect-MailServer -Server 127.0.0.1 -Port $($appServer.ImapsPort) -Security SslOnConnect -UserName alice -ClientId mail-app-store -TenantId $($idp.TenantId) -CertificateThumbprint '00112233445566778899AABBCCDDEEFF00112233' -ErrorVariable e -ErrorAction SilentlyContinue; `$e[0].FullyQualifiedErrorId; `$e[0].Exception.Message"
        ($out -join "`n") | Should -Match '00112233445566778899AABBCCDDEEFF00112233'
        $out | Should -Contain 'MailToolsCertificateNotFound,MailTools.Commands.ConnectMailServerCommand'
    }
}

Describe 'Compare-MailProtocol with an access token' {
    It 'logs in to IMAP and POP3 with the token (OAUTHBEARER), and counts the same mailbox' {
        $token = ConvertTo-SecureString (New-TestAccessToken -Key $key -User alice) -AsPlainText -Force
        $result = Compare-MailProtocol -Server 127.0.0.1 -UserName alice -AccessToken $token -ImapPort $server.ImapsPort -Pop3Port $server.Pop3sPort
        $result.ImapAvailable | Should -BeTrue
        $result.ImapProblem | Should -BeNullOrEmpty
        $result.Pop3Available | Should -BeTrue
        $result.InboxCount | Should -Be $result.Pop3Count
        (Get-Content -Raw $server.LogPath) | Should -Match 'imap-login: .*user=<alice>, method=OAUTHBEARER'
        (Get-Content -Raw $server.LogPath) | Should -Match 'pop3-login: .*user=<alice>, method=OAUTHBEARER'
    }
}
