using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MailKit;
using MailTools.Core.Errors;
using MailTools.Core.Folders;
using MailTools.Core.Messages;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>Remove-MailMessage and Move-MailMessage: act on the messages given, one folder at a time, in batched UID sets.</summary>
    public static class MessageActions
    {
        /// <param name="destination">Null to delete; else a folder name or role to move to.</param>
        /// <param name="session">The session the messages came from.</param>
        /// <param name="folderName">The folder they are in.</param>
        /// <param name="messages">The messages, as Get-MailMessage returned them.</param>
        /// <param name="log">The deletion log, or null for none.</param>
        /// <param name="writer">Verbose, warnings and ShouldProcess; null for none.</param>
        /// <param name="token">Stops the work.</param>
        public static CleanupResult Apply(MailSession session, string folderName, IList<MailMessage> messages, string? destination,
            DeletionLog? log, IOutputWriter? writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            writer = writer ?? NullOutputWriter.Instance;
            var watch = Stopwatch.StartNew();
            string action = destination == null ? "Delete" : "Move";
            return MailOperation.Run(session, writer, token, () =>
            {
                if (session.Protocol == MailProtocol.Pop3)
                {
                    if (destination != null)
                        throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                            $"The {session.Endpoint.Describe()} is a POP3 account, which has no other folders to move to.", session)
                        { RecommendedAction = "Connect with -Protocol Imap to move messages." };
                    return RemovePop3(session, messages, log, writer, watch, token);
                }
                var resolver = FolderResolver.Listed(session, writer, token);
                var folder = resolver.Single(folderName);
                var target = destination == null ? null : resolver.Single(destination);
                if (target != null && target.FullName == folder.FullName)
                    throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                        $"The messages are already in '{folder.FullName}'.", destination);
                MailOperation.Command(session, () => FolderOpener.Open(session, folder, FolderAccess.ReadWrite, token));
                try
                {
                    var stale = messages.FirstOrDefault(m => m.UidValidity != 0 && m.UidValidity != folder.UidValidity);
                    if (stale != null)
                        throw new MailToolsException(ErrorIds.FolderChanged, MailErrorKind.InvalidOperation,
                            $"The folder '{folder.FullName}' on the {session.Endpoint.Describe()} was recreated since the messages were listed (UIDVALIDITY {stale.UidValidity} is now {folder.UidValidity}); their UIDs now mean other messages, so nothing was changed.", folder.FullName)
                        { RecommendedAction = "List the messages again with Get-MailMessage and pipe the fresh list." };
                    var uids = messages.Select(m => new UniqueId(m.Uid)).Distinct().OrderBy(u => u.Id).ToList();
                    IList<MailMessage>? described = log != null ? ImapActions.Describe(session, folder, uids, token) : null;
                    if (target == null)
                        ImapActions.DeleteExactly(session, folder, uids, writer, token);
                    else
                        ImapActions.MoveExactly(session, folder, uids, target, writer, token);
                    if (described != null && log != null)
                    {
                        var when = DateTimeOffset.Now;
                        foreach (var m in described)
                            log.Write(when, m, action, target?.FullName);
                        log.Flush();
                    }
                    return new CleanupResult
                    {
                        Account = session.Account, Folder = folder.FullName, Rule = "(pipeline)", Action = action, Destination = target?.FullName,
                        Matched = uids.Count, Acted = uids.Count, Bytes = messages.Sum(m => m.Size), ActedBytes = messages.Sum(m => m.Size), Duration = watch.Elapsed, Session = session,
                    };
                }
                finally
                {
                    if (folder.IsOpen && session.IsConnected)
                        MailOperation.Command(session, () => folder.Close(false, token));
                }
            });
        }

        static CleanupResult RemovePop3(MailSession session, IList<MailMessage> messages, DeletionLog? log, IOutputWriter writer, Stopwatch watch, CancellationToken token)
        {
            // Message numbers change between POP3 sessions; the UIDL is what identifies a message (RFC 1939 7).
            var pop = session.Pop3;
            var current = MailOperation.Command(session, () => pop.GetMessageUids(token));
            var byUid = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < current.Count; i++)
                byUid[current[i]] = i;
            var found = new List<MailMessage>();
            foreach (var m in messages)
            {
                if (m.Pop3Uid != null && byUid.TryGetValue(m.Pop3Uid, out int index))
                {
                    m.Uid = (uint)(index + 1);
                    found.Add(m);
                }
            }
            if (found.Count < messages.Count)
                writer.Warning($"{messages.Count - found.Count} message(s) are no longer on the {session.Endpoint.Describe()}.");
            if (found.Count > 0)
                Pop3Cleanup.Delete(session, found, log, "Delete", writer, token);
            return new CleanupResult
            {
                Account = session.Account, Folder = "INBOX", Rule = "(pipeline)", Action = "Delete",
                Matched = messages.Count, Acted = found.Count, Bytes = found.Sum(m => m.Size), ActedBytes = found.Sum(m => m.Size), Duration = watch.Elapsed, Session = session,
            };
        }
    }
}
