namespace MailTools.Core.Sessions
{
    /// <summary>Where a command went: used to name the server and account in every error message.</summary>
    public sealed class ServerEndpoint
    {
        /// <summary>For an error raised before any server was chosen.</summary>
        public static readonly ServerEndpoint Unknown = new ServerEndpoint("(unknown)", 0, MailProtocol.Imap, null, 0);

        /// <summary>The endpoint of a session; <paramref name="userName"/> and <paramref name="account"/> are null when unknown (a probe without login).</summary>
        public ServerEndpoint(string server, int port, MailProtocol protocol, string? userName, int timeoutSeconds, string? account = null)
        {
            Server = server;
            Port = port;
            Protocol = protocol;
            UserName = userName;
            TimeoutSeconds = timeoutSeconds;
            Account = account;
        }

        /// <summary>The server's host name or address.</summary>
        public string Server { get; }
        /// <summary>The TCP port.</summary>
        public int Port { get; }
        /// <summary>IMAP or POP3.</summary>
        public MailProtocol Protocol { get; }
        /// <summary>The login name; null when no login was made.</summary>
        public string? UserName { get; }
        /// <summary>The per-command timeout, named in timeout errors.</summary>
        public int TimeoutSeconds { get; }
        /// <summary>The saved account's name; null for a session made from -Server.</summary>
        public string? Account { get; }

        /// <summary>"IMAP server host:port (account 'name')", as error messages name the server.</summary>
        public string Describe()
        {
            string proto = Protocol == MailProtocol.Pop3 ? "POP3" : "IMAP";
            string? who = string.IsNullOrEmpty(Account) ? UserName : Account;
            return string.IsNullOrEmpty(who)
                ? $"{proto} server {Server}:{Port}"
                : $"{proto} server {Server}:{Port} (account '{who}')";
        }

        /// <summary>The same as <see cref="Describe"/>.</summary>
        public override string ToString() => Describe();
    }
}
