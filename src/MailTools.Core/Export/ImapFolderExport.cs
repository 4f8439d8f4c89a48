using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailTools.Core.Errors;
using MailTools.Core.Folders;
using MimeKit;

namespace MailTools.Core.Export
{
    /// <summary>
    /// One IMAP folder of an export: find what is not exported yet (UID SEARCH minus the state's UID set, or nothing at
    /// all when UIDNEXT is unchanged), read flags/dates/sizes/envelopes in one FETCH, then copy bodies with ONE UID FETCH
    /// BODY.PEEK[] per batch straight from MailKit's per-message stream into the writer (<see cref="BatchCopier"/>).
    /// A changed UIDVALIDITY is re-synchronised (<see cref="UidValidityResync"/>); -Verify and Archive re-read the copies
    /// (<see cref="ExportVerifier"/>). Runs inside the envelope (<see cref="MailboxExporter"/>), which resumes it.
    /// </summary>
    internal static class ImapFolderExport
    {
        /// <summary>Exports one folder and returns what it wrote, verified and (for Archive) may now delete.</summary>
        /// <param name="session">The account's session; the folder is opened read-only on it.</param>
        /// <param name="folderName">The folder's full name on the server.</param>
        /// <param name="root">The account's tree in the export folder.</param>
        /// <param name="options">Format, filters, -Verify and the batch size.</param>
        /// <param name="writer">Where progress, verbose lines and per-message errors go.</param>
        /// <param name="token">Stops the export between batches (Ctrl+C).</param>
        /// <param name="carry">The result of an earlier attempt of this same export (after a drop): counts go on from it.</param>
        public static ArchiveOutcome Run(MailSession session, string folderName, string root, ExportOptions options, IOutputWriter writer, CancellationToken token,
            ExportResult? carry = null)
        {
            var watch = Stopwatch.StartNew();
            var folder = FindExact(session, folderName, token);
            if (!Folders.FolderResolver.Selectable(folder))
                throw MailErrorTranslator.FolderNotSelectable(folder.FullName, session.Endpoint);
            FolderOpener.Open(session, folder, FolderAccess.ReadOnly, token);
            string statePath = ExportState.PathFor(System.IO.Path.Combine(root, MailboxExporter.StateDirectoryName), folder.FullName);
            var state = ExportState.Load(statePath, folder.FullName, options.Format);
            var result = carry ?? new ExportResult { Account = session.Account, Format = options.Format };
            result.Folder = folder.FullName;
            result.UidValidity = folder.UidValidity;
            int earlier = result.Exported;   // written by an attempt the server's throttling cut short
            var outcome = new ArchiveOutcome { Result = result };

            UidValidityResync? resync = null;
            if (state.Exists && state.Format != options.Format)
                writer.Warning($"'{folder.FullName}' was exported to {root} as {state.Format} before; now writing {options.Format} beside it.");
            if (state.Exists && state.UidValidity != 0 && state.UidValidity != folder.UidValidity)
            {
                writer.Warning($"The UIDVALIDITY of '{folder.FullName}' on the {session.Endpoint.Describe()} changed from {state.UidValidity} to {folder.UidValidity} (the folder was re-created or restored). MailTools re-synchronises it: messages already in {root} (same Message-ID and size) are kept and not written again.");
                resync = new UidValidityResync(ExportManifest.Load(root, folder.FullName).Values, state);
                state.ResetUids(folder.UidValidity);
                result.UidValidityChanged = true;
            }
            else if (!state.Exists || options.Full)
                state.ResetUids(folder.UidValidity);
            state.Format = options.Format;

            using (var sink = FolderWriters.Create(options.Format, root, folder.FullName, folder.DirectorySeparator))
            {
                result.Path = FolderWriters.PathOf(options.Format, root, folder.FullName, folder.DirectorySeparator);
                BatchCopier.RecordRecovered(sink, state, statePath, root, folder.FullName, options.Full && options.OnlyUids == null, writer);

                bool filtered = options.Since.HasValue || options.Before.HasValue || options.OnlyUids != null;
                uint uidNext = folder.UidNext?.Id ?? 0;
                IList<UniqueId> wanted;
                if (!filtered && !options.Full && resync == null && state.UidNext != 0 && state.UidNext == uidNext)
                {
                    // RFC 3501: UIDNEXT only grows; unchanged UIDVALIDITY + UIDNEXT = no new message. No SEARCH, no FETCH.
                    writer.Verbose($"{folder.FullName}: unchanged since the last export (UIDVALIDITY {folder.UidValidity}, UIDNEXT {uidNext}); nothing to fetch.");
                    wanted = Array.Empty<UniqueId>();
                    result.Skipped = state.Uids.Count - earlier;
                }
                else
                {
                    IList<UniqueId> all = options.OnlyUids != null ? options.OnlyUids.Select(u => new UniqueId(folder.UidValidity, u.Id)).ToList()
                        : folder.Count == 0 ? Array.Empty<UniqueId>()
                        : folder.Search(MailboxExporter.BuildQuery(options), token);
                    wanted = all.Where(u => !state.Uids.Contains(u)).ToList();
                    result.Skipped = Math.Max(0, all.Count - wanted.Count - earlier);
                    if (result.Skipped > 0)
                        writer.Verbose($"{folder.FullName}: skipping {result.Skipped} message(s) already in the export.");
                }

                var infos = wanted.Count == 0 ? new Dictionary<uint, MessageInfo>() : FetchInfos(folder, wanted, GmailExport.Items(session), token);
                if (resync != null)
                    ReuseKnown(folder, infos, resync, state, statePath, root, result, writer);

                if (infos.Count > 0 && session.IsGmail)
                    result.Skipped += GmailExport.SkipWritten(folder, root, infos, state, statePath, writer);
                var copier = new BatchCopier(sink, state, statePath, root, result, writer, $"Exporting '{folder.FullName}' of {result.Account} to {options.Format}", infos.Values.ToList())
                {
                    Resync = resync,
                    Tag = GmailExport.Tag,
                    Recorded = () => session.Retry.Progressed(),   // a throttled run that still moves on is not giving up
                };
                if (infos.Count > 0)
                    CopyBodies((ImapFolder)folder, infos, copier, options, writer, token);
                if (resync != null && resync.ReusedByHash > 0)
                {
                    result.Exported -= resync.ReusedByHash;
                    result.Skipped += resync.ReusedByHash;
                    writer.Verbose($"{folder.FullName}: {resync.ReusedByHash} message(s) under the new UIDVALIDITY were already in the export (same size and SHA-256); not written again.");
                }

                if (!filtered)
                    state.UidNext = uidNext;
                state.HighestModSeq = folder.HighestModSeq;
                DiskWriteException.Writing(root, () => state.Save(statePath));
                if (infos.Count > 0)
                    writer.Verbose($"{folder.FullName}: {infos.Count} message(s), {copier.Timings.Describe()}.");

                if (options.Verify)
                {
                    var wantedEntry = MailboxExporter.WantedFilter(options.OnlyUids);
                    var entries = ExportManifest.Load(root, folder.FullName).Values
                        .Where(e => e.UidValidity == folder.UidValidity && state.Contains(e.Key) && wantedEntry(e))
                        .ToList();
                    var verified = ExportVerifier.Verify(sink, entries, outcome, writer);
                    foreach (var e in entries.Where(e => verified.Contains(e.Key)))
                        outcome.Written.Add(new UniqueId(folder.UidValidity, e.Uid));
                    writer.Verbose($"{folder.FullName}: verified {verified.Count} of {entries.Count} message(s) against the manifest.");
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

        // After a UIDVALIDITY change: what the export holds under the same Message-ID and size is recorded, not downloaded.
        static void ReuseKnown(IMailFolder folder, Dictionary<uint, MessageInfo> infos, UidValidityResync resync, ExportState state, string statePath,
            string root, ExportResult result, IOutputWriter writer)
        {
            var reused = new List<ManifestEntry>();
            foreach (var info in infos.Values.ToList())
            {
                var old = resync.SameMessage(info.MessageId, info.Size);
                if (old == null)
                    continue;
                reused.Add(UidValidityResync.Reuse(old, folder.UidValidity, info.Key));
                infos.Remove(uint.Parse(info.Key, System.Globalization.CultureInfo.InvariantCulture));
            }
            if (reused.Count == 0)
                return;
            writer.Verbose($"{folder.FullName}: {reused.Count} message(s) under the new UIDVALIDITY are already in the export (same Message-ID and size); not written again.");
            DiskWriteException.Writing(root, () =>
            {
                ExportManifest.Append(root, reused);
                foreach (var e in reused)
                    state.Add(e.Key);
                state.Save(statePath);
            });
            result.Skipped += reused.Count;
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
                string? returnPath = s.Headers?[HeaderId.ReturnPath];
                string? sender = FolderWriters.NormalizeMessageId(returnPath) // same shape: strip <...>
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

        // One UID FETCH BODY.PEEK[] per batch; MailKit hands each message's literal to the copier as a stream.
        static void CopyBodies(ImapFolder folder, Dictionary<uint, MessageInfo> infos, BatchCopier copier, ExportOptions options, IOutputWriter writer, CancellationToken token)
        {
            foreach (var batch in MailboxExporter.Batches(infos.Values.OrderBy(i => uint.Parse(i.Key, System.Globalization.CultureInfo.InvariantCulture)).ToList(), options))
            {
                token.ThrowIfCancellationRequested();
                var uids = batch.Select(i => new UniqueId(folder.UidValidity, uint.Parse(i.Key, System.Globalization.CultureInfo.InvariantCulture))).ToList();
                int recorded = copier.Batch(copy =>
                {
                    // From the command (or the last message handed over) to this one: MailKit receiving it.
                    long mark = ExportTimings.Now;
                    folder.GetStreams(uids, (f, index, uid, stream) =>
                    {
                        copier.Timings.ReceiveTicks += ExportTimings.Now - mark;
                        if (infos.TryGetValue(uid.Id, out var info))
                            copy(info, stream);
                        mark = ExportTimings.Now;
                    }, token);
                });
                int missing = batch.Count - recorded;
                if (missing > 0)
                    writer.Verbose($"{folder.FullName}: {missing} message(s) of this batch were expunged on the server before they could be fetched.");
            }
            copier.Done();
        }
    }
}
