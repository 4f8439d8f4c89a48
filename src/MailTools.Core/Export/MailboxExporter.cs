using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools.Core.Export
{
    /// <summary>What to export and how (the cmdlet's parameters, minus PowerShell).</summary>
    public sealed class ExportOptions
    {
        public string Path { get; set; }
        public ExportFormat Format { get; set; } = ExportFormat.Maildir;
        /// <summary>INTERNALDATE on or after this day (IMAP SEARCH SINCE).</summary>
        public DateTimeOffset? Since { get; set; }
        /// <summary>INTERNALDATE before this day (IMAP SEARCH BEFORE).</summary>
        public DateTimeOffset? Before { get; set; }
        public bool Full { get; set; }
        public bool Verify { get; set; }
        /// <summary>POP3 only: delete messages whose copy was written and verified; asked per folder through <see cref="ConfirmDelete"/>.</summary>
        public bool DeleteAfterExport { get; set; }
        public Func<string, bool> ConfirmDelete { get; set; }
        /// <summary>Messages per UID FETCH (one round trip each).</summary>
        public int BatchMessages { get; set; } = 250;
        /// <summary>Bytes per UID FETCH; a bigger message is fetched alone.</summary>
        public long BatchBytes { get; set; } = 16L * 1024 * 1024;
        /// <summary>Archive: export exactly these UIDs (state is still used to avoid writing a message twice).</summary>
        internal IList<UniqueId> OnlyUids { get; set; }
        /// <summary>POP3 messages piped from Get-MailMessage: export only these UIDLs.</summary>
        internal ISet<string> OnlyPop3Uids { get; set; }
    }

    /// <summary>The answer to <see cref="MailboxExporter.Archive"/>: which UIDs are safely on disk, and which are not.</summary>
    public sealed class ArchiveOutcome
    {
        public ExportResult Result { get; set; }
        /// <summary>Written (now or before), durable, recorded in the manifest, re-read and matched by SHA-256: safe to delete on the server.</summary>
        public UniqueIdSet Written { get; } = new UniqueIdSet(SortOrder.Ascending);
        /// <summary>Asked for but not safely written (vanished on the server, failed verification, or the run stopped).</summary>
        public UniqueIdSet NotWritten { get; } = new UniqueIdSet(SortOrder.Ascending);
        public IList<VerifyProblem> Problems { get; } = new List<VerifyProblem>();
        /// <summary>POP3: the UIDLs whose copy is verified (the POP3 counterpart of <see cref="Written"/>).</summary>
        public ISet<string> WrittenUidls { get; } = new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Export-Mailbox's loop: per folder, find what is not exported yet (UID SEARCH minus the state's UID set, or
    /// nothing at all when UIDNEXT is unchanged), read flags/dates/sizes/envelopes in one FETCH, then copy bodies
    /// with ONE UID FETCH BODY.PEEK[] per batch straight from MailKit's per-message stream into the writer,
    /// hashing on the way. State and manifest are updated only after a batch is durable.
    /// </summary>
    public static class MailboxExporter
    {
        public const string StateDirectoryName = "mailtools-state";

        /// <summary>Every selectable folder of the session (POP3: INBOX), in the server's order.</summary>
        public static IList<string> AllFolders(MailSession session, IOutputWriter writer, CancellationToken token)
        {
            using (session.Acquire())
            {
                session.EnsureConnected(writer, token);
                if (session.Protocol == MailProtocol.Pop3)
                    return new[] { "INBOX" };
                try
                {
                    // A connection the server dropped while idle (a restart, a kick) shows only at this first command: reconnect.
                    return SessionResume.Run(session, "the folder listing", writer, token, () => Throttling.Resumable(session, () =>
                    {
                        var imap = session.Imap;
                        var ns = imap.PersonalNamespaces.Count > 0 ? imap.PersonalNamespaces[0] : new FolderNamespace('/', string.Empty);
                        var all = imap.GetFolders(ns, false, token);
                        session.RememberFolders(all.Select(f => f.FullName));
                        return (IList<string>)GmailExport.Order(session, all.Where(f => !f.Attributes.HasFlag(FolderAttributes.NoSelect) && !f.Attributes.HasFlag(FolderAttributes.NonExistent)))
                            .Select(f => f.FullName).ToList();
                    }, writer, token), ex => MailErrorTranslator.Translate(ex, session.Endpoint, session.CertificateCheck));
                }
                catch (Exception ex) when (!(ex is MailToolsException))
                {
                    throw MailErrorTranslator.Translate(ex, session.Endpoint, session.CertificateCheck);
                }
            }
        }

        /// <summary>
        /// The folder with exactly this name (names are never wildcards here). When the server knows no such spelling,
        /// one LIST finds the same name in another Unicode normalisation (NFC typed, NFD stored by a Mac client).
        /// </summary>
        static IMailFolder FindExact(MailSession session, string folderName, CancellationToken token)
        {
            try
            {
                return session.Imap.GetFolder(folderName, token);
            }
            catch (FolderNotFoundException)
            {
                var ns = session.Imap.PersonalNamespaces.Count > 0 ? session.Imap.PersonalNamespaces[0] : new FolderNamespace('/', string.Empty);
                var same = session.Imap.GetFolders(ns, false, token).FirstOrDefault(f => Text.NamePattern.SameName(f.FullName, folderName));
                if (same == null)
                    throw;
                return same;
            }
        }

        /// <summary>Exports one folder; incremental unless options.Full.</summary>
        public static ExportResult ExportFolder(MailSession session, string folderName, ExportOptions options, IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (string.IsNullOrEmpty(folderName)) throw new ArgumentNullException(nameof(folderName));
            if (options == null || string.IsNullOrEmpty(options.Path)) throw new ArgumentNullException(nameof(options));
            writer = writer ?? NullOutputWriter.Instance;
            string root = PrepareRoot(AccountRoot(options.Path, session));
            using (session.Acquire())
            {
                session.EnsureConnected(writer, token);
                try
                {
                    return session.Protocol == MailProtocol.Pop3
                        ? Pop3Exporter.Export(session, root, options, writer, token).Result
                        : ExportResumable(session, folderName, root, options, writer, token);
                }
                catch (Exception ex) when (!(ex is MailToolsException))
                {
                    throw Translate(ex, session, root);
                }
            }
        }

        // One folder, started over when the connection is cut: the state file makes the next attempt skip what the earlier
        // wrote, and `carry` keeps their counts. A throttling drop waits first (Throttling.Resumable); any other drop (an
        // expired access token, a restart) reconnects at once, with a fresh token when the session has a token source.
        static ExportResult ExportResumable(MailSession session, string folderName, string root, ExportOptions options, IOutputWriter writer, CancellationToken token)
        {
            var watch = Stopwatch.StartNew();
            var carry = new ExportResult { Account = session.Account, Folder = folderName, Format = options.Format };
            var result = SessionResume.Run(session, $"the export of '{folderName}'", writer, token,
                () => Throttling.Resumable(session, () => ExportImap(session, folderName, root, options, writer, token, carry), writer, token).Result,
                ex => Translate(ex, session, root));
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
            writer = writer ?? NullOutputWriter.Instance;
            string root = PrepareRoot(AccountRoot(options.Path, session));
            var selection = new ExportOptions
            {
                Path = root, Format = options.Format, Verify = options.Verify, BatchBytes = options.BatchBytes, BatchMessages = options.BatchMessages,
                DeleteAfterExport = options.DeleteAfterExport, ConfirmDelete = options.ConfirmDelete,
            };
            using (session.Acquire())
            {
                session.EnsureConnected(writer, token);
                try
                {
                    if (session.Protocol == MailProtocol.Pop3)
                    {
                        selection.OnlyPop3Uids = new HashSet<string>(pop3Uids ?? new string[0], StringComparer.Ordinal);
                        return Pop3Exporter.Export(session, root, selection, writer, token).Result;
                    }
                    var wanted = uids.Distinct().ToList();
                    return Throttling.Resumable(session, () =>
                    {
                        var folder = session.Imap.GetFolder(folderName, token);
                        folder.Open(FolderAccess.ReadOnly, token);
                        if (uidValidity != 0 && folder.UidValidity != uidValidity)
                            throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidData,
                                $"The UIDVALIDITY of '{folder.FullName}' on the {session.Endpoint.Describe()} changed from {uidValidity} to {folder.UidValidity} since Get-MailMessage read these messages, so their UIDs no longer name them.", folder.FullName)
                            { RecommendedAction = "Run Get-MailMessage again and pipe its output to Export-Mailbox." };
                        selection.OnlyUids = wanted.Select(u => new UniqueId(folder.UidValidity, u)).ToList();
                        return ExportImap(session, folder.FullName, root, selection, writer, token);
                    }, writer, token).Result;
                }
                catch (Exception ex) when (!(ex is MailToolsException))
                {
                    throw Translate(ex, session, root);
                }
            }
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
            writer = writer ?? NullOutputWriter.Instance;
            string root = PrepareRoot(AccountRoot(path, session));
            var options = new ExportOptions { Path = root, Format = format, Verify = true, OnlyUids = uids.ToList() };
            using (session.Acquire())
            {
                session.EnsureConnected(writer, token);
                try
                {
                    return ExportImap(session, folderName, root, options, writer, token);
                }
                catch (Exception ex) when (!(ex is MailToolsException))
                {
                    throw Translate(ex, session, root);
                }
            }
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
            writer = writer ?? NullOutputWriter.Instance;
            string root = PrepareRoot(AccountRoot(path, session));
            var options = new ExportOptions { Path = root, Format = format, Verify = true, OnlyPop3Uids = new HashSet<string>(uidls, StringComparer.Ordinal) };
            using (session.Acquire())
            {
                session.EnsureConnected(writer, token);
                try
                {
                    return Pop3Exporter.Export(session, root, options, writer, token);
                }
                catch (Exception ex) when (!(ex is MailToolsException))
                {
                    throw Translate(ex, session, root);
                }
            }
        }

        static MailToolsException Translate(Exception ex, MailSession session, string root)
        {
            if (ex is IOException io && !(ex.InnerException is System.Net.Sockets.SocketException) && ex.Source != "MailKit"
                || ex is UnauthorizedAccessException)
            {
                if (ex.StackTrace != null && ex.StackTrace.Contains("MailKit"))
                    return MailErrorTranslator.Translate(ex, session.Endpoint, session.CertificateCheck);
                return new MailToolsException(ErrorIds.ExportPathNotWritable, MailErrorKind.WriteError,
                    $"Could not write the export under '{root}' for {session.Account}: {ex.Message}", root, ex)
                { RecommendedAction = "Check that the folder exists, is writable and has free space, then run the same command again: it carries on where it stopped." };
            }
            return MailErrorTranslator.Translate(ex, session.Endpoint, session.CertificateCheck);
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

        /// <param name="carry">The result of an earlier attempt of this same export (after throttling): counts go on from it.</param>
        static ArchiveOutcome ExportImap(MailSession session, string folderName, string root, ExportOptions options, IOutputWriter writer, CancellationToken token,
            ExportResult carry = null)
        {
            var watch = Stopwatch.StartNew();
            var imap = session.Imap;
            var folder = FindExact(session, folderName, token);
            if (!Folders.FolderResolver.Selectable(folder))
                throw MailErrorTranslator.FolderNotSelectable(folder.FullName, session.Endpoint);
            folder.Open(FolderAccess.ReadOnly, token);
            string statePath = ExportState.PathFor(System.IO.Path.Combine(root, StateDirectoryName), folder.FullName);
            var state = ExportState.Load(statePath, folder.FullName, options.Format);
            var result = carry ?? new ExportResult { Account = session.Account, Format = options.Format };
            result.Folder = folder.FullName;
            result.UidValidity = folder.UidValidity;
            int earlier = result.Exported;   // written by an attempt the server's throttling cut short
            var outcome = new ArchiveOutcome { Result = result };

            // RFC 3501 2.3.1.1: a new UIDVALIDITY means the old UIDs name nothing; match what we have by Message-ID + size.
            Dictionary<string, ManifestEntry> known = null, knownByHash = null;
            if (state.Exists && state.Format != options.Format)
                writer.Warning($"'{folder.FullName}' was exported to {root} as {state.Format} before; now writing {options.Format} beside it.");
            if (state.Exists && state.UidValidity != 0 && state.UidValidity != folder.UidValidity)
            {
                writer.Warning($"The UIDVALIDITY of '{folder.FullName}' on the {session.Endpoint.Describe()} changed from {state.UidValidity} to {folder.UidValidity} (the folder was re-created or restored). MailTools re-synchronises it: messages already in {root} (same Message-ID and size) are kept and not written again.");
                known = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
                knownByHash = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
                foreach (var e in ExportManifest.Load(root, folder.FullName).Values)
                {
                    if (!state.Contains(e.Key) || e.UidValidity != state.UidValidity)
                        continue;
                    if (e.MessageId != null)
                        known[e.MessageId + "\u0000" + e.Size] = e;
                    if (e.Sha256 != null)
                        knownByHash[e.Size + "\u0000" + e.Sha256] = e;
                }
                state.ResetUids(folder.UidValidity);
                result.UidValidityChanged = true;
            }
            else if (!state.Exists || options.Full)
                state.ResetUids(folder.UidValidity);
            state.Format = options.Format;

            using (var sink = FolderWriters.Create(options.Format, root, folder.FullName, folder.DirectorySeparator))
            {
                result.Path = options.Format == ExportFormat.Mbox
                    ? MboxWriter.PathFor(root, folder.FullName, folder.DirectorySeparator)
                    : options.Format == ExportFormat.Maildir ? MaildirWriter.DirectoryFor(root, folder.FullName, folder.DirectorySeparator)
                    : EmlWriter.DirectoryFor(root, folder.FullName, folder.DirectorySeparator);
                var recovered = sink.Recover(state, options.Full && options.OnlyUids == null, writer);
                if (recovered.Count > 0)
                {
                    writer.Verbose($"{folder.FullName}: {recovered.Count} message(s) were written by an interrupted run but not yet recorded; recorded them now instead of writing them again.");
                    ExportManifest.Append(root, recovered);
                    foreach (var e in recovered)
                        state.Add(e.Key);
                }
                state.Save(statePath);

                bool filtered = options.Since.HasValue || options.Before.HasValue || options.OnlyUids != null;
                uint uidNext = folder.UidNext?.Id ?? 0;
                IList<UniqueId> wanted;
                if (!filtered && !options.Full && known == null && state.UidNext != 0 && state.UidNext == uidNext)
                {
                    // RFC 3501: UIDNEXT only grows; unchanged UIDVALIDITY + UIDNEXT = no new message. No SEARCH, no FETCH.
                    writer.Verbose($"{folder.FullName}: unchanged since the last export (UIDVALIDITY {folder.UidValidity}, UIDNEXT {uidNext}); nothing to fetch.");
                    wanted = new UniqueId[0];
                    result.Skipped = state.Uids.Count - earlier;
                }
                else
                {
                    IList<UniqueId> all;
                    if (options.OnlyUids != null)
                        all = options.OnlyUids.Select(u => new UniqueId(folder.UidValidity, u.Id)).ToList();
                    else if (folder.Count == 0)
                        all = new UniqueId[0];
                    else
                        all = folder.Search(BuildQuery(options), token);
                    wanted = all.Where(u => !state.Uids.Contains(u)).ToList();
                    result.Skipped = Math.Max(0, all.Count - wanted.Count - earlier);
                    if (result.Skipped > 0)
                        writer.Verbose($"{folder.FullName}: skipping {result.Skipped} message(s) already in the export.");
                }

                var infos = wanted.Count == 0 ? new Dictionary<uint, MessageInfo>() : FetchInfos(folder, wanted, GmailExport.Items(session), token);
                if (known != null)
                {
                    var reused = new List<ManifestEntry>();
                    foreach (var info in infos.Values.ToList())
                    {
                        if (info.MessageId != null && known.TryGetValue(info.MessageId + "\u0000" + info.Size, out var old))
                        {
                            reused.Add(Reuse(old, folder.UidValidity, info.Key));
                            infos.Remove(uint.Parse(info.Key));
                        }
                    }
                    if (reused.Count > 0)
                    {
                        writer.Verbose($"{folder.FullName}: {reused.Count} message(s) under the new UIDVALIDITY are already in the export (same Message-ID and size); not written again.");
                        ExportManifest.Append(root, reused);
                        foreach (var e in reused)
                            state.Add(e.Key);
                        state.Save(statePath);
                        result.Skipped += reused.Count;
                    }
                }

                var timings = new ExportTimings();
                if (infos.Count > 0 && session.IsGmail)
                    result.Skipped += GmailExport.SkipWritten(folder, root, infos, state, statePath, writer);
                if (infos.Count > 0)
                    WriteBodies(session, (ImapFolder)folder, infos, sink, state, statePath, root, options, result, knownByHash, timings, writer, token);

                if (!filtered)
                    state.UidNext = uidNext;
                state.HighestModSeq = folder.HighestModSeq;
                state.Save(statePath);
                if (infos.Count > 0)
                    writer.Verbose($"{folder.FullName}: {infos.Count} message(s), {timings.Describe()}.");

                if (options.Verify)
                {
                    var wantedEntry = WantedFilter(options.OnlyUids);
                    var entries = ExportManifest.Load(root, folder.FullName).Values
                        .Where(e => e.UidValidity == folder.UidValidity && state.Contains(e.Key) && wantedEntry(e))
                        .ToList();
                    var problems = sink.Verify(entries);
                    foreach (var p in problems)
                    {
                        outcome.Problems.Add(p);
                        writer.Warning(p.Message);
                    }
                    result.Verified = problems.Count == 0;
                    var bad = new HashSet<string>(problems.Select(p => p.Key), StringComparer.Ordinal);
                    foreach (var e in entries)
                        if (!bad.Contains(e.Key))
                            outcome.Written.Add(new UniqueId(folder.UidValidity, e.Uid));
                    writer.Verbose($"{folder.FullName}: verified {entries.Count - bad.Count} of {entries.Count} message(s) against the manifest.");
                }
                if (options.OnlyUids != null)
                    foreach (var u in options.OnlyUids)
                        if (!outcome.Written.Contains(new UniqueId(folder.UidValidity, u.Id)))
                            outcome.NotWritten.Add(new UniqueId(folder.UidValidity, u.Id));
            }
            result.Duration = watch.Elapsed;
            return outcome;
        }

        /// <summary>
        /// Which manifest entries an Archive verifies: those of the UIDs asked for (all, when none were named). One
        /// hash set, so a clean-up of a large Archive folder costs entries + UIDs, not entries × UIDs.
        /// </summary>
        internal static Func<ManifestEntry, bool> WantedFilter(IList<UniqueId> only)
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

        // One FETCH for every message to write: flags, INTERNALDATE, size, envelope and Return-Path.
        static Dictionary<uint, MessageInfo> FetchInfos(IMailFolder folder, IList<UniqueId> uids, MessageSummaryItems extra, CancellationToken token)
        {
            var request = new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate
                | MessageSummaryItems.Size | MessageSummaryItems.Envelope | extra)
            {
                Headers = new HeaderSet(new[] { HeaderId.ReturnPath }),
            };
            var infos = new Dictionary<uint, MessageInfo>();
            foreach (var s in folder.Fetch(uids, request, token))
            {
                var env = s.Envelope;
                string returnPath = s.Headers?[HeaderId.ReturnPath];
                string sender = FolderWriters.NormalizeMessageId(returnPath) // same shape: strip <...>
                    ?? (env?.Sender?.Mailboxes.FirstOrDefault() ?? env?.From?.Mailboxes.FirstOrDefault())?.Address;
                infos[s.UniqueId.Id] = new MessageInfo
                {
                    Folder = folder.FullName,
                    UidValidity = folder.UidValidity,
                    Key = s.UniqueId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Flags = s.Flags ?? MessageFlags.None,
                    InternalDate = s.InternalDate ?? env?.Date ?? DateTimeOffset.UtcNow,
                    Size = (long)(s.Size ?? 0),
                    MessageId = FolderWriters.NormalizeMessageId(env?.MessageId),
                    Subject = env?.Subject,
                    Date = env?.Date,
                    EnvelopeSender = sender,
                    GmailMessageId = s.GMailMessageId,
                    Labels = s.GMailLabels?.ToArray(),
                };
            }
            return infos;
        }

        static ManifestEntry Reuse(ManifestEntry old, uint uidValidity, string key) => new ManifestEntry
        {
            Folder = old.Folder, UidValidity = uidValidity, Key = key, MessageId = old.MessageId, Date = old.Date,
            Size = old.Size, Sha256 = old.Sha256, File = old.File, Offset = old.Offset,
        };

        /// <param name="knownByHash">After a UIDVALIDITY change: what the export already holds, by size + SHA-256. A message
        /// with no (or a changed) Message-ID is still downloaded, but not written twice when its bytes are already there.</param>
        static void WriteBodies(MailSession session, ImapFolder folder, Dictionary<uint, MessageInfo> infos, IFolderWriter sink, ExportState state, string statePath,
            string root, ExportOptions options, ExportResult result, Dictionary<string, ManifestEntry> knownByHash, ExportTimings timings, IOutputWriter writer, CancellationToken token)
        {
            int reusedByHash = 0;
            long totalBytes = infos.Values.Sum(i => i.Size);
            int total = infos.Count;
            int done = 0;
            long doneBytes = 0;
            string activity = $"Exporting '{folder.FullName}' of {result.Account} to {options.Format}";
            foreach (var batch in Batches(infos.Values.OrderBy(i => uint.Parse(i.Key)).ToList(), options))
            {
                token.ThrowIfCancellationRequested();
                var committed = new List<ManifestEntry>();
                try
                {
                    var uids = batch.Select(i => new UniqueId(folder.UidValidity, uint.Parse(i.Key))).ToList();
                    // One UID FETCH BODY.PEEK[] for the whole batch; MailKit hands each message's literal to us as a stream.
                    folder.GetStreams(uids, (f, index, uid, stream) =>
                    {
                        if (!infos.TryGetValue(uid.Id, out var info))
                            return;
                        var target = sink.Begin(info);
                        try
                        {
                            using (var hashing = new HashingStream(target, timings))
                            {
                                MessageCopier.Copy(stream, hashing, info.Size, timings);
                                string sha = hashing.Finish();
                                if (knownByHash != null && knownByHash.TryGetValue(hashing.BytesWritten + "\u0000" + sha, out var old))
                                {
                                    sink.Abort();   // the same bytes are already on disk: drop this copy, point at that one
                                    committed.Add(Reuse(old, folder.UidValidity, info.Key));
                                    reusedByHash++;
                                }
                                else
                                {
                                    committed.Add(GmailExport.Tag(sink.Commit(info, sha, hashing.BytesWritten, hashing.LastByte), info));
                                    result.Bytes += hashing.BytesWritten;
                                }
                            }
                        }
                        catch
                        {
                            sink.Abort();
                            throw;
                        }
                        done++;
                        doneBytes += info.Size;
                        writer.Progress(new ProgressInfo(1, activity, $"{done} of {total} messages, {doneBytes / 1048576.0:N1} of {totalBytes / 1048576.0:N1} MB",
                            totalBytes > 0 ? (int)(doneBytes * 100 / totalBytes) : done * 100 / Math.Max(1, total)));
                    }, token);
                }
                finally
                {
                    // Whatever was completed before a failure is made durable and recorded, so a re-run does not fetch it again.
                    if (committed.Count > 0)
                    {
                        long t0 = ExportTimings.Now;
                        sink.CompleteBatch(state);
                        long t1 = ExportTimings.Now;
                        ExportManifest.Append(root, committed);
                        foreach (var e in committed)
                            state.Add(e.Key);
                        state.Save(statePath);
                        timings.DurableTicks += t1 - t0;
                        timings.RecordTicks += ExportTimings.Now - t1;
                        result.Exported += committed.Count;
                        session.Retry.Progressed();   // a throttled run that still moves on is not giving up
                    }
                }
                int missing = batch.Count - committed.Count;
                if (missing > 0)
                    writer.Verbose($"{folder.FullName}: {missing} message(s) of this batch were expunged on the server before they could be fetched.");
            }
            if (reusedByHash > 0)
            {
                result.Exported -= reusedByHash;
                result.Skipped += reusedByHash;
                writer.Verbose($"{folder.FullName}: {reusedByHash} message(s) under the new UIDVALIDITY were already in the export (same size and SHA-256); not written again.");
            }
            writer.Progress(new ProgressInfo(1, activity, "Done", 100, completed: true));
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
