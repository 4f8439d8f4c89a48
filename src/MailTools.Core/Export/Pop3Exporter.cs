using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Pop3;
using MimeKit;
using MimeKit.Utils;
using MailTools.Core.Errors;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Export over POP3: the one folder (INBOX), keyed by UIDL (RFC 1939 section 7: unique and stable per message),
    /// bodies fetched in batches with MailKit's pipelined RETR when the server offers PIPELINING (RFC 2449).
    /// Never deletes, except with -DeleteAfterExport, and then only messages whose copy was verified; DELE is
    /// committed by QUIT (RFC 1939 section 6), after which the session reconnects on its next use.
    /// </summary>
    internal static class Pop3Exporter
    {
        public static ArchiveOutcome Export(MailSession session, string root, ExportOptions options, IOutputWriter writer, CancellationToken token)
        {
            var watch = Stopwatch.StartNew();
            var pop = session.Pop3;
            const string folderName = "INBOX";
            if (options.Since.HasValue || options.Before.HasValue)
                writer.Warning("POP3 has no server-side search: -Since and -Before are ignored over POP3, every message is exported.");
            if (!pop.Capabilities.HasFlag(Pop3Capabilities.UIDL))
                throw new MailToolsException(ErrorIds.CommandFailed, MailErrorKind.NotImplemented,
                    $"The {session.Endpoint.Describe()} does not support UIDL, so MailTools cannot tell messages apart between runs.", session)
                { RecommendedAction = "Export over IMAP instead, if the server offers it." };

            string statePath = ExportState.PathFor(Path.Combine(root, MailboxExporter.StateDirectoryName), folderName);
            var state = ExportState.Load(statePath, folderName, options.Format);
            if (options.Full)
                state.Pop3Uids.Clear();
            state.Format = options.Format;
            var result = new ExportResult { Account = session.Account, Folder = folderName, Format = options.Format };
            var outcome = new ArchiveOutcome { Result = result };

            int count = pop.GetMessageCount(token);
            var uidls = count == 0 ? new List<string>() : pop.GetMessageUids(token).ToList();
            var sizes = count == 0 ? new List<int>() : pop.GetMessageSizes(token).ToList();

            using (var sink = FolderWriters.Create(options.Format, root, folderName, '/'))
            {
                result.Path = FolderWriters.PathOf(options.Format, root, folderName, '/');
                BatchCopier.RecordRecovered(sink, state, statePath, root, folderName, options.Full, writer);

                // Messages piped from Get-MailMessage: only those UIDLs (one that is gone from the server is reported).
                var selected = Enumerable.Range(0, count).Where(i => options.OnlyPop3Uids == null || options.OnlyPop3Uids.Contains(uidls[i])).ToList();
                if (options.OnlyPop3Uids != null)
                    foreach (var gone in options.OnlyPop3Uids.Except(uidls))
                        writer.Warning($"The message with UIDL '{gone}' is no longer in the POP3 inbox of {session.Account}; it was not exported.");
                var todo = selected.Where(i => !state.Pop3Uids.Contains(uidls[i])).ToList();
                result.Skipped = selected.Count - todo.Count;
                if (result.Skipped > 0)
                    writer.Verbose($"{folderName}: skipping {result.Skipped} message(s) already in the export (by UIDL).");

                var infos = todo.Select(i => new MessageInfo { Folder = folderName, Key = "P" + uidls[i], Size = sizes[i] }).ToList();
                var indexOf = todo.ToDictionary(i => "P" + uidls[i], i => i);
                var copier = new BatchCopier(sink, state, statePath, root, result, writer, $"Exporting the POP3 inbox of {session.Account} to {options.Format}", infos);
                foreach (var batch in MailboxExporter.Batches(infos, options))
                {
                    token.ThrowIfCancellationRequested();
                    copier.Batch(copy =>
                    {
                        // One pipelined batch of RETR; MailKit returns the messages as streams.
                        long mark = ExportTimings.Now;
                        var streams = pop.GetStreams(batch.Select(i => indexOf[i.Key]).ToList(), false, token);
                        copier.Timings.ReceiveTicks += ExportTimings.Now - mark;
                        for (int k = 0; k < batch.Count; k++)
                        {
                            using (var stream = streams[k])
                            {
                                Describe(batch[k], stream);
                                copy(batch[k], stream);
                            }
                        }
                    });
                }
                copier.Done();

                bool verify = options.Verify || options.DeleteAfterExport;
                ISet<string> verified = new HashSet<string>(StringComparer.Ordinal);
                if (verify)
                {
                    var only = options.OnlyPop3Uids;
                    var entries = ExportManifest.Load(root, folderName).Values
                        .Where(e => state.Contains(e.Key) && (only == null || only.Contains(e.Key.Substring(1)))).ToList();
                    verified = ExportVerifier.Verify(sink, entries, outcome, writer);
                    foreach (var key in verified)
                        outcome.WrittenUidls.Add(key.Substring(1));
                }

                if (options.DeleteAfterExport)
                {
                    var deletable = selected.Where(i => verified.Contains("P" + uidls[i])).ToList();
                    int notVerified = selected.Count - deletable.Count;
                    if (notVerified > 0)
                        writer.Warning($"{notVerified} message(s) stay on the {session.Endpoint.Describe()}: their copy is not verified.");
                    if (deletable.Count > 0 && writer.ShouldProcess(session, $"the POP3 inbox ({deletable.Count} message(s), each verified in {root})", "Delete from the server"))
                    {
                        pop.DeleteMessages(deletable, token);
                        // RFC 1939: DELE only marks; QUIT commits. The session reconnects on its next use.
                        pop.Disconnect(true, token);
                        result.Deleted = deletable.Count;
                        writer.Verbose($"Deleted {deletable.Count} verified message(s) from the POP3 inbox of {session.Account}.");
                    }
                }
            }
            result.Duration = watch.Elapsed;
            return outcome;
        }

        // POP3 has no envelope: read Message-ID, Date, Subject and Return-Path from the message's own header.
        static void Describe(MessageInfo info, Stream stream)
        {
            long start = stream.Position;
            try
            {
                var headers = HeaderList.Load(stream);
                info.MessageId = FolderWriters.NormalizeMessageId(headers[HeaderId.MessageId]);
                info.Subject = headers[HeaderId.Subject];
                if (DateUtils.TryParse(headers[HeaderId.Date] ?? string.Empty, out var date))
                    info.Date = date;
                info.EnvelopeSender = FolderWriters.NormalizeMessageId(headers[HeaderId.ReturnPath]);
                if (info.EnvelopeSender == null && InternetAddressList.TryParse(headers[HeaderId.From] ?? string.Empty, out var from))
                    info.EnvelopeSender = from.Mailboxes.FirstOrDefault()?.Address;
            }
            catch (FormatException) { }
            info.InternalDate = info.Date ?? DateTimeOffset.UtcNow;
            stream.Position = start;
        }
    }
}
