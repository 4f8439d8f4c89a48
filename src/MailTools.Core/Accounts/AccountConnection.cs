using System;
using System.Net;
using MailTools.Core.Sessions;
using MailTools.Core.SignIn;

namespace MailTools.Core.Accounts
{
    /// <summary>Turns a saved profile (plus a credential from the vault or the user) into connection options.</summary>
    public static class AccountConnection
    {
        /// <summary>The connection options for a saved account: its server, port, security and sign-in method.</summary>
        /// <param name="account">The saved profile (Register-MailAccount).</param>
        /// <param name="protocol">Another protocol than the profile's (e.g. POP3 for an IMAP account): uses Pop3Server/Pop3Port.</param>
        /// <param name="credential">The password; for a client-secret sign-in, the secret; unused by other OAuth2 methods.</param>
        /// <param name="timeoutSeconds">How long one network operation may take before it fails as a timeout.</param>
        /// <param name="interactive">False in a non-interactive run: an OAuth2 sign-in that needs the user fails instead of waiting.</param>
        public static ConnectionOptions OptionsFor(MailAccount account, NetworkCredential? credential, MailProtocol? protocol = null, int timeoutSeconds = 60, bool interactive = true)
        {
            var wanted = protocol ?? account.Protocol;
            bool otherPop3 = wanted == MailProtocol.Pop3 && account.Protocol != MailProtocol.Pop3;
            var options = new ConnectionOptions
            {
                Server = otherPop3 && account.Pop3Server is { Length: > 0 } pop3Server ? pop3Server : account.Server,
                Port = otherPop3 ? account.Pop3Port : account.Port,
                Protocol = wanted,
                Security = account.Security,
                Credential = new NetworkCredential(account.UserName, credential?.SecurePassword),
                SkipCertificateCheck = account.SkipCertificateCheck,
                AccountName = account.Name,
                TimeoutSeconds = timeoutSeconds,
                DnsServer = account.DnsServer,
            };
            if (account.SignIn != SignInMethod.Password)
            {
                options.Credential = new NetworkCredential(account.UserName, string.Empty);
                options.TokenSource = TokenSourceFactory.Create(SignInFor(account, credential, interactive), account.UserName, wanted);
            }
            return options;
        }

        /// <summary>The saved sign-in of an account, with the client secret (from the vault) when the method needs one.</summary>
        public static SignInSettings SignInFor(MailAccount account, NetworkCredential? secret, bool interactive) => new SignInSettings
        {
            Method = account.SignIn,
            ClientId = account.ClientId,
            TenantId = account.TenantId,
            Scopes = account.Scopes ?? Array.Empty<string>(),
            CertificateThumbprint = account.CertificateThumbprint,
            CertificatePath = account.CertificatePath,
            TokenCachePath = account.TokenCachePath,
            GoogleClientSecretPath = account.GoogleClientSecretPath,
            GoogleServiceAccountKeyPath = account.GoogleServiceAccountKeyPath,
            // A service account key saved in the vault (no key file named) comes back as the account's secret.
            GoogleServiceAccountKey = account.SignIn == SignInMethod.GoogleServiceAccount && string.IsNullOrEmpty(account.GoogleServiceAccountKeyPath) ? secret?.SecurePassword : null,
            ClientSecret = account.SignIn == SignInMethod.MicrosoftClientSecret ? secret?.SecurePassword : null,
            AccessToken = account.SignIn == SignInMethod.AccessToken ? secret?.SecurePassword : null,
            AllowInteraction = interactive,
        };
    }
}
