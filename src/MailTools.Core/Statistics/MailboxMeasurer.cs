using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using MailKit;
using MailKit.Search;
using MailTools.Core.Cleanup;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;
using MailTools.Core.Folders;
using MailTools.Core.Messages;
using MimeKit;

namespace MailTools.Core.Statistics
{
    /// <summary>
    /// Measure-Mailbox's engine: one pass per folder (EXAMINE, then batched FETCH of only what the groupings need:
    /// RFC822.SIZE INTERNALDATE FLAGS, plus BODY.PEEK[HEADER.FIELDS (FROM LIST-ID)] when a header is grouped on and
    /// BODYSTRUCTURE only for Attachment), each message added to per-group accumulators and forgotten. POP3: the inbox
    /// from LIST sizes and TOP n 0 headers. Quota from GETQUOTAROOT where offered.
    /// </summary>
    public static class MailboxMeasurer
    {
        const int Activity = 61;

        /// <summary>Measures one account (IMAP: every folder asked for, over up to <see cref="MeasureOptions.ConnectionCount"/> connections; POP3: the inbox).</summary>
        public static MailboxMeasurement Measure(MailSession session, MeasureOptions options, IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            options = options ?? new MeasureOptions();
            writer = writer ?? NullOutputWriter.Instance;
            var query = options.Query ?? new MessageQuery();
            var result = new MailboxMeasurement(session.Account, options.Groupings(), options.Largest)
            {
                Protocol = session.Protocol,
                TrackMonthly = options.MonthlyByFolder,
            };
            MailOperation.Run(session, writer, token, () =>
            {
                if (session.Protocol == MailProtocol.Pop3)
                    MeasurePop3(session, options, query, result, writer, token);
                else
                    MeasureImap(session, options, query, result, writer, token);
            });
            writer.Progress(new ProgressInfo(Activity, $"Measuring {session.Account}", "Done", 100, completed: true));
            return result;
        }

        static void MeasureImap(MailSession session, MeasureOptions options, MessageQuery query, MailboxMeasurement result, IOutputWriter writer,
            CancellationToken token)
        {
            var names = options.Folders == null || options.Folders.Count == 0 ? new[] { "*" } : options.Folders;
            var missing = new List<MailToolsException>();
            var resolver = FolderResolver.Listed(session, writer, token);
            var folders = MailOperation.Command(session, () => resolver.Resolve(names, missing));
            foreach (var m in missing)
                writer.WriteError(m);   // a missing folder is one error; the others are still measured
            if (options.ReadQuota)
            {
                var (used, limit) = MailOperation.Command(session, () => QuotaReader.Read(session.Imap, writer, token));
                result.QuotaUsed = used;
                result.QuotaLimit = limit;
            }

            var request = RequestFor(options.Dimensions());
            bool filtered = PolicyReader.HasCondition(query) || query.UsesImapState;
            var now = DateTime.Now;
            var groupings = options.Groupings().ToList();
            // Largest folders first (their counts come with LIST-STATUS where offered), so that over two connections
            // neither lane is left with the one big folder at the end; results are still added in the server's order.
            var order = Enumerable.Range(0, folders.Count).OrderByDescending(i => folders[i].Count).ToList();
            var parts = new MailboxMeasurement?[folders.Count];
            int done = 0;
            int connections = folders.Count > 1 ? Math.Max(1, options.ConnectionCount) : 1;
            foreach (var outcome in ConnectionLanes.Run(session, order, connections, (s, i, w, t) =>
            {
                var folder = ReferenceEquals(s, session) ? folders[i] : MailOperation.Command(s, () => s.Imap.GetFolder(folders[i].FullName, t));
                var part = new MailboxMeasurement(result.Account, groupings, options.Largest) { TrackMonthly = options.MonthlyByFolder };
                part.AddFolder(folders[i].FullName, FolderLister.SpecialUseOf(folders[i]));
                MeasureFolder(s, folder, query, filtered, request, options.ChunkSize, now, part, new SenderCache(), t);
                return part;
            }, writer, token))
            {
                if (outcome.Error != null)
                    ExceptionDispatchInfo.Capture(outcome.Error).Throw();
                parts[order[outcome.Index]] = outcome.Value;
                done++;
                writer.Progress(new ProgressInfo(Activity, $"Measuring {session.Account}", $"{folders[order[outcome.Index]].FullName} ({done} of {folders.Count} folders)", done * 100 / folders.Count));
            }
            foreach (var part in parts)
                if (part != null)
                    result.Merge(part);
        }

        /// <summary>One folder, EXAMINEd on the lane's own connection, counted into its own measurement (merged by the caller).</summary>
        static void MeasureFolder(MailSession session, IMailFolder folder, MessageQuery query, bool filtered, IFetchRequest request, int chunk, DateTime now,
            MailboxMeasurement part, SenderCache senders, CancellationToken token)
        {
            MailOperation.Command(session, () => FolderOpener.Open(session, folder, FolderAccess.ReadOnly, token));
            try
            {
                foreach (var batch in Batches(session, folder, query, filtered, request, chunk, now, token))
                    foreach (var s in batch)
                    {
                        if (filtered && !query.MatchesTime(s.InternalDate))
                            continue;
                        part.Add(FactsOf(folder.FullName, s, senders), s.UniqueId.Id, now);
                    }
                FetchSubjects(session, folder, part.Largest, token);
            }
            finally
            {
                if (folder.IsOpen && session.IsConnected)
                    MailOperation.Command(session, () => folder.Close(false, token)); // EXAMINEd: closing expunges nothing
            }
        }

        /// <summary>The folder's summaries, a bounded batch at a time: by sequence range when every message counts (no SEARCH), else by UID set.</summary>
        static IEnumerable<IList<IMessageSummary>> Batches(MailSession session, IMailFolder folder, MessageQuery query, bool filtered, IFetchRequest request,
            int chunk, DateTime now, CancellationToken token)
        {
            if (!filtered)
            {
                int count = folder.Count;
                for (int start = 0; start < count; start += chunk)
                {
                    int end = Math.Min(count, start + chunk) - 1;
                    yield return MailOperation.Command(session, () => folder.Fetch(start, end, request, token));
                }
                yield break;
            }
            var uids = MailOperation.Command(session, () => folder.Search(query.ToSearchQuery(now), token));
            foreach (var set in UidSetChunker.Chunk(uids, maxCount: chunk))
                yield return MailOperation.Command(session, () => folder.Fetch(set, request, token));
        }

        internal static IFetchRequest RequestFor(IEnumerable<MailboxGroupBy> groupBy)
        {
            var items = MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.InternalDate | MessageSummaryItems.Flags;
            var set = new HashSet<MailboxGroupBy>(groupBy);
            if (set.Contains(MailboxGroupBy.Attachment))
                items |= MessageSummaryItems.BodyStructure;
            var headers = new List<HeaderId>();
            if (set.Contains(MailboxGroupBy.Sender) || set.Contains(MailboxGroupBy.SenderDomain))
                headers.Add(HeaderId.From);
            if (set.Contains(MailboxGroupBy.List))
                headers.Add(HeaderId.ListId);
            return headers.Count == 0 ? new FetchRequest(items) : new FetchRequest(items, headers);
        }

        static MessageFacts FactsOf(string folder, IMessageSummary s, SenderCache senders)
        {
            var flags = s.Flags ?? MessageFlags.None;
            string? from = null, domain = null;
            if (s.Headers != null)
                (from, domain) = senders.Of(s.Headers);
            string? list = s.Headers != null ? GroupKeys.ListIdOf(s.Headers[HeaderId.ListId]) : null;
            string? attachment = null;
            if (s.Body != null)
            {
                var largest = s.Attachments.OrderByDescending(a => a.Octets).FirstOrDefault();
                attachment = largest?.ContentType?.MimeType?.ToLowerInvariant();
            }
            return new MessageFacts(folder, (long)(s.Size ?? 0), s.InternalDate, (flags & MessageFlags.Seen) == 0, (flags & MessageFlags.Flagged) != 0,
                from, list, attachment, domain);
        }

        /// <summary>One FETCH ENVELOPE for this folder's messages still among the largest: the report shows their subjects.</summary>
        static void FetchSubjects(MailSession session, IMailFolder folder, LargestMessages largest, CancellationToken token)
        {
            var uids = largest.UidsIn(folder.FullName);
            if (uids.Count == 0)
                return;
            var summaries = MailOperation.Command(session, () => folder.Fetch(uids.Select(u => new UniqueId(u)).ToList(), MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope, token));
            foreach (var s in summaries)
            {
                var m = largest.Get(folder.FullName, s.UniqueId.Id);
                if (m == null)
                    continue;
                m.Subject = s.Envelope?.Subject;
                m.From = s.Envelope?.From?.Mailboxes.FirstOrDefault()?.Address ?? m.From;
            }
        }

        static void MeasurePop3(MailSession session, MeasureOptions options, MessageQuery query, MailboxMeasurement result, IOutputWriter writer, CancellationToken token)
        {
            MessageFinder.CheckPop3(session, options.Folders, query);
            if (options.Dimensions().Contains(MailboxGroupBy.Attachment))
                throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                    $"The {session.Endpoint.Describe()} is a POP3 account: grouping by Attachment needs the message structure, which only IMAP gives without downloading every message.", session)
                { RecommendedAction = "Leave Attachment out of -GroupBy, or connect with -Protocol Imap." };
            result.HasState = false;
            result.AddFolder("INBOX", MailSpecialUse.Inbox);
            var now = DateTime.Now;
            var senders = new SenderCache();
            Func<int, bool> sizeOk = size => (!query.LargerThan.HasValue || size > query.LargerThan.Value) && (!query.SmallerThan.HasValue || size < query.SmallerThan.Value);
            foreach (var batch in MessageFinder.Pop3Headers(session, sizeOk, writer, token))
                foreach (var h in batch)
                {
                    var message = MessageFinder.FromHeaders(session, h.Index, h.Size, h.Uid, h.Headers);
                    if (!query.Matches(message, now))
                        continue;
                    var (from, domain) = senders.Of(h.Headers);
                    var facts = new MessageFacts("INBOX", h.Size, message.Date, false, false, from, GroupKeys.ListIdOf(h.Headers[HeaderId.ListId]), null, domain);
                    result.Add(facts, (uint)(h.Index + 1), now);
                    var large = result.Largest.Get("INBOX", (uint)(h.Index + 1));
                    if (large != null)
                        large.Subject = message.Subject;
                }
        }
    }
}
