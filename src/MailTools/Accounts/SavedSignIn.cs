#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System.Management.Automation;
using System.Security;

namespace MailTools.Accounts
{
    /// <summary>Writes an OAuth2 sign-in into a saved profile (method, ids, scopes, where the certificate is) and its secret into the vault.</summary>
    internal static class SavedSignIn
    {
        public static void Apply(MailAccount account, PSCmdlet cmdlet, string clientId, string tenantId, string[] scopes, bool interactive,
            string thumbprint, string certificatePath, bool hasSecret, string tokenCachePath)
        {
            var parameters = new SignInParameters
            {
                ClientId = clientId,
                TenantId = string.IsNullOrEmpty(tenantId) ? null : tenantId,
                Scope = scopes,
                Interactive = interactive,
                CertificateThumbprint = string.IsNullOrEmpty(thumbprint) ? null : thumbprint,
                CertificatePath = string.IsNullOrEmpty(certificatePath) ? null : cmdlet.GetUnresolvedProviderPathFromPSPath(certificatePath),
                ClientSecret = hasSecret ? new SecureString() : null,
                TokenCachePath = string.IsNullOrEmpty(tokenCachePath) ? null : cmdlet.GetUnresolvedProviderPathFromPSPath(tokenCachePath),
            };
            account.SignIn = parameters.Method;
            account.ClientId = parameters.ClientId;
            account.TenantId = parameters.TenantId;
            account.Scopes = scopes == null || scopes.Length == 0 ? null : scopes;
            account.CertificateThumbprint = parameters.CertificateThumbprint;
            account.CertificatePath = parameters.CertificatePath;
            account.TokenCachePath = parameters.TokenCachePath;
        }

        /// <summary>The client secret goes to the vault as a credential named after the app; never into the profile.</summary>
        public static void StoreSecret(PSCmdlet cmdlet, string profilePath, MailAccount account, SecureString secret)
        {
            account.CredentialStore = new CredentialVault(cmdlet, profilePath).Store(account, new PSCredential(account.ClientId ?? account.UserName, secret));
            if (account.CredentialStore == CredentialStore.None)
                cmdlet.WriteWarning($"The client secret for '{account.Name}' was not saved: this computer has no SecretManagement vault, and MailTools keeps secrets nowhere else. {CredentialVault.HowToGetAVault}");
        }
    }
}
