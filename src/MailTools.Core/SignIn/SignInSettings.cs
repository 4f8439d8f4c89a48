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
        public SignInMethod Method { get; set; }
        public string? ClientId { get; set; }
        public string? TenantId { get; set; }
        /// <summary>Empty means the method's default scopes (see <see cref="MicrosoftScopes"/>).</summary>
        public IList<string> Scopes { get; set; } = new List<string>();
        public X509Certificate2? Certificate { get; set; }
        public string? CertificateThumbprint { get; set; }
        public string? CertificatePath { get; set; }
        public SecureString? CertificatePassword { get; set; }
        public SecureString? ClientSecret { get; set; }
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
