using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace MailTools.Core.SignIn
{
    /// <summary>
    /// Microsoft 365 sign-in with MSAL: for one user, silent first (token cache, refresh token) and only then device
    /// code or the browser; app-only, client credentials with a certificate or a secret. One MSAL application per
    /// app/tenant/cache lives for the whole PowerShell process, so its in-memory cache serves every later connect.
    /// </summary>
    public sealed class MicrosoftTokenSource : ITokenSource
    {
        static readonly ConcurrentDictionary<string, object> s_apps = new ConcurrentDictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        readonly SignInSettings _settings;
        readonly string _userName;
        readonly IList<string> _scopes;
        readonly string _authority;
        readonly bool _publicCloud;

        /// <summary>Tokens for <paramref name="userName"/>'s mailbox over <paramref name="protocol"/>, from MSAL with these settings; app-only needs a tenant.</summary>
        public MicrosoftTokenSource(SignInSettings settings, string userName, MailProtocol protocol)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _userName = userName;
            _scopes = MicrosoftScopes.For(settings.Method, protocol, settings.Scopes);
            string host = MicrosoftScopes.AuthorityHost(Environment.GetEnvironmentVariable);
            _publicCloud = MicrosoftScopes.IsPublicCloud(host);
            string? tenant = string.IsNullOrWhiteSpace(settings.TenantId) ? (IsAppOnly ? null : "organizations") : settings.TenantId!.Trim();   // ! : IsNullOrWhiteSpace was false
            if (tenant == null)
                throw SignInErrors.Missing("-TenantId", "App-only sign-in needs the tenant (its id or a domain such as contoso.onmicrosoft.com).");
            _authority = $"{host}/{tenant}";
        }

        bool IsAppOnly => _settings.Method == SignInMethod.MicrosoftCertificate || _settings.Method == SignInMethod.MicrosoftClientSecret;

        /// <summary>Names the method and the app id, never a secret.</summary>
        public string Description => $"Microsoft 365 {_settings.Method} sign-in (app {_settings.ClientId})";

        /// <summary>A token from MSAL: silently from the cache when it can, else by the method's flow (device code, browser, certificate, secret).</summary>
        public AccessTokenInfo GetToken(IOutputWriter writer, CancellationToken token)
        {
            writer = writer ?? NullOutputWriter.Instance;
            try
            {
                var result = IsAppOnly ? AppOnly(writer, token) : ForUser(writer, token);
                writer.Verbose($"Signed in with {Description}; the access token is valid until {result.ExpiresOn.ToLocalTime():HH:mm:ss}.");
                return new AccessTokenInfo(result.AccessToken, result.ExpiresOn);
            }
            catch (Exception ex) when (SignInErrors.IsSignInFailure(ex))
            {
                throw SignInErrors.Translate(ex, Description, _userName, _authority, _settings.AllowInteraction);
            }
        }

        AuthenticationResult AppOnly(IOutputWriter writer, CancellationToken token)
        {
            var app = (IConfidentialClientApplication)s_apps.GetOrAdd(Key(), _ =>
            {
                var builder = ConfidentialClientApplicationBuilder.Create(_settings.ClientId).WithAuthority(_authority, _publicCloud);
                if (!_publicCloud)
                    builder = builder.WithInstanceDiscovery(false);
                builder = _settings.Method == SignInMethod.MicrosoftCertificate
                    ? builder.WithCertificate(CertificateLoader.Load(_settings))
                    : builder.WithClientSecret(StaticTokenSource.Plain(_settings.ClientSecret) ?? throw SignInErrors.Missing("-ClientSecret", "App-only sign-in with a secret needs it (from the vault, or -ClientSecret)."));
                return builder.Build();
            });
            // MSAL keeps app tokens in its app cache and asks again shortly before they end.
            return app.AcquireTokenForClient(_scopes).ExecuteAsync(token).GetAwaiter().GetResult();
        }

        AuthenticationResult ForUser(IOutputWriter writer, CancellationToken token)
        {
            string? cacheWhere = null;
            var app = (IPublicClientApplication)s_apps.GetOrAdd(Key(), _ =>
            {
                var builder = PublicClientApplicationBuilder.Create(_settings.ClientId).WithAuthority(_authority, _publicCloud)
                    .WithRedirectUri("http://localhost");
                if (!_publicCloud)
                    builder = builder.WithInstanceDiscovery(false);
                var built = builder.Build();
                cacheWhere = TokenCacheStore.Attach(built.UserTokenCache, _settings.TokenCachePath, writer);
                return built;
            });
            if (cacheWhere != null)
                writer.Verbose($"The Microsoft sign-in for {_userName} is kept in {cacheWhere}.");

            var accounts = app.GetAccountsAsync().GetAwaiter().GetResult();
            var account = accounts.FirstOrDefault(a => string.Equals(a.Username, _userName, StringComparison.OrdinalIgnoreCase));
            if (account != null)
            {
                try
                {
                    return app.AcquireTokenSilent(_scopes, account).ExecuteAsync(token).GetAwaiter().GetResult();
                }
                catch (MsalUiRequiredException) when (_settings.AllowInteraction)
                {
                    writer.Verbose($"The saved sign-in for {_userName} can no longer be renewed silently; signing in again.");
                }
            }
            else if (!_settings.AllowInteraction)
            {
                throw new MsalUiRequiredException("no_account", $"No saved sign-in for {_userName} in the token cache.");
            }

            var result = _settings.Method == SignInMethod.MicrosoftInteractive
                ? app.AcquireTokenInteractive(_scopes).WithLoginHint(_userName).WithUseEmbeddedWebView(false).ExecuteAsync(token).GetAwaiter().GetResult()
                : DeviceCode(app, writer, token);
            if (result.Account?.Username is string signedIn && signedIn.Length > 0 && !string.Equals(signedIn, _userName, StringComparison.OrdinalIgnoreCase))
                throw SignInErrors.WrongUser(signedIn, _userName);
            return result;
        }

        /// <summary>MSAL calls back on its own thread; the message is handed to the pipeline thread to be shown.</summary>
        AuthenticationResult DeviceCode(IPublicClientApplication app, IOutputWriter writer, CancellationToken token)
        {
            using (var messages = new BlockingCollection<string>())
            {
                var task = Task.Run(() => app.AcquireTokenWithDeviceCode(_scopes, code =>
                {
                    messages.Add(code.Message);
                    return Task.CompletedTask;
                }).ExecuteAsync(token), token);
                while (!task.IsCompleted)
                {
                    // No token here: the loop ends with the task, and the task watches the token.
                    if (messages.TryTake(out var message, 200, CancellationToken.None))
                        writer.Warning(message);
                }
                while (messages.TryTake(out var late))
                    writer.Warning(late);
                return task.GetAwaiter().GetResult();
            }
        }

        /// <summary>One MSAL app per sign-in identity; the secret enters only as a hash, so another secret is another app.</summary>
        string Key() => string.Join("|", _settings.Method == SignInMethod.MicrosoftInteractive || _settings.Method == SignInMethod.MicrosoftDeviceCode ? "user" : _settings.Method.ToString(),
            _authority, _settings.ClientId, _settings.TokenCachePath ?? "", _settings.CertificateThumbprint ?? _settings.CertificatePath ?? _settings.Certificate?.Thumbprint ?? "",
            SecretHash(_settings.ClientSecret));

        static string SecretHash(System.Security.SecureString? secret)
        {
            if (secret == null)
                return "";
            using (var sha = System.Security.Cryptography.SHA256.Create())
                return Convert.ToBase64String(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(StaticTokenSource.Plain(secret) ?? string.Empty)));
        }
    }
}
