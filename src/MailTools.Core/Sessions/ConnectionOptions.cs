#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System.Net;

namespace MailTools.Core.Sessions
{
    /// <summary>Everything needed to open (and re-open) a session. The password stays in the NetworkCredential.</summary>
    public sealed class ConnectionOptions
    {
        public string Server { get; set; }
        public int? Port { get; set; }
        public MailProtocol Protocol { get; set; } = MailProtocol.Imap;
        public MailSecurity Security { get; set; } = MailSecurity.Auto;
        public NetworkCredential Credential { get; set; }
        public bool SkipCertificateCheck { get; set; }
        public bool AllowInsecureAuthentication { get; set; }
        public string ProtocolLogPath { get; set; }
        public int TimeoutSeconds { get; set; } = 60;
        /// <summary>host[:port] of the DNS server that resolves <see cref="Server"/> (split-horizon, -DnsServer); null: the system's.</summary>
        public string DnsServer { get; set; }

        /// <summary>Connections MailTools opens to one account at once, across the process (Dovecot allows 10, Gmail 15).</summary>
        public int MaxConnections { get; set; } = ConnectionGate.DefaultLimit;

        /// <summary>How long MailTools may wait for a provider limit (throttling, a connection slot) without progress.</summary>
        public int MaxWaitSeconds { get; set; } = 300;

        /// <summary>Who opens the session (the cmdlet's runspace): a slot held by the same owner is never waited for.</summary>
        public object Owner { get; set; }

        /// <summary>
        /// OAuth2 instead of a password: asked for a token at every login, so a reconnect (a dropped connection, an
        /// expired token) gets a fresh one. Credential then carries only the user name (the mailbox).
        /// </summary>
        public SignIn.ITokenSource TokenSource { get; set; }

        /// <summary>The saved account this session belongs to, when it came from a profile; else user@server.</summary>
        public string AccountName { get; set; }

        public int ResolvePort()
        {
            if (Port.HasValue && Port.Value > 0)
                return Port.Value;
            bool tls = Security == MailSecurity.Auto || Security == MailSecurity.SslOnConnect;
            if (Protocol == MailProtocol.Pop3)
                return tls ? 995 : 110;
            return tls ? 993 : 143;
        }

        /// <summary>Auto becomes SslOnConnect on the implicit-TLS ports and StartTls (required) anywhere else.</summary>
        public MailSecurity ResolveSecurity()
        {
            if (Security != MailSecurity.Auto)
                return Security;
            int port = ResolvePort();
            return port == 993 || port == 995 ? MailSecurity.SslOnConnect : MailSecurity.StartTls;
        }

        public ConnectionOptions Clone() => (ConnectionOptions)MemberwiseClone();
    }
}
