using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Security;
using MailTools.Core.Sessions;

namespace MailTools.Core.SignIn
{
    /// <summary>
    /// Logs a connected client in with an OAuth2 token (SASL OAUTHBEARER or XOAUTH2, see <see cref="OAuthMechanism"/>).
    /// The token is asked for at each login (SessionConnector), so every reconnect uses a fresh one.
    /// </summary>
    internal static class TokenLogin
    {
        public static void Authenticate(MailService client, ITokenSource source, AccessTokenInfo accessToken, ServerEndpoint where, IOutputWriter writer, CancellationToken token)
        {
            var offered = client is ImapClient imap ? imap.AuthenticationMechanisms
                : client is Pop3Client pop3 ? pop3.AuthenticationMechanisms
                : client.AuthenticationMechanisms;
            string name = OAuthMechanism.Choose(offered.ToList());
            writer.Verbose($"Logging in to the {where.Describe()} as '{where.UserName}' with {name} ({accessToken}).");
            try
            {
                client.Authenticate(OAuthMechanism.Create(name, where.UserName!, accessToken.Value), token);   // SessionConnector.Check refused a session without a user name
            }
            catch (AuthenticationException ex)
            {
                throw SignInErrors.TokenRefused(where, source, ex);
            }
        }
    }
}
