using System.Collections.Generic;
using System.Security;
using System.Security.Cryptography.X509Certificates;

namespace MailTools.Core.SignIn
{
    /// <summary>
    /// What a token source needs: the method, the app (client) and tenant, scopes, and where its credential is.
    /// The certificate object and the client secret live only in memory; a saved account keeps the rest.
    /// </summary>
    public sealed class SignInSettings
    {
        /// <summary>How the session signs in (password, access token, a Microsoft or Google flow).</summary>
        public SignInMethod Method { get; set; }
        /// <summary>The app (client) id registered with Microsoft or Google.</summary>
        public string? ClientId { get; set; }
        /// <summary>The Microsoft 365 tenant (id or domain); required for app-only sign-in.</summary>
        public string? TenantId { get; set; }
        /// <summary>Empty means the method's default scopes (see <see cref="MicrosoftScopes"/>).</summary>
        public IList<string> Scopes { get; set; } = new List<string>();
        /// <summary>Microsoft app-only: the certificate object given with -Certificate (memory only, never saved).</summary>
        public X509Certificate2? Certificate { get; set; }
        /// <summary>Microsoft app-only: the thumbprint of a certificate in the user's or machine's store.</summary>
        public string? CertificateThumbprint { get; set; }
        /// <summary>Microsoft app-only: a .pfx file holding the certificate and its private key.</summary>
        public string? CertificatePath { get; set; }
        /// <summary>The password of the .pfx file (memory only).</summary>
        public SecureString? CertificatePassword { get; set; }
        /// <summary>Microsoft app-only: the client secret, from the vault or the caller (memory only).</summary>
        public SecureString? ClientSecret { get; set; }
        /// <summary>-AccessToken: a token made elsewhere, sent as it is (memory only).</summary>
        public SecureString? AccessToken { get; set; }
        /// <summary>Google installed app: the client_secret.json downloaded for a "Desktop app" OAuth client.</summary>
        public string? GoogleClientSecretPath { get; set; }
        /// <summary>Google service account: its JSON key file (or, with <see cref="GoogleServiceAccountKey"/>, none).</summary>
        public string? GoogleServiceAccountKeyPath { get; set; }
        /// <summary>Google service account: the JSON key itself, from the vault.</summary>
        public SecureString? GoogleServiceAccountKey { get; set; }
        /// <summary>A token cache file only the user can read, for machines without a keyring (explicit opt-in).</summary>
        public string? TokenCachePath { get; set; }
        /// <summary>False in a non-interactive run: a sign-in that needs the user fails with advice instead of waiting.</summary>
        public bool AllowInteraction { get; set; } = true;
    }
}
