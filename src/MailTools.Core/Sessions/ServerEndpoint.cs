#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
namespace MailTools.Core.Sessions
{
    /// <summary>Where a command went: used to name the server and account in every error message.</summary>
    public sealed class ServerEndpoint
    {
        public static readonly ServerEndpoint Unknown = new ServerEndpoint("(unknown)", 0, MailProtocol.Imap, null, 0);

        public ServerEndpoint(string server, int port, MailProtocol protocol, string userName, int timeoutSeconds, string account = null)
        {
            Server = server;
            Port = port;
            Protocol = protocol;
            UserName = userName;
            TimeoutSeconds = timeoutSeconds;
            Account = account;
        }

        public string Server { get; }
        public int Port { get; }
        public MailProtocol Protocol { get; }
        public string UserName { get; }
        public int TimeoutSeconds { get; }
        public string Account { get; }

        public string Describe()
        {
            string proto = Protocol == MailProtocol.Pop3 ? "POP3" : "IMAP";
            string who = string.IsNullOrEmpty(Account) ? UserName : Account;
            return string.IsNullOrEmpty(who)
                ? $"{proto} server {Server}:{Port}"
                : $"{proto} server {Server}:{Port} (account '{who}')";
        }

        public override string ToString() => Describe();
    }
}
