using System;
using System.Collections.Generic;
using System.Linq;

namespace MailTools.Core.SignIn
{
    /// <summary>The Exchange Online scopes MailTools asks for, and where Microsoft's sign-in lives.</summary>
    public static class MicrosoftScopes
    {
        public const string ImapDelegated = "https://outlook.office.com/IMAP.AccessAsUser.All";
        public const string Pop3Delegated = "https://outlook.office.com/POP.AccessAsUser.All";
        public const string OfflineAccess = "offline_access";
        public const string AppOnly = "https://outlook.office365.com/.default";
        public const string PublicAuthorityHost = "https://login.microsoftonline.com";

        /// <summary>
        /// For tests and sovereign clouds: another sign-in host (e.g. https://login.microsoftonline.us). Set, it also
        /// turns MSAL's instance discovery off, since only Microsoft's public cloud answers that.
        /// </summary>
        public const string AuthorityHostVariable = "MAILTOOLS_MSAL_AUTHORITY_HOST";

        public static string AuthorityHost(Func<string, string?>? environment)
        {
            string? host = environment?.Invoke(AuthorityHostVariable);
            return host == null || string.IsNullOrWhiteSpace(host) ? PublicAuthorityHost : host.TrimEnd('/');
        }

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
