using System.Net;

namespace MailTools.Core.Sessions
{
    /// <summary>Everything needed to open (and re-open) a session. The password stays in the NetworkCredential.</summary>
    public sealed class ConnectionOptions
    {
        /// <summary>The server's host name or address.</summary>
        public string Server { get; set; } = string.Empty;
        /// <summary>The port; null means the protocol's and security's default (<see cref="ResolvePort"/>).</summary>
        public int? Port { get; set; }
        /// <summary>IMAP or POP3.</summary>
        public MailProtocol Protocol { get; set; } = MailProtocol.Imap;
        /// <summary>How the connection is secured; Auto follows the port (<see cref="ResolveSecurity"/>).</summary>
        public MailSecurity Security { get; set; } = MailSecurity.Auto;
        /// <summary>The user and password; with a token source only the user name counts.</summary>
        public NetworkCredential Credential { get; set; } = new NetworkCredential();
        /// <summary>Accept any server certificate (-SkipCertificateCheck; warned about).</summary>
        public bool SkipCertificateCheck { get; set; }
        /// <summary>Allow a password over an unencrypted connection (with -Security None only).</summary>
        public bool AllowInsecureAuthentication { get; set; }
        /// <summary>Where MailKit's protocol log goes (credentials redacted); null: no log.</summary>
        public string? ProtocolLogPath { get; set; }
        /// <summary>How long one network operation may take.</summary>
        public int TimeoutSeconds { get; set; } = 60;
        /// <summary>host[:port] of the DNS server that resolves <see cref="Server"/> (split-horizon, -DnsServer); null: the system's.</summary>
        public string? DnsServer { get; set; }

        /// <summary>Connections MailTools opens to one account at once, across the process (Dovecot allows 10, Gmail 15).</summary>
        public int MaxConnections { get; set; } = ConnectionGate.DefaultLimit;

        /// <summary>How long MailTools may wait for a provider limit (throttling, a connection slot) without progress.</summary>
        public int MaxWaitSeconds { get; set; } = 300;

        /// <summary>Who opens the session (the cmdlet's runspace): a slot held by the same owner is never waited for.</summary>
        public object? Owner { get; set; }

        /// <summary>
        /// OAuth2 instead of a password: asked for a token at every login, so a reconnect (a dropped connection, an
        /// expired token) gets a fresh one. Credential then carries only the user name (the mailbox).
        /// </summary>
        public SignIn.ITokenSource? TokenSource { get; set; }

        /// <summary>The saved account this session belongs to, when it came from a profile; else user@server.</summary>
        public string? AccountName { get; set; }

        /// <summary>The port to use: the given one, else 993/143 (IMAP) or 995/110 (POP3) by security.</summary>
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

        /// <summary>A copy for another connection to the same account (extra lanes, reconnects).</summary>
        public ConnectionOptions Clone() => (ConnectionOptions)MemberwiseClone();
    }
}
