using System.IO;
using System.Management.Automation;
using System.Security;
using MailTools.Core.Errors;
using MailTools.Core.SignIn;

namespace MailTools.Accounts
{
    /// <summary>
    /// Writes an OAuth2 sign-in into a saved profile (method, ids, scopes, where the certificate is) and its secrets
    /// into the vault: a client secret, or a Google service account's whole key (a file that may move or be deleted is
    /// no place for a scheduled run to depend on).
    /// </summary>
    internal static class SavedSignIn
    {
        /// <summary>Puts the given sign-in into the profile; a service account key file is read (and checked) here, kept for <see cref="StoreSecrets"/>.</summary>
        public static void Apply(MailAccount account, PSCmdlet cmdlet, SignInParameters given)
        {
            if (given.Certificate != null || given.CertificatePassword != null)
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    $"Account '{account.Name}' cannot keep -Certificate or -CertificatePassword: a saved account records only where the certificate is.", account.Name)
                { RecommendedAction = "Save -CertificateThumbprint (a certificate in your store, key not exportable) instead, or pass -Certificate to Connect-MailServer each time." };
            var parameters = given.ResolvePaths(cmdlet);
            account.SignIn = parameters.Method;
            account.ClientId = string.IsNullOrEmpty(parameters.ClientId) ? null : parameters.ClientId;
            account.TenantId = string.IsNullOrEmpty(parameters.TenantId) ? null : parameters.TenantId;
            account.Scopes = parameters.Scope == null || parameters.Scope.Length == 0 ? null : parameters.Scope;
            account.CertificateThumbprint = string.IsNullOrEmpty(parameters.CertificateThumbprint) ? null : parameters.CertificateThumbprint;
            account.CertificatePath = parameters.CertificatePath;
            account.TokenCachePath = parameters.TokenCachePath;
            account.GoogleClientSecretPath = parameters.GoogleClientSecretPath;
            // Never a key path in the profile: the key itself goes to the vault (StoreSecrets).
            account.GoogleServiceAccountKeyPath = null;
            if (account.SignIn == SignInMethod.GoogleInstalledApp)
            {
                // The client id is shown by Get-MailAccount; the file (with the client's secret) stays where it is.
                // (! : the method is GoogleInstalledApp only when the path was given.)
                try { account.ClientId = GoogleClientFile.InstalledApp(parameters.GoogleClientSecretPath!).ClientId; }
                catch (MailToolsException ex) { cmdlet.WriteWarning(ex.Message + " " + ex.RecommendedAction); }
            }
            if (account.SignIn == SignInMethod.GoogleServiceAccount && parameters.GoogleServiceAccountKeyPath != null)
            {
                // Read and checked now, so a wrong file is an error before anything is saved; the account shows whose key it is.
                account.ClientId = GoogleClientFile.ServiceAccount(parameters.GoogleServiceAccountKeyPath, null).ClientEmail;
                given.ServiceAccountKey = ReadKey(parameters.GoogleServiceAccountKeyPath);
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
            GoogleServiceAccountKeyInVault = account.SignIn == SignInMethod.GoogleServiceAccount && string.IsNullOrEmpty(account.GoogleServiceAccountKeyPath),
        };

        /// <summary>
        /// After the profile is accepted: a client secret goes to the vault as a credential named after the app, a service
        /// account key as one named after the service account; never into the profile.
        /// </summary>
        public static void StoreSecrets(PSCmdlet cmdlet, string profilePath, MailAccount account, SignInParameters given)
        {
            if (given.ClientSecret != null && given.ClientSecret.Length > 0)
            {
                account.CredentialStore = new CredentialVault(cmdlet, profilePath).Store(account, new PSCredential(account.ClientId ?? account.UserName, given.ClientSecret));
                if (account.CredentialStore == CredentialStore.None)
                    cmdlet.WriteWarning($"The client secret for '{account.Name}' was not saved: this computer has no SecretManagement vault, and MailTools keeps secrets nowhere else. {CredentialVault.HowToGetAVault}");
            }
            if (given.ServiceAccountKey != null)
            {
                account.CredentialStore = new CredentialVault(cmdlet, profilePath).Store(account, new PSCredential(account.ClientId ?? account.UserName, given.ServiceAccountKey));
                if (account.CredentialStore == CredentialStore.None)
                    cmdlet.WriteWarning($"The service account key for '{account.Name}' was not saved: this computer has no SecretManagement vault, and MailTools keeps keys nowhere else, so this account cannot sign in until it is. {CredentialVault.HowToGetAVault} Then run Set-MailAccount -Name '{account.Name}' -GoogleServiceAccountKeyPath <key.json>.");
            }
        }

        static SecureString ReadKey(string path)
        {
            var key = new SecureString();
            foreach (char c in File.ReadAllText(path))
                key.AppendChar(c);
            key.MakeReadOnly();
            return key;
        }
    }
}
