using System;
using System.Collections.Generic;
using System.Text;
using MailKit;
using MailKit.Search;
using MailTools.Core.Errors;
using MailTools.Core.Text;

namespace MailTools.Core.Messages
{
    /// <summary>
    /// Which messages a Get-MailMessage call or a clean-up rule means. Everything IMAP SEARCH (RFC 3501 6.4.4) can
    /// express goes to the server as one UID SEARCH; only the exact time of -Before/-Since is checked on the client,
    /// because SEARCH BEFORE/SINCE compare whole days.
    /// </summary>
    public sealed class MessageQuery
    {
        /// <summary>Received before this exact moment.</summary>
        public DateTimeOffset? Before { get; set; }
        /// <summary>Received at or after this exact moment.</summary>
        public DateTimeOffset? Since { get; set; }
        /// <summary>
        /// Received before the day this age ago, in whole days like imapfilter's is_older(): -OlderThan 30d on 1 May
        /// matches what arrived before 1 April (SEARCH BEFORE 1-Apr).
        /// </summary>
        public MailAge? OlderThan { get; set; }
        /// <summary>A substring of the From header (SEARCH FROM).</summary>
        public string? From { get; set; }
        /// <summary>A substring of the To header (SEARCH TO).</summary>
        public string? To { get; set; }
        /// <summary>A substring of the Subject header (SEARCH SUBJECT).</summary>
        public string? Subject { get; set; }
        /// <summary>The mailing list: a substring of the List-Id header (RFC 2919), searched as HEADER List-Id.</summary>
        public string? ListId { get; set; }
        /// <summary>Bytes; strictly larger (SEARCH LARGER).</summary>
        public long? LargerThan { get; set; }
        /// <summary>Bytes; strictly smaller (SEARCH SMALLER).</summary>
        public long? SmallerThan { get; set; }
        /// <summary>Only unseen messages (SEARCH UNSEEN).</summary>
        public bool Unread { get; set; }
        /// <summary>Only seen messages (SEARCH SEEN).</summary>
        public bool Read { get; set; }
        /// <summary>Only flagged messages (SEARCH FLAGGED).</summary>
        public bool Flagged { get; set; }
        /// <summary>Gmail's own search syntax, sent as X-GM-RAW (Gmail only: capability X-GM-EXT-1).</summary>
        public string? GmailQuery { get; set; }

        /// <summary>Refuses a combination that can match nothing by construction (checked once, when the query is built).</summary>
        public MessageQuery Validate()
        {
            if (Read && Unread)
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    "-Read and -Unread together match nothing.", null)
                { RecommendedAction = "Give one of -Read or -Unread." };
            return this;
        }

        /// <summary>True when -Before or -Since gives an exact moment, which needs INTERNALDATE checked after the day-based search.</summary>
        public bool HasExactTimes => Before.HasValue || Since.HasValue;

        /// <summary>A warning when Since is not earlier than Before (nothing can match), else null.</summary>
        /// <param name="prefix">How the user wrote the names: "-" for parameters, "" in a policy.</param>
        public string? EmptyRangeWarning(string prefix = "")
        {
            if (!Since.HasValue || !Before.HasValue || Since.Value < Before.Value)
                return null;
            return $"{prefix}Since {Since.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} is not earlier than {prefix}Before " +
                $"{Before.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)}, so this matches nothing (were the two swapped?).";
        }

        /// <summary>True when the query needs a header POP3 headers as read here do not carry (List-Id).</summary>
        public bool UsesImapHeaders => !string.IsNullOrEmpty(ListId);

        /// <summary>True when the query uses read/flag state, which POP3 does not have.</summary>
        public bool UsesImapState => Unread || Read || Flagged;

        /// <summary>The server-side search. -Before/-Since are widened by a day each way; <see cref="MatchesTime"/> makes them exact.</summary>
        public SearchQuery ToSearchQuery(DateTime now)
        {
            var parts = new List<SearchQuery>();
            if (OlderThan != null)
                parts.Add(SearchQuery.DeliveredBefore(OlderThan.CutoffFrom(now).Date));
            if (Before.HasValue)
                parts.Add(SearchQuery.DeliveredBefore(Before.Value.LocalDateTime.Date.AddDays(2)));
            if (Since.HasValue)
                parts.Add(SearchQuery.DeliveredAfter(Since.Value.LocalDateTime.Date.AddDays(-1)));
            if (From is { Length: > 0 } from)
                parts.Add(SearchQuery.FromContains(from));
            if (To is { Length: > 0 } to)
                parts.Add(SearchQuery.ToContains(to));
            if (Subject is { Length: > 0 } subject)
                parts.Add(SearchQuery.SubjectContains(subject));
            if (ListId is { Length: > 0 } listId)
                parts.Add(SearchQuery.HeaderContains("List-Id", listId));
            if (LargerThan.HasValue)
                parts.Add(SearchQuery.LargerThan((int)Math.Min(int.MaxValue, LargerThan.Value)));
            if (SmallerThan.HasValue)
                parts.Add(SearchQuery.SmallerThan((int)Math.Min(int.MaxValue, SmallerThan.Value)));
            if (Unread)
                parts.Add(SearchQuery.NotSeen);
            if (Read)
                parts.Add(SearchQuery.Seen);
            if (Flagged)
                parts.Add(SearchQuery.Flagged);
            if (GmailQuery is { Length: > 0 } gmailQuery)
                parts.Add(SearchQuery.GMailRawSearch(gmailQuery));
            return Combine(parts);
        }

        /// <summary>
        /// The messages whose day is close enough to a -Before/-Since bound that the day-based server search may be wrong
        /// about them; only these need their INTERNALDATE fetched. Null when there are no exact bounds.
        /// </summary>
        public SearchQuery? BoundaryBand()
        {
            SearchQuery? band = null;
            foreach (var bound in new[] { Before, Since })
            {
                if (!bound.HasValue)
                    continue;
                var day = bound.Value.LocalDateTime.Date;
                var part = SearchQuery.DeliveredAfter(day.AddDays(-1)).And(SearchQuery.DeliveredBefore(day.AddDays(2)));
                band = band == null ? part : band.Or(part);
            }
            return band;
        }

        /// <summary>The exact -Before/-Since test on the received time.</summary>
        public bool MatchesTime(DateTimeOffset? received)
        {
            if (!HasExactTimes)
                return true;
            if (!received.HasValue)
                return false;
            if (Before.HasValue && received.Value >= Before.Value)
                return false;
            if (Since.HasValue && received.Value < Since.Value)
                return false;
            return true;
        }

        /// <summary>
        /// The whole test on the client, for POP3, which cannot search: the Date header stands in for the received date.
        /// </summary>
        public bool Matches(MailMessage message, DateTime now)
        {
            if (OlderThan != null)
            {
                if (!message.Date.HasValue || message.Date.Value.LocalDateTime >= OlderThan.CutoffFrom(now).Date)
                    return false;
            }
            if (!MatchesTime(message.Date))
                return false;
            if (!Contains(message.From, From) || !Contains(message.To, To) || !Contains(message.Subject, Subject))
                return false;
            if (LargerThan.HasValue && message.Size <= LargerThan.Value)
                return false;
            if (SmallerThan.HasValue && message.Size >= SmallerThan.Value)
                return false;
            if (Unread && message.IsRead)
                return false;
            if (Read && !message.IsRead)
                return false;
            if (Flagged && !message.IsFlagged)
                return false;
            return true;
        }

        static bool Contains(string? value, string? wanted) =>
            string.IsNullOrEmpty(wanted) || (value != null && value.IndexOf(wanted, StringComparison.OrdinalIgnoreCase) >= 0);

        internal static SearchQuery Combine(IList<SearchQuery> parts)
        {
            if (parts.Count == 0)
                return SearchQuery.All;
            var q = parts[0];
            for (int i = 1; i < parts.Count; i++)
                q = q.And(parts[i]);
            return q;
        }

        /// <summary>A short human description ("older than 30d, larger than 10 MB"), for -WhatIf and the results.</summary>
        public string Describe()
        {
            var parts = new List<string>();
            if (OlderThan != null) parts.Add($"older than {OlderThan}");
            if (Before.HasValue) parts.Add($"before {Before.Value:yyyy-MM-dd HH:mm}");
            if (Since.HasValue) parts.Add($"since {Since.Value:yyyy-MM-dd HH:mm}");
            if (LargerThan.HasValue) parts.Add($"larger than {LargerThan} bytes");
            if (SmallerThan.HasValue) parts.Add($"smaller than {SmallerThan} bytes");
            if (!string.IsNullOrEmpty(From)) parts.Add($"from '{From}'");
            if (!string.IsNullOrEmpty(To)) parts.Add($"to '{To}'");
            if (!string.IsNullOrEmpty(Subject)) parts.Add($"subject '{Subject}'");
            if (!string.IsNullOrEmpty(ListId)) parts.Add($"list '{ListId}'");
            if (Unread) parts.Add("unread");
            if (Read) parts.Add("read");
            if (Flagged) parts.Add("flagged");
            if (!string.IsNullOrEmpty(GmailQuery)) parts.Add($"Gmail search '{GmailQuery}'");
            return parts.Count == 0 ? "all messages" : string.Join(", ", parts);
        }
    }
}
