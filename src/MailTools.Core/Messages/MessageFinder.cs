using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailTools.Core.Errors;
using MailTools.Core.Folders;
using MailTools.Core.Sessions;
using MimeKit;

namespace MailTools.Core.Messages
{
    /// <summary>
    /// Get-MailMessage's engine. IMAP: one UID SEARCH per folder, then ENVELOPE, INTERNALDATE, RFC822.SIZE and FLAGS
    /// fetched for the matches in chunks of at most <see cref="FetchChunk"/> UIDs, yielded as each chunk arrives, so
    /// 100,000 matches never sit in memory at once. POP3: LIST sizes, then TOP n 0 headers (pipelined by MailKit when
    /// the server offers PIPELINING), filtered on the client.
    /// </summary>
    public static class MessageFinder
    {
        /// <summary>Headers are fetched for at most this many messages per command.</summary>
        public const int FetchChunk = 500;

        /// <param name="folders">Names, wildcards or roles; null or empty means INBOX.</param>
        /// <param name="first">Stop after this many messages (0 = all).</param>
        /// <param name="session">The session to search.</param>
        /// <param name="query">What to match; null matches every message.</param>
        /// <param name="writer">Verbose and progress output; null for none.</param>
        /// <param name="token">Stops the search.</param>
        public static IEnumerable<MailMessage> Find(MailSession session, IReadOnlyList<string>? folders, MessageQuery? query, int first,
            IOutputWriter? writer, CancellationToken token)
        {
            if (session == null)
                throw new ArgumentNullException(nameof(session));
            query = query ?? new MessageQuery();
            writer = writer ?? NullOutputWriter.Instance;
            // Iterators run lazily: the envelope takes the session only while enumerating, and gives it back when the consumer stops.
            var source = MailOperation.Stream(session, writer, token, () => session.Protocol == MailProtocol.Pop3
                ? FindPop3(session, folders, query, writer, token)
                : FindImap(session, folders, query, writer, token));
            int count = 0;
            foreach (var message in source)
            {
                yield return message;
                if (first > 0 && ++count >= first)
                    yield break;
            }
        }

        static IEnumerable<MailMessage> FindImap(MailSession session, IReadOnlyList<string>? folders, MessageQuery query, IOutputWriter writer, CancellationToken token)
        {
            if (!string.IsNullOrEmpty(query.GmailQuery) && !session.IsGmail)
                throw new MailToolsException(ErrorIds.GmailOnly, MailErrorKind.InvalidArgument,
                    $"-GmailQuery uses Gmail's own search (X-GM-RAW), but the {session.Endpoint.Describe()} is not Gmail (no X-GM-EXT-1 capability).", session)
                { RecommendedAction = "Use -From, -Subject, -OlderThan and the other search parameters, which every IMAP server understands." };
            var names = folders == null || folders.Count == 0 ? new[] { "INBOX" } : folders;
            var missing = new List<MailToolsException>();
            var resolver = FolderResolver.Listed(session, writer, token);
            var targets = MailOperation.Command(session, () => resolver.Resolve(names, missing, writer));
            foreach (var m in missing)
                writer.WriteError(m);   // a missing folder is one error; the others are still searched
            var now = DateTime.Now;
            foreach (var folder in targets)
            {
                MailOperation.Command(session, () => FolderOpener.Open(session, folder, FolderAccess.ReadOnly, token));
                try
                {
                    var uids = MailOperation.Command(session, () => folder.Search(query.ToSearchQuery(now), token));
                    writer.Verbose($"{folder.FullName}: the server found {uids.Count} message(s) {query.Describe()}.");
                    int done = 0;
                    foreach (var chunk in UidSetChunker.Chunk(uids, maxCount: FetchChunk))
                    {
                        var summaries = MailOperation.Command(session, () => folder.Fetch(chunk,
                            MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.InternalDate |
                            MessageSummaryItems.Size | MessageSummaryItems.Flags | GmailItems(session), token));
                        foreach (var s in summaries.OrderBy(x => x.UniqueId.Id))
                        {
                            if (!query.MatchesTime(s.InternalDate))
                                continue;
                            yield return ToMessage(session, folder, s);
                        }
                        done += chunk.Count;
                        if (uids.Count > FetchChunk)
                            writer.Progress(new ProgressInfo(2, $"Reading {folder.FullName}", $"{done} of {uids.Count}", done * 100 / uids.Count));
                    }
                    if (uids.Count > FetchChunk)
                        writer.Progress(new ProgressInfo(2, $"Reading {folder.FullName}", "Done", 100, completed: true));
                }
                finally
                {
                    if (folder.IsOpen && session.IsConnected)
                        MailOperation.Command(session, () => folder.Close(false, token));
                }
            }
        }

        /// <summary>On Gmail, labels and the message id come in the same FETCH.</summary>
        internal static MessageSummaryItems GmailItems(MailSession session) =>
            session.IsGmail ? MessageSummaryItems.GMailLabels | MessageSummaryItems.GMailMessageId : MessageSummaryItems.None;

        internal static MailMessage ToMessage(MailSession session, IMailFolder folder, IMessageSummary s)
        {
            var env = s.Envelope;
            return new MailMessage
            {
                Account = session.Account,
                Folder = folder.FullName,
                Uid = s.UniqueId.Id,
                UidValidity = folder.UidValidity,
                Date = s.InternalDate,
                SentDate = env?.Date,
                From = env?.From?.ToString(),
                To = env?.To?.ToString(),
                Subject = env?.Subject,
                Size = (long)(s.Size ?? 0),
                Flags = s.Flags ?? MessageFlags.None,
                MessageId = env?.MessageId,
                Labels = s.GMailLabels?.ToArray(),
                GmailMessageId = s.GMailMessageId,
                Session = session,
            };
        }

        static IEnumerable<MailMessage> FindPop3(MailSession session, IReadOnlyList<string>? folders, MessageQuery query, IOutputWriter writer, CancellationToken token)
        {
            CheckPop3(session, folders, query);
            var now = DateTime.Now;
            foreach (var batch in Pop3Candidates(session, query, writer, token))
                foreach (var m in batch)
                    if (query.Matches(m, now))
                        yield return m;
        }

        internal static void CheckPop3(MailSession session, IReadOnlyList<string>? folders, MessageQuery query)
        {
            if (folders != null && folders.Any(f => !string.Equals(f, "INBOX", StringComparison.OrdinalIgnoreCase) && f != "@Inbox" && f != "*"))
                throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                    $"The {session.Endpoint.Describe()} is a POP3 account: it has only the inbox, not '{string.Join("', '", folders)}'.", folders)
                { RecommendedAction = "Leave out -Folder (or give INBOX), or connect with -Protocol Imap to reach other folders." };
            if (query.UsesImapState)
                throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                    $"The {session.Endpoint.Describe()} is a POP3 account: POP3 keeps no read or flagged state, so -Read, -Unread and -Flagged cannot be used.", session)
                { RecommendedAction = "Leave out -Read/-Unread/-Flagged, or connect with -Protocol Imap." };
        }

        /// <summary>
        /// POP3 messages as header-only MailMessages, in batches: LIST (sizes) and UIDL once, then TOP n 0 for the messages
        /// the size conditions leave (sizes are known without TOP). Date = the Date header: POP3 has no received date.
        /// </summary>
        internal static IEnumerable<IList<MailMessage>> Pop3Candidates(MailSession session, MessageQuery query, IOutputWriter writer, CancellationToken token)
        {
            foreach (var batch in Pop3Headers(session, size => (!query.LargerThan.HasValue || size > query.LargerThan.Value) && (!query.SmallerThan.HasValue || size < query.SmallerThan.Value), writer, token))
            {
                var list = new List<MailMessage>(batch.Count);
                foreach (var h in batch)
                    list.Add(FromHeaders(session, h.Index, h.Size, h.Uid, h.Headers));
                yield return list;
            }
        }

        /// <summary>
        /// The POP3 inbox's headers in batches: LIST (sizes) and UIDL once, then TOP n 0 for the messages whose size
        /// <paramref name="wanted"/> keeps (sizes are known without TOP).
        /// </summary>
        internal static IEnumerable<IList<(int Index, int Size, string? Uid, HeaderList Headers)>> Pop3Headers(MailSession session, Func<int, bool> wanted,
            IOutputWriter writer, CancellationToken token)
        {
            var pop = session.Pop3;
            int count = MailOperation.Command(session, () => pop.GetMessageCount(token));
            if (count == 0)
                yield break;
            var sizes = MailOperation.Command(session, () => pop.GetMessageSizes(token));
            IList<string>? uids = null;
            if (pop.Capabilities.HasFlag(MailKit.Net.Pop3.Pop3Capabilities.UIDL))
                uids = MailOperation.Command(session, () => pop.GetMessageUids(token));
            var indexes = Enumerable.Range(0, count).Where(i => wanted(sizes[i])).ToList();
            writer.Verbose($"POP3 inbox: {count} message(s), {indexes.Count} within the size limits; reading their headers (TOP n 0).");
            for (int start = 0; start < indexes.Count; start += FetchChunk)
            {
                var batch = indexes.Skip(start).Take(FetchChunk).ToList();
                var headers = MailOperation.Command(session, () => pop.GetMessageHeaders(batch, token));
                var list = new List<(int, int, string?, HeaderList)>(batch.Count);
                for (int i = 0; i < batch.Count; i++)
                    list.Add((batch[i], sizes[batch[i]], uids?[batch[i]], headers[i]));
                yield return list;
                writer.Progress(new ProgressInfo(2, "Reading the POP3 inbox", $"{Math.Min(start + FetchChunk, indexes.Count)} of {indexes.Count}", Math.Min(100, (start + FetchChunk) * 100 / indexes.Count)));
            }
            writer.Progress(new ProgressInfo(2, "Reading the POP3 inbox", "Done", 100, completed: true));
        }

        internal static MailMessage FromHeaders(MailSession session, int index, int size, string? uid, HeaderList headers)
        {
            DateTimeOffset? date = null;
            var dateText = headers[HeaderId.Date];
            if (dateText != null && DateUtilsTryParse(dateText, out var parsed))
                date = parsed;
            return new MailMessage
            {
                Account = session.Account,
                Folder = "INBOX",
                Uid = (uint)(index + 1),
                Date = date,
                SentDate = date,
                From = Decode(headers, HeaderId.From),
                To = Decode(headers, HeaderId.To),
                Subject = Decode(headers, HeaderId.Subject),
                Size = size,
                MessageId = MimeKit.Utils.MimeUtils.ParseMessageId(headers[HeaderId.MessageId] ?? string.Empty),
                Pop3Uid = uid,
                Session = session,
            };
        }

        static bool DateUtilsTryParse(string text, out DateTimeOffset date) => MimeKit.Utils.DateUtils.TryParse(text, out date);

        static string? Decode(HeaderList headers, HeaderId id)
        {
            int i = headers.IndexOf(id);
            if (i < 0)
                return null;
            var header = headers[i];
            if (id == HeaderId.From || id == HeaderId.To)
                return InternetAddressList.TryParse(header.RawValue != null ? System.Text.Encoding.UTF8.GetString(header.RawValue) : header.Value, out var list)
                    ? list.ToString() : header.Value;
            return header.Value;
        }
    }
}
