using System;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailTools.Core.Sessions;

namespace MailTools.Core.Folders
{
    /// <summary>
    /// SELECT/EXAMINE, once more after a plain NO. A server that creates a folder on first access (Dovecot's special-use
    /// folders with <c>auto = create</c>) answers the second of two connections opening that folder at the same moment
    /// with <c>NO [ALREADYEXISTS]</c>: the other connection has just created it, and the next SELECT succeeds. Several
    /// connections of one command (-ConnectionCount) meet this on a new account. A second NO, a throttled reply and a
    /// missing folder (MailKit's FolderNotFoundException) are reported as before.
    /// </summary>
    internal static class FolderOpener
    {
        static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

        public static FolderAccess Open(MailSession session, IMailFolder folder, FolderAccess access, CancellationToken token)
        {
            try
            {
                return folder.Open(access, token);
            }
            catch (ImapCommandException ex) when (ex.Response == ImapCommandResponse.No && Throttling.CommandSignal(session, ex) == null)
            {
                session.CallerWriter.Verbose($"The {session.Endpoint.Describe()} refused to open '{folder.FullName}' ({ex.ResponseText}); trying once more.");
                token.WaitHandle.WaitOne(Pause);
                token.ThrowIfCancellationRequested();
                return folder.Open(access, token);
            }
        }
    }
}
