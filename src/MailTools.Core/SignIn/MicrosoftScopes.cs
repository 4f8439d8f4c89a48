using System;
using System.Collections.Generic;
using System.Linq;

namespace MailTools.Core.SignIn
{
    /// <summary>The Exchange Online scopes MailTools asks for, and where Microsoft's sign-in lives.</summary>
    public static class MicrosoftScopes
    {
        /// <summary>The delegated scope for IMAP as the signed-in user.</summary>
        public const string ImapDelegated = "https://outlook.office.com/IMAP.AccessAsUser.All";
        /// <summary>The delegated scope for POP3 as the signed-in user.</summary>
        public const string Pop3Delegated = "https://outlook.office.com/POP.AccessAsUser.All";
        /// <summary>Asks for a refresh token, so later runs sign in silently.</summary>
        public const string OfflineAccess = "offline_access";
        /// <summary>The app-only (client credentials) scope: every permission the admin granted to the app.</summary>
        public const string AppOnly = "https://outlook.office365.com/.default";
        /// <summary>Microsoft's public-cloud sign-in host.</summary>
        public const string PublicAuthorityHost = "https://login.microsoftonline.com";

        /// <summary>
        /// For tests and sovereign clouds: another sign-in host (e.g. https://login.microsoftonline.us). Set, it also
        /// turns MSAL's instance discovery off, since only Microsoft's public cloud answers that.
        /// </summary>
        public const string AuthorityHostVariable = "MAILTOOLS_MSAL_AUTHORITY_HOST";

        /// <summary>The sign-in host: <see cref="AuthorityHostVariable"/> from <paramref name="environment"/> when set, else the public cloud's.</summary>
        public static string AuthorityHost(Func<string, string?>? environment)
        {
            string? host = environment?.Invoke(AuthorityHostVariable);
            return host == null || string.IsNullOrWhiteSpace(host) ? PublicAuthorityHost : host.TrimEnd('/');
        }

        /// <summary>True for Microsoft's public cloud, the only host whose instance discovery MSAL may use.</summary>
        public static bool IsPublicCloud(string host) => string.Equals(host, PublicAuthorityHost, StringComparison.OrdinalIgnoreCase);

        /// <summary>The scopes for this method and protocol unless the user gave some.</summary>
        public static IList<string> For(SignInMethod method, MailProtocol protocol, IList<string>? given)
        {
            if (given != null && given.Count > 0)
                return given.ToList();
            if (method == SignInMethod.MicrosoftCertificate || method == SignInMethod.MicrosoftClientSecret)
                return new List<string> { AppOnly };
            // offline_access is what gives MSAL a refresh token: the sign-in then renews itself.
            return new List<string> { protocol == MailProtocol.Pop3 ? Pop3Delegated : ImapDelegated, OfflineAccess };
        }
    }
}
