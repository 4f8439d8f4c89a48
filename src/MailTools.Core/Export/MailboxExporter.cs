using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Search;
using MailTools.Core.Errors;
using MailTools.Core.Folders;
using MailTools.Core.Sessions;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Export-Mailbox's entry points and the clean-up's Archive: each runs in the envelope (<see cref="MailOperation"/>:
    /// session held and connected, failures translated, a dropped folder export resumed from its state file); the work
    /// of a folder is <see cref="ImapFolderExport"/> or <see cref="Pop3Exporter"/>, over <see cref="BatchCopier"/>.
    /// </summary>
    public static class MailboxExporter
    {
        /// <summary>The folder beside the exported mail that keeps the manifest and the per-folder UID state.</summary>
        public const string StateDirectoryName = "mailtools-state";

        /// <summary>Every selectable folder of the session (POP3: INBOX), in the server's order.</summary>
        public static IList<string> AllFolders(MailSession session, IOutputWriter writer, CancellationToken token) =>
            MailOperation.Run(session, writer, token, () => session.Protocol == MailProtocol.Pop3 ? new[] { "INBOX" }
                // A connection the server dropped while idle (a restart, a kick) shows only at this first command: reconnect.
                : MailOperation.Resumable(session, "the folder listing", writer, token, () =>
                {
                    var imap = session.Imap;
                    var ns = imap.PersonalNamespaces.Count > 0 ? imap.PersonalNamespaces[0] : new FolderNamespace('/', string.Empty);
                    var all = imap.GetFolders(ns, false, token);
                    session.RememberFolders(all.Select(f => f.FullName));
                    return (IList<string>)GmailExport.Order(session, all.Where(f => !f.Attributes.HasFlag(FolderAttributes.NoSelect) && !f.Attributes.HasFlag(FolderAttributes.NonExistent)))
                        .Select(f => f.FullName).ToList();
                }));

        /// <summary>Exports one folder; incremental unless options.Full.</summary>
        public static ExportResult ExportFolder(MailSession session, string folderName, ExportOptions options, IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (string.IsNullOrEmpty(folderName)) throw new ArgumentNullException(nameof(folderName));
            if (options == null || string.IsNullOrEmpty(options.Path)) throw new ArgumentNullException(nameof(options));
            string root = PrepareRoot(AccountRoot(options.Path, session));
            return MailOperation.Run(session, writer, token, () => session.Protocol == MailProtocol.Pop3
                ? Pop3Exporter.Export(session, root, options, writer, token).Result
                : ExportResumable(session, folderName, root, options, writer, token));
        }

        /// <summary>
        /// Export-Mailbox's folders: each one <see cref="ExportFolder"/>, over up to <paramref name="connectionCount"/>
        /// connections at once (IMAP; POP3 and Gmail over one). Outcomes come back in the folders' order as each is done
        /// (streamed, not collected): a folder that fails is an outcome with its error and the others go on, except
        /// Gmail's bandwidth limit, whose outcome is the last one (every lane stops). Stopping the enumeration, or
        /// cancelling <paramref name="token"/>, stops every lane and closes the extra connections.
        /// </summary>
        public static IEnumerable<LaneOutcome<ExportResult>> ExportFolders(MailSession session, IList<string> folders, ExportOptions options,
            int connectionCount, IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (folders == null) throw new ArgumentNullException(nameof(folders));
            if (options == null || string.IsNullOrEmpty(options.Path)) throw new ArgumentNullException(nameof(options));
            return ExportFoldersLazily(session, folders, options, connectionCount, writer, token);
        }

        // Gmail goes over one connection: each message is written once, in [Gmail]/All Mail (exported first), and every
        // later label folder only points at those files (GmailExport); two lanes would both write a message before
        // either had recorded it. A second lane would download nothing anyway, as All Mail holds every message.
        // Gmail's bandwidth limit is the account's, not the folder's: the export stops there instead of asking the
        // next folder (the error says to run it again tomorrow; it carries on from its state files).
        static IEnumerable<LaneOutcome<ExportResult>> ExportFoldersLazily(MailSession session, IList<string> folders, ExportOptions options,
            int connectionCount, IOutputWriter writer, CancellationToken token)
        {
            int connections = session.Protocol == MailProtocol.Imap && !session.IsGmail ? connectionCount : 1;
            foreach (var outcome in ConnectionLanes.Run(session, folders, connections,
                (s, name, w, t) => ExportFolder(s, name, options, w, t), writer, token))
            {
                yield return outcome;
                if (outcome.Error is MailToolsException limit && limit.ErrorId == ErrorIds.BandwidthLimitExceeded)
                    yield break;   // leaving the enumeration stops every lane
            }
        }

        // One folder, started over when the connection is cut: the state file makes the next attempt skip what the earlier
        // wrote, and `carry` keeps their counts. A throttling drop waits first; any other drop (an expired access token, a
        // restart) reconnects at once, with a fresh token when the session has a token source.
        static ExportResult ExportResumable(MailSession session, string folderName, string root, ExportOptions options, IOutputWriter writer, CancellationToken token)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var carry = new ExportResult { Account = session.Account, Folder = folderName, Format = options.Format };
            var result = MailOperation.Resumable(session, $"the export of '{folderName}'", writer, token,
                () => ImapFolderExport.Run(session, folderName, root, options, writer, token, carry).Result);
            result.Duration = watch.Elapsed;
            return result;
        }

        /// <summary>
        /// Export-Mailbox fed by Get-MailMessage: exports exactly these messages of one folder (IMAP UIDs, or POP3
        /// UIDLs), skipping any that the export under options.Path already holds. <paramref name="uidValidity"/> is
        /// the UIDVALIDITY the UIDs were read under: if the folder's has changed since, the UIDs name nothing and the
        /// call fails rather than export other messages (RFC 3501 section 2.3.1.1).
        /// </summary>
        public static ExportResult ExportMessages(MailSession session, string folderName, uint uidValidity, IEnumerable<uint> uids, IEnumerable<string> pop3Uids,
            ExportOptions options, IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (options == null || string.IsNullOrEmpty(options.Path)) throw new ArgumentNullException(nameof(options));
            string root = PrepareRoot(AccountRoot(options.Path, session));
            var selection = new ExportOptions
            {
                Path = root, Format = options.Format, Verify = options.Verify, BatchBytes = options.BatchBytes, BatchMessages = options.BatchMessages,
                DeleteAfterExport = options.DeleteAfterExport,
            };
            return MailOperation.Run(session, writer, token, () =>
            {
                if (session.Protocol == MailProtocol.Pop3)
                {
                    selection.OnlyPop3Uids = new HashSet<string>(pop3Uids ?? Array.Empty<string>(), StringComparer.Ordinal);
                    return Pop3Exporter.Export(session, root, selection, writer, token).Result;
                }
                var wanted = uids.Distinct().ToList();
                return MailOperation.AfterThrottling(session, () =>
                {
                    var folder = session.Imap.GetFolder(folderName, token);
                    FolderOpener.Open(session, folder, FolderAccess.ReadOnly, token);
                    if (uidValidity != 0 && folder.UidValidity != uidValidity)
                        throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidData,
                            $"The UIDVALIDITY of '{folder.FullName}' on the {session.Endpoint.Describe()} changed from {uidValidity} to {folder.UidValidity} since Get-MailMessage read these messages, so their UIDs no longer name them.", folder.FullName)
                        { RecommendedAction = "Run Get-MailMessage again and pipe its output to Export-Mailbox." };
                    selection.OnlyUids = wanted.Select(u => new UniqueId(folder.UidValidity, u)).ToList();
                    return ImapFolderExport.Run(session, folder.FullName, root, selection, writer, token);
                }, writer, token).Result;
            });
        }

        /// <summary>
        /// For Invoke-MailCleanup's Archive action: writes these UIDs of this folder under <paramref name="path"/> in
        /// <paramref name="format"/> (skipping any already exported there), makes them durable, re-reads every one
        /// and compares it with the SHA-256 taken while it was downloaded. <see cref="ArchiveOutcome.Written"/> holds
        /// exactly the UIDs whose copy is verified: only those may be deleted on the server. Opens the folder
        /// read-only (EXAMINE); the caller re-opens it read-write to delete. Throws MailToolsException on failure,
        /// in which case nothing is to be deleted.
        /// </summary>
        public static ArchiveOutcome Archive(MailSession session, string folderName, IEnumerable<UniqueId> uids, string path, ExportFormat format,
            IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (uids == null) throw new ArgumentNullException(nameof(uids));
            if (session.Protocol == MailProtocol.Pop3)
                throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                    $"Archiving by UID needs IMAP; the {session.Endpoint.Describe()} is POP3.", session)
                { RecommendedAction = "Use Export-Mailbox -DeleteAfterExport over POP3." };
            string root = PrepareRoot(AccountRoot(path, session));
            var options = new ExportOptions { Path = root, Format = format, Verify = true, OnlyUids = uids.ToList() };
            return MailOperation.Run(session, writer, token, () =>
            {
                return ImapFolderExport.Run(session, folderName, root, options, writer, token);
            });
        }

        /// <summary>
        /// <see cref="Archive"/> over POP3: writes the messages with these UIDLs (RFC 1939 section 7) from the inbox,
        /// verifies them, and returns the verified ones in <see cref="ArchiveOutcome.WrittenUidls"/>. Deletes nothing.
        /// </summary>
        public static ArchiveOutcome ArchivePop3(MailSession session, IEnumerable<string> uidls, string path, ExportFormat format,
            IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (uidls == null) throw new ArgumentNullException(nameof(uidls));
            string root = PrepareRoot(AccountRoot(path, session));
            var options = new ExportOptions { Path = root, Format = format, Verify = true, OnlyPop3Uids = new HashSet<string>(uidls, StringComparer.Ordinal) };
            return MailOperation.Run(session, writer, token, () =>
            {
                return Pop3Exporter.Export(session, root, options, writer, token);
            });
        }

        /// <summary>
        /// One tree per account under the path the user gave (<c>-Path D:\Archive</c> → <c>D:\Archive\info@example.org\…</c>),
        /// so several accounts piped to one Export-Mailbox or one archive never share folders or state.
        /// </summary>
        public static string AccountRoot(string path, MailSession session) =>
            SafePath.Combine(System.IO.Path.GetFullPath(path), SafePath.Segment(session.Account));

        internal static string PrepareRoot(string path)
        {
            string root = System.IO.Path.GetFullPath(path);
            try
            {
                Directory.CreateDirectory(root);
                Directory.CreateDirectory(System.IO.Path.Combine(root, StateDirectoryName));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
                throw new MailToolsException(ErrorIds.ExportPathNotWritable, MailErrorKind.WriteError,
                    $"Cannot create the export folder '{root}': {ex.Message}", root, ex)
                { RecommendedAction = "Pass a -Path on a writable disk." };
            }
            return root;
        }

        /// <summary>
        /// Which manifest entries an Archive verifies: those of the UIDs asked for (all, when none were named). One
        /// hash set, so a clean-up of a large Archive folder costs entries + UIDs, not entries × UIDs.
        /// </summary>
        internal static Func<ManifestEntry, bool> WantedFilter(IList<UniqueId>? only)
        {
            if (only == null)
                return e => true;
            var ids = new HashSet<uint>(only.Select(u => u.Id));
            return e => ids.Contains(e.Uid);
        }

        internal static SearchQuery BuildQuery(ExportOptions options)
        {
            SearchQuery query = SearchQuery.All;
            if (options.Since.HasValue)
                query = query.And(SearchQuery.DeliveredAfter(options.Since.Value.Date.AddDays(-1)));
            if (options.Before.HasValue)
                query = query.And(SearchQuery.DeliveredBefore(options.Before.Value.Date));
            return query;
        }

        internal static IEnumerable<List<MessageInfo>> Batches(IList<MessageInfo> infos, ExportOptions options)
        {
            var batch = new List<MessageInfo>();
            long bytes = 0;
            foreach (var info in infos)
            {
                if (batch.Count > 0 && (batch.Count >= options.BatchMessages || bytes + info.Size > options.BatchBytes))
                {
                    yield return batch;
                    batch = new List<MessageInfo>();
                    bytes = 0;
                }
                batch.Add(info);
                bytes += info.Size;
            }
            if (batch.Count > 0)
                yield return batch;
        }
    }
}
