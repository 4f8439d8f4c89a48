using System.Collections.Generic;
using System.Linq;
using System.Net;
using MailKit.Security;

namespace MailTools.Core.SignIn
{
    /// <summary>
    /// Which SASL mechanism carries the token: OAUTHBEARER (RFC 7628, the standard) when the server offers it,
    /// else XOAUTH2 (what Gmail and Exchange Online document). Kept apart from the login code so that choice lives
    /// in one small place.
    /// </summary>
    public static class OAuthMechanism
    {
        /// <summary>OAUTHBEARER when the server offers it, else XOAUTH2.</summary>
        public static string Choose(IEnumerable<string> serverMechanisms)
        {
            var offered = new HashSet<string>((serverMechanisms ?? Enumerable.Empty<string>()).Select(m => m.ToUpperInvariant()));
            return offered.Contains("OAUTHBEARER") ? "OAUTHBEARER" : "XOAUTH2";
        }

        /// <summary>MailKit's SASL mechanism <paramref name="name"/> carrying <paramref name="accessToken"/> for <paramref name="userName"/>.</summary>
        public static SaslMechanism Create(string name, string userName, string accessToken)
        {
            var credential = new NetworkCredential(userName, accessToken);
            return name == "OAUTHBEARER" ? (SaslMechanism)new SaslMechanismOAuthBearer(credential) : new SaslMechanismOAuth2(credential);
        }
    }
}
