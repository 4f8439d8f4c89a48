using MailTools.Core.Sessions;

namespace MailTools.Core.Compare
{
    /// <summary>One port and mode to try.</summary>
    public sealed class ProbeTarget
    {
        /// <summary>A target for <see cref="ProtocolProbe.Probe"/>.</summary>
        public ProbeTarget(MailProtocol protocol, string server, int port, MailSecurity security)
        {
            Protocol = protocol;
            Server = server;
            Port = port;
            Security = security;
        }

        /// <summary>IMAP or POP3.</summary>
        public MailProtocol Protocol { get; }

        /// <summary>The host name to connect to.</summary>
        public string Server { get; }

        /// <summary>The TCP port.</summary>
        public int Port { get; }

        /// <summary>Implicit TLS, STARTTLS or none.</summary>
        public MailSecurity Security { get; }

        /// <summary>"Imap mail.example.com:993 SslOnConnect", for verbose lines.</summary>
        public override string ToString() => $"{Protocol} {Server}:{Port} {Security}";
    }
}
