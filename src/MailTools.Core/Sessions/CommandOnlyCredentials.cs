using System;
using System.Net;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// A credential that answers only when MailKit asks for the protocol's own login command ("DEFAULT": IMAP LOGIN,
    /// POP3 USER/PASS), never for a SASL mechanism or APOP: MailKit's Authenticate then skips straight to that one
    /// command, so a wrong password is tried exactly once.
    /// </summary>
    internal sealed class CommandOnlyCredentials : ICredentials
    {
        readonly NetworkCredential _credential;

        public CommandOnlyCredentials(NetworkCredential credential) => _credential = credential;

        public NetworkCredential? GetCredential(Uri uri, string authType) =>
            string.Equals(authType, "DEFAULT", StringComparison.OrdinalIgnoreCase) ? _credential : null;
    }
}
