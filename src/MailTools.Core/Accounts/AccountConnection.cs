using System.Net;
using MailTools.Core.Sessions;

namespace MailTools.Core.Accounts
{
    /// <summary>Turns a saved profile (plus a credential from the vault or the user) into connection options.</summary>
    public static class AccountConnection
    {
        /// <param name="protocol">Another protocol than the profile's (e.g. POP3 for an IMAP account): uses Pop3Server/Pop3Port.</param>
        public static ConnectionOptions OptionsFor(MailAccount account, NetworkCredential credential, MailProtocol? protocol = null, int timeoutSeconds = 60)
        {
            var wanted = protocol ?? account.Protocol;
            bool otherPop3 = wanted == MailProtocol.Pop3 && account.Protocol != MailProtocol.Pop3;
            return new ConnectionOptions
            {
                Server = otherPop3 && !string.IsNullOrEmpty(account.Pop3Server) ? account.Pop3Server : account.Server,
                Port = otherPop3 ? account.Pop3Port : account.Port,
                Protocol = wanted,
                Security = account.Security,
                Credential = new NetworkCredential(account.UserName, credential?.SecurePassword),
                SkipCertificateCheck = account.SkipCertificateCheck,
                AccountName = account.Name,
                TimeoutSeconds = timeoutSeconds,
                DnsServer = account.DnsServer,
            };
        }
    }
}
