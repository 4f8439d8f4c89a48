#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System.Management.Automation;
using System.Security;

namespace MailTools.Accounts
{
    /// <summary>Writes an OAuth2 sign-in into a saved profile (method, ids, scopes, where the certificate is) and its secret into the vault.</summary>
    internal static class SavedSignIn
    {
        public static void Apply(MailAccount account, PSCmdlet cmdlet, SignInParameters given)
        {
            var parameters = given.ResolvePaths(cmdlet);
            account.SignIn = parameters.Method;
            account.ClientId = string.IsNullOrEmpty(parameters.ClientId) ? null : parameters.ClientId;
            account.TenantId = string.IsNullOrEmpty(parameters.TenantId) ? null : parameters.TenantId;
            account.Scopes = parameters.Scope == null || parameters.Scope.Length == 0 ? null : parameters.Scope;
            account.CertificateThumbprint = string.IsNullOrEmpty(parameters.CertificateThumbprint) ? null : parameters.CertificateThumbprint;
            account.CertificatePath = parameters.CertificatePath;
            account.TokenCachePath = parameters.TokenCachePath;
            account.GoogleClientSecretPath = parameters.GoogleClientSecretPath;
            account.GoogleServiceAccountKeyPath = parameters.GoogleServiceAccountKeyPath;
            if (account.SignIn == SignInMethod.GoogleInstalledApp)
            {
                // The client id is shown by Get-MailAccount; the file (with the client's secret) stays where it is.
                try { account.ClientId = MailTools.Core.SignIn.GoogleClientFile.InstalledApp(parameters.GoogleClientSecretPath).ClientId; }
                catch (MailTools.Core.Errors.MailToolsException ex) { cmdlet.WriteWarning(ex.Message + " " + ex.RecommendedAction); }
            }
        }

        /// <summary>The saved sign-in of an account as parameters, so a change of some of them keeps the rest.</summary>
        public static SignInParameters From(MailAccount account) => new SignInParameters
        {
            ClientId = account.ClientId,
            TenantId = account.TenantId,
            Scope = account.Scopes,
            Interactive = account.SignIn == SignInMethod.MicrosoftInteractive,
            CertificateThumbprint = account.CertificateThumbprint,
            CertificatePath = account.CertificatePath,
            ClientSecret = account.SignIn == SignInMethod.MicrosoftClientSecret ? new SecureString() : null,
            TokenCachePath = account.TokenCachePath,
            GoogleClientSecretPath = account.GoogleClientSecretPath,
            GoogleServiceAccountKeyPath = account.GoogleServiceAccountKeyPath,
        };

        /// <summary>The client secret goes to the vault as a credential named after the app; never into the profile.</summary>
        public static void StoreSecret(PSCmdlet cmdlet, string profilePath, MailAccount account, SecureString secret)
        {
            account.CredentialStore = new CredentialVault(cmdlet, profilePath).Store(account, new PSCredential(account.ClientId ?? account.UserName, secret));
            if (account.CredentialStore == CredentialStore.None)
                cmdlet.WriteWarning($"The client secret for '{account.Name}' was not saved: this computer has no SecretManagement vault, and MailTools keeps secrets nowhere else. {CredentialVault.HowToGetAVault}");
        }
    }
}
