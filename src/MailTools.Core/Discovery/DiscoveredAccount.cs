using System.Collections.Generic;

namespace MailTools.Core.Discovery
{
    /// <summary>
    /// Turns discovery's best verified candidates into an account profile: the reading protocol's server, port and
    /// security, the other reading protocol as Pop3Server/Pop3Port, and the submission server for sending.
    /// Register-MailAccount stores it; Test-MailAccount and Compare-MailProtocol use it without storing.
    /// </summary>
    public static class DiscoveredAccount
    {
        /// <summary>
        /// The account <paramref name="name"/> for <paramref name="emailAddress"/> on the best verified candidates; throws
        /// NoVerifiedMailServer when no candidate for <paramref name="protocol"/> is verified (POP3 and SMTP stay optional).
        /// </summary>
        public static MailAccount Build(string name, string emailAddress, MailProtocol protocol, IList<MailServerCandidate> candidates,
            string? dnsServer, IOutputWriter? writer)
        {
            var main = CandidateChooser.Best(candidates, protocol == MailProtocol.Pop3 ? MailServerProtocol.Pop3 : MailServerProtocol.Imap, writer);
            var account = new MailAccount
            {
                Name = name,
                EmailAddress = emailAddress,
                Protocol = protocol,
                Server = main.Host,
                Port = main.Port,
                Security = SecurityFor(main),
                UserName = main.UserName ?? emailAddress,
                DnsServer = string.IsNullOrEmpty(dnsServer) ? null : dnsServer,
                SecretName = MailAccount.SecretNameFor(name),
            };
            if (protocol == MailProtocol.Imap)
            {
                var pop3 = CandidateChooser.BestOrNull(candidates, MailServerProtocol.Pop3, writer);
                if (pop3 != null)
                {
                    account.Pop3Server = pop3.Host;
                    account.Pop3Port = pop3.Port;
                }
            }
            var smtp = CandidateChooser.BestOrNull(candidates, MailServerProtocol.Smtp, writer);
            if (smtp != null)
            {
                account.SmtpServer = smtp.Host;
                account.SmtpPort = smtp.Port;
            }
            return account;
        }

        // Auto already means TLS on 993/995 and STARTTLS elsewhere; keep it when it says the same, so the other
        // protocol's port is not forced into this one's mode.
        static MailSecurity SecurityFor(MailServerCandidate c)
        {
            bool implicitPort = c.Port == 993 || c.Port == 995;
            if ((implicitPort && c.Security == MailSecurity.SslOnConnect) || (!implicitPort && c.Security == MailSecurity.StartTls))
                return MailSecurity.Auto;
            return c.Security;
        }
    }
}
