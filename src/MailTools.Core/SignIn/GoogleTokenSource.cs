using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;

namespace MailTools.Core.SignIn
{
    /// <summary>
    /// Google sign-in with Google.Apis.Auth. Installed app: the refresh token kept in <see cref="GoogleTokenStore"/> is
    /// used silently; only without one (or when it was revoked) the system browser opens for consent and the library's
    /// loopback receiver takes the code. Service account: a JWT-bearer grant signed with the key, acting as the mailbox
    /// (domain-wide delegation). Endpoints come from the JSON files, so nothing here names Google's servers.
    /// </summary>
    public sealed class GoogleTokenSource : ITokenSource
    {
        /// <summary>The one scope IMAP and POP3 need at Google: full mail access.</summary>
        public const string MailScope = "https://mail.google.com/";
        static readonly ConcurrentDictionary<string, ITokenAccess> s_credentials = new ConcurrentDictionary<string, ITokenAccess>(StringComparer.Ordinal);
        readonly SignInSettings _settings;
        readonly string _userName;
        readonly string[] _scopes;

        /// <summary>Tokens for <paramref name="userName"/>: from the installed app's client_secret.json, or as that mailbox through a service account key.</summary>
        public GoogleTokenSource(SignInSettings settings, string userName)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _userName = userName;
            _scopes = settings.Scopes != null && settings.Scopes.Count > 0 ? settings.Scopes.ToArray() : new[] { MailScope };
        }

        bool IsServiceAccount => _settings.Method == SignInMethod.GoogleServiceAccount;

        /// <inheritdoc/>
        public string Description => IsServiceAccount
            ? $"Google service account sign-in ({_settings.GoogleServiceAccountKeyPath ?? "key from the vault"})"
            : $"Google installed-app sign-in (client {_settings.ClientId ?? _settings.GoogleClientSecretPath})";

        /// <inheritdoc/>
        public AccessTokenInfo GetToken(IOutputWriter writer, CancellationToken token)
        {
            writer = writer ?? NullOutputWriter.Instance;
            try
            {
                var credential = IsServiceAccount ? ServiceAccount() : InstalledApp(writer, token);
                string access = credential.GetAccessTokenForRequestAsync(null, token).GetAwaiter().GetResult();
                var expires = ExpiresOn(credential);
                writer.Verbose($"Signed in with {Description} for {_userName}" + (expires.HasValue ? $"; the access token is valid until {expires.Value.ToLocalTime():HH:mm:ss}." : "."));
                return new AccessTokenInfo(access, expires);
            }
            catch (Exception ex) when (GoogleSignInErrors.IsSignInFailure(ex))
            {
                throw GoogleSignInErrors.Translate(ex, Description, _userName, _settings.AllowInteraction, IsServiceAccount);
            }
        }

        ITokenAccess ServiceAccount()
        {
            string? json = StaticTokenSource.Plain(_settings.GoogleServiceAccountKey);
            return s_credentials.GetOrAdd(Key(json), _ =>
            {
                var file = GoogleClientFile.ServiceAccount(_settings.GoogleServiceAccountKeyPath, json);
                // User = the mailbox: Google issues a token for that user only if the Workspace admin delegated the
                // scopes to this service account's client id (domain-wide delegation).
                var initializer = new ServiceAccountCredential.Initializer(file.ClientEmail, file.TokenUri) { User = _userName, Scopes = _scopes }
                    .FromPrivateKey(file.PrivateKey);
                return new ServiceAccountCredential(initializer);
            });
        }

        ITokenAccess InstalledApp(IOutputWriter writer, CancellationToken token)
        {
            if (s_credentials.TryGetValue(Key(null), out var known))
                return known;
            var file = GoogleClientFile.InstalledApp(_settings.GoogleClientSecretPath ?? throw SignInErrors.Missing("-GoogleClientSecretPath", "A Google installed-app sign-in needs the client_secret.json of a Desktop app OAuth client."));
            var store = GoogleTokenStore.Open(_settings.TokenCachePath, writer);
            writer.Verbose($"The Google sign-in for {_userName} is kept in {store.Where}.");
            var flow = new PkceGoogleAuthorizationCodeFlow(new EndpointsFromFile(file)
            {
                ClientSecrets = new ClientSecrets { ClientId = file.ClientId, ClientSecret = file.ClientSecret },
                Scopes = _scopes,
                DataStore = store,
                LoginHint = _userName,
            });

            var saved = flow.LoadTokenAsync(_userName, token).GetAwaiter().GetResult();
            UserCredential credential;
            if (saved != null && !string.IsNullOrEmpty(saved.RefreshToken))
            {
                credential = new UserCredential(flow, _userName, saved);
                try
                {
                    credential.GetAccessTokenForRequestAsync(null, token).GetAwaiter().GetResult();
                }
                catch (TokenResponseException) when (_settings.AllowInteraction)
                {
                    writer.Verbose($"The saved Google sign-in for {_userName} can no longer be renewed silently; signing in again.");
                    flow.DeleteTokenAsync(_userName, token).GetAwaiter().GetResult();
                    credential = Consent(flow, writer, token);
                }
            }
            else if (!_settings.AllowInteraction)
                throw new NoSavedSignInException();
            else
                credential = Consent(flow, writer, token);
            return s_credentials.GetOrAdd(Key(null), credential);
        }

        /// <summary>The library opens the system browser (xdg-open, open, the shell) and waits on a loopback port for the code.</summary>
        UserCredential Consent(IAuthorizationCodeFlow flow, IOutputWriter writer, CancellationToken token)
        {
            writer.Warning($"Opening the browser to sign in to Google as {_userName}; MailTools waits until the consent is given there.");
            return new AuthorizationCodeInstalledApp(flow, new LocalServerCodeReceiver()).AuthorizeAsync(_userName, token).GetAwaiter().GetResult();
        }

        static DateTimeOffset? ExpiresOn(ITokenAccess credential)
        {
            var response = (credential as UserCredential)?.Token ?? (credential as ServiceAccountCredential)?.Token;
            if (response?.ExpiresInSeconds == null)
                return null;
            return new DateTimeOffset(response.IssuedUtc, TimeSpan.Zero).AddSeconds(response.ExpiresInSeconds.Value);
        }

        /// <summary>One credential per identity in this process; a key from the vault enters only as a hash.</summary>
        string Key(string? json) => string.Join("|", _settings.Method, _userName, _settings.GoogleClientSecretPath ?? "", _settings.GoogleServiceAccountKeyPath ?? "",
            _settings.TokenCachePath ?? "", string.Join(" ", _scopes), json == null ? "" : Convert.ToBase64String(System.Security.Cryptography.SHA256.Create().ComputeHash(System.Text.Encoding.UTF8.GetBytes(json))));

        /// <summary>The flow's endpoints as the client_secret.json names them (the library's constructor for this is protected).</summary>
        sealed class EndpointsFromFile : GoogleAuthorizationCodeFlow.Initializer
        {
            public EndpointsFromFile(GoogleClientFile file) : base(file.AuthUri, file.TokenUri, file.RevokeUri) { }
        }

        internal sealed class NoSavedSignInException : Exception
        {
            public NoSavedSignInException() : base("no saved Google sign-in") { }
        }
    }
}
