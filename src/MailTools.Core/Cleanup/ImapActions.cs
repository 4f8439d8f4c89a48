using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailTools.Core.Folders;
using MailTools.Core.Messages;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// The two things clean-up does to an open IMAP folder, always on exact UID sets, one command per chunk of at most
    /// ~7 KB of compressed UIDs (see <see cref="UidSetChunker"/>), never one per message.
    /// </summary>
    internal static class ImapActions
    {
        /// <summary>
        /// The keyword MailTools stores together with \Deleted. A run cut between UID STORE and UID EXPUNGE leaves its
        /// marks behind; the next run recognises them by this keyword and finishes the expunge, while a \Deleted set by
        /// another client (no keyword) is still never expunged by MailTools.
        /// </summary>
        internal const string PendingDeleteKeyword = "$MailToolsDelete";

        // Only where the folder keeps user keywords (PERMANENTFLAGS \*); elsewhere plain \Deleted, as before.
        static HashSet<string>? OurMark(IMailFolder folder) =>
            (folder.PermanentFlags & MessageFlags.UserDefined) != 0 ? new HashSet<string> { PendingDeleteKeyword } : null;

        static void MarkDeleted(MailSession session, IMailFolder folder, IList<UniqueId> chunk, HashSet<string>? mark, CancellationToken token)
        {
            if (mark != null)
                MailOperation.Command(session, () => folder.AddFlags(chunk, MessageFlags.Deleted, mark, true, token));
            else
                MailOperation.Command(session, () => folder.AddFlags(chunk, MessageFlags.Deleted, true, token));
        }

        /// <summary>
        /// Removes exactly <paramref name="uids"/> for good. With UIDPLUS: UID STORE +FLAGS.SILENT (\Deleted), then
        /// UID EXPUNGE of the same set (RFC 4315), which cannot touch anything else. Without UIDPLUS the only expunge is
        /// the plain EXPUNGE, which removes every \Deleted message (RFC 3501 6.4.3), including ones another client marked
        /// and may still want to undelete. So: clear \Deleted on those others, mark ours, EXPUNGE, and put their flag back
        /// (in a finally, so a failure half-way restores them too). Moving ours to a scratch folder first would not help:
        /// they would still need an expunge here. The window is three commands long; a message another client marks
        /// \Deleted inside it could be expunged, which is why MailTools prefers UID EXPUNGE whenever the server has it.
        /// </summary>
        public static void DeleteExactly(MailSession session, IMailFolder folder, IList<UniqueId> uids, IOutputWriter writer, CancellationToken token)
        {
            if (uids.Count == 0)
                return;
            var imap = session.Imap;
            var gmailTrash = session.IsGmail ? GmailTrash(session, folder) : null;
            if (gmailTrash != null)
            {
                DeleteOnGmail(session, folder, uids, gmailTrash, writer, token);
                return;
            }
            if (imap.Capabilities.HasFlag(ImapCapabilities.UidPlus))
            {
                // All STOREs first, then the UID EXPUNGEs: Dovecot's Maildir rescans the folder on the first expunge after
                // files were renamed (flags live in the file names), so alternating the two costs one full rescan per chunk.
                var chunks = UidSetChunker.Chunk(uids).ToList();
                var mark = OurMark(folder);
                foreach (var chunk in chunks)
                    MarkDeleted(session, folder, chunk, mark, token);
                // RFC 4315: UID EXPUNGE removes only these UIDs.
                foreach (var chunk in chunks)
                    MailOperation.Command(session, () => folder.Expunge(chunk, token));
                return;
            }

            var ours = new HashSet<uint>(uids.Select(u => u.Id));
            var marked = MailOperation.Command(session, () => folder.Search(SearchQuery.Deleted, token));
            var others = marked.Where(u => !ours.Contains(u.Id)).ToList();
            writer.Verbose($"{folder.FullName}: the server has no UIDPLUS, so MailTools clears \\Deleted on {others.Count} message(s) another client marked, expunges its own {uids.Count}, and marks those {others.Count} again.");
            foreach (var chunk in UidSetChunker.Chunk(others))
                MailOperation.Command(session, () => folder.RemoveFlags(chunk, MessageFlags.Deleted, true, token));
            try
            {
                var mark = OurMark(folder);
                foreach (var chunk in UidSetChunker.Chunk(uids))
                    MarkDeleted(session, folder, chunk, mark, token);
                MailOperation.Command(session, () => folder.Expunge(token));
            }
            finally
            {
                if (session.IsConnected)
                    foreach (var chunk in UidSetChunker.Chunk(others))
                        MailOperation.Command(session, () => folder.AddFlags(chunk, MessageFlags.Deleted, true, token));
            }
        }

        /// <summary>
        /// Moves exactly <paramref name="uids"/> to <paramref name="destination"/>: UID MOVE (RFC 6851) per chunk when the
        /// server has MOVE; otherwise UID COPY per chunk and then <see cref="DeleteExactly"/>, so a failed copy deletes nothing.
        /// </summary>
        public static IList<UniqueId> MoveExactly(MailSession session, IMailFolder folder, IList<UniqueId> uids, IMailFolder destination, IOutputWriter writer, CancellationToken token,
            ulong plannedModSeq = 0)
        {
            if (uids.Count == 0)
                return uids;
            uids = Claim(session, folder, uids, plannedModSeq, writer, token);
            var imap = session.Imap;
            if (imap.Capabilities.HasFlag(ImapCapabilities.Move))
            {
                foreach (var chunk in UidSetChunker.Chunk(uids))
                    MailOperation.Command(session, () => folder.MoveTo(chunk, destination, token));
                return uids;
            }
            writer.Verbose($"{folder.FullName}: the server has no MOVE, so MailTools copies to {destination.FullName} and then deletes exactly the copied messages.");
            foreach (var chunk in UidSetChunker.Chunk(uids))
                MailOperation.Command(session, () => folder.CopyTo(chunk, destination, token));
            DeleteExactly(session, folder, uids, writer, token);
            return uids;
        }

        /// <summary>The \Trash special-use folder on Gmail when <paramref name="folder"/> is another one; else null.</summary>
        static IMailFolder? GmailTrash(MailSession session, IMailFolder folder)
        {
            IMailFolder? trash = null;
            try { trash = session.Imap.GetFolder(SpecialFolder.Trash); }
            catch (NotSupportedException) { }
            return trash == null || trash.FullName == folder.FullName ? null : trash;
        }

        /// <summary>For the -WhatIf text: the Trash a Gmail delete goes through, or null.</summary>
        internal static string? GmailTrashName(MailSession session, IMailFolder folder) =>
            session.IsGmail ? GmailTrash(session, folder)?.FullName : null;

        /// <summary>
        /// Gmail keeps a message while any label holds it: expunging from a label folder only removes that label, and the
        /// message stays in [Gmail]/All Mail. Deleting for good is: UID MOVE to the \Trash folder, then, in Trash, STORE
        /// \Deleted and UID EXPUNGE exactly the UIDs the MOVE reported (COPYUID, RFC 4315). A run cut between the two
        /// leaves the messages in Trash, which Gmail empties after 30 days: nothing lost, nothing deleted wrongly.
        /// </summary>
        static void DeleteOnGmail(MailSession session, IMailFolder folder, IList<UniqueId> uids, IMailFolder trash, IOutputWriter writer, CancellationToken token)
        {
            var inTrash = new List<UniqueId>(uids.Count);
            foreach (var chunk in UidSetChunker.Chunk(uids))
            {
                var map = MailOperation.Command(session, () => folder.MoveTo(chunk, trash, token));
                if (map != null)
                    inTrash.AddRange(map.Destination);
            }
            writer.Verbose($"{folder.FullName}: Gmail: moved {uids.Count} message(s) to {trash.FullName}; expunging {inTrash.Count} there, which deletes them for good.");
            if (inTrash.Count < uids.Count)
                writer.Warning($"Gmail did not report where {uids.Count - inTrash.Count} message(s) landed in {trash.FullName} ({session.Account}); they stay there until Gmail empties the Trash (30 days).");
            if (inTrash.Count > 0)
            {
                MailOperation.Command(session, () => FolderOpener.Open(session, trash, FolderAccess.ReadWrite, token));
                try
                {
                    DeleteExactly(session, trash, inTrash, writer, token);
                }
                finally
                {
                    if (session.IsConnected)
                        MailOperation.Command(session, () => FolderOpener.Open(session, folder, FolderAccess.ReadWrite, token));
                }
            }
        }

        /// <summary>The keyword a clean-up sets, conditionally, on the messages it is about to move.</summary>
        internal const string ClaimKeyword = "$MailToolsClaim";

        /// <summary>
        /// Two clean-ups of one folder at once would both copy the same messages before either expunge lands (a
        /// duplicate in Trash). Where the server has CONDSTORE, each claims its messages first with a conditional STORE
        /// (RFC 7162 UNCHANGEDSINCE the folder's HIGHESTMODSEQ when the plan was made): only one claim per message can
        /// succeed, and a message someone else changed since is left for the next run, with a warning.
        /// </summary>
        static IList<UniqueId> Claim(MailSession session, IMailFolder folder, IList<UniqueId> uids, ulong plannedModSeq, IOutputWriter writer, CancellationToken token)
        {
            if (plannedModSeq == 0 || !session.Imap.Capabilities.HasFlag(ImapCapabilities.CondStore) || (folder.PermanentFlags & MessageFlags.UserDefined) == 0)
                return uids;
            var mark = new HashSet<string> { ClaimKeyword };
            var claimed = new List<UniqueId>(uids.Count);
            foreach (var chunk in UidSetChunker.Chunk(uids))
            {
                var changed = MailOperation.Command(session, () => folder.AddFlags(chunk, plannedModSeq, MessageFlags.None, mark, true, token));
                var skip = new HashSet<uint>(changed.Select(u => u.Id));
                claimed.AddRange(chunk.Where(u => !skip.Contains(u.Id)));
            }
            if (claimed.Count < uids.Count)
                writer.Warning($"{uids.Count - claimed.Count} message(s) in '{folder.FullName}' ({session.Account}) changed after the clean-up planned them (another client, or a second clean-up at the same time); they were left alone and the next run will look at them again.");
            return claimed;
        }

        /// <summary>The messages' headers for the deletion log, in chunks.</summary>
        public static IList<MailMessage> Describe(MailSession session, IMailFolder folder, IList<UniqueId> uids, CancellationToken token)
        {
            var list = new List<MailMessage>(uids.Count);
            foreach (var chunk in UidSetChunker.Chunk(uids, maxCount: MessageFinder.FetchChunk))
            {
                var summaries = MailOperation.Command(session, () => folder.Fetch(chunk,
                    MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.InternalDate | MessageSummaryItems.Size | MessageSummaryItems.Flags, token));
                list.AddRange(summaries.OrderBy(s => s.UniqueId.Id).Select(s => MessageFinder.ToMessage(session, folder, s)));
            }
            return list;
        }
    }
}
