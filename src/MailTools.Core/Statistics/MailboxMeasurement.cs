using System;
using System.Collections.Generic;
using System.Linq;

namespace MailTools.Core.Statistics
{
    /// <summary>Everything one pass over one account found: totals, the groupings asked for, quota, largest messages.</summary>
    public sealed class MailboxMeasurement
    {
        /// <summary>One table per grouping, each a single dimension.</summary>
        public MailboxMeasurement(string account, IEnumerable<MailboxGroupBy> groupBy, int largest)
            : this(account, groupBy.Distinct().Select(by => (IReadOnlyList<MailboxGroupBy>)new[] { by }), largest) { }

        /// <summary>Each grouping is one dimension or the cross product of several (Sender × Year).</summary>
        public MailboxMeasurement(string account, IEnumerable<IReadOnlyList<MailboxGroupBy>> groupings, int largest)
        {
            Account = account;
            foreach (var by in groupings)
                if (Table(by) == null)
                    Tables.Add(new GroupTable(by));
            Largest = new LargestMessages(largest);
        }

        /// <summary>The account measured (its saved name or user@server).</summary>
        public string Account { get; }
        /// <summary>IMAP or POP3.</summary>
        public MailProtocol Protocol { get; set; }
        /// <summary>Every message counted, whatever the groupings.</summary>
        public GroupAccumulator Total { get; } = new GroupAccumulator();
        /// <summary>One table per grouping, in the order asked for.</summary>
        public IList<GroupTable> Tables { get; } = new List<GroupTable>();
        /// <summary>The largest messages, when asked for.</summary>
        public LargestMessages Largest { get; }
        /// <summary>Bytes per month per folder ("yyyy-MM" → folder → bytes), for the growth chart; filled when asked for.</summary>
        public SortedDictionary<string, Dictionary<string, long>> MonthlyByFolder { get; } = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        /// <summary>The folders measured, in the server's order, with their special-use role.</summary>
        public IList<(string Folder, MailSpecialUse Role)> Folders { get; } = new List<(string, MailSpecialUse)>();
        /// <summary>Bytes in use by the quota root of the inbox; null when the server keeps no quota.</summary>
        public long? QuotaUsed { get; set; }
        /// <summary>The quota limit in bytes; null when there is none.</summary>
        public long? QuotaLimit { get; set; }
        /// <summary>False over POP3: no read or flagged state.</summary>
        public bool HasState { get; set; } = true;
        /// <summary>When the pass ran.</summary>
        public DateTime MeasuredAt { get; set; } = DateTime.Now;

        internal bool TrackMonthly { get; set; }

        /// <summary>Notes a folder as measured; grouping by Folder lists it even when it holds nothing.</summary>
        internal void AddFolder(string folder, MailSpecialUse role)
        {
            Folders.Add((folder, role));
            Table(new[] { MailboxGroupBy.Folder })?.Ensure(folder);
        }

        internal void Add(in MessageFacts m, uint uid, DateTime now)
        {
            Total.Add(m);
            foreach (var table in Tables)
                table.Add(KeyOf(table.By, m, now), m);
            Largest.Offer(m.Folder, uid, m);
            if (TrackMonthly && m.Date.HasValue)
            {
                string month = GroupKeys.KeyOf(MailboxGroupBy.Month, m, now);
                if (!MonthlyByFolder.TryGetValue(month, out var byFolder))
                    MonthlyByFolder[month] = byFolder = new Dictionary<string, long>(StringComparer.Ordinal);
                byFolder.TryGetValue(m.Folder, out long bytes);
                byFolder[m.Folder] = bytes + m.Size;
            }
        }

        /// <summary>Adds what another pass with the same groupings counted (one folder, measured over another connection).</summary>
        internal void Merge(MailboxMeasurement part)
        {
            foreach (var folder in part.Folders)
                Folders.Add(folder);
            Total.Merge(part.Total);
            for (int i = 0; i < Tables.Count; i++)
                Tables[i].Merge(part.Tables[i]);
            Largest.Merge(part.Largest);
            foreach (var month in part.MonthlyByFolder)
            {
                if (!MonthlyByFolder.TryGetValue(month.Key, out var byFolder))
                    MonthlyByFolder[month.Key] = byFolder = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var folder in month.Value)
                {
                    byFolder.TryGetValue(folder.Key, out long bytes);
                    byFolder[folder.Key] = bytes + folder.Value;
                }
            }
        }

        static string KeyOf(IReadOnlyList<MailboxGroupBy> by, in MessageFacts m, DateTime now)
        {
            if (by.Count == 1)
                return GroupKeys.KeyOf(by[0], m, now);
            if (by.Count == 2)
                return string.Concat(GroupKeys.KeyOf(by[0], m, now), GroupTable.SeparatorText, GroupKeys.KeyOf(by[1], m, now));
            var parts = new string[by.Count];
            for (int i = 0; i < parts.Length; i++)
                parts[i] = GroupKeys.KeyOf(by[i], m, now);
            return string.Join(GroupTable.SeparatorText, parts);
        }

        /// <summary>The table of this grouping (one dimension, or several in this order); null when it was not counted.</summary>
        public GroupTable? Table(IReadOnlyList<MailboxGroupBy> by) => Tables.FirstOrDefault(t => t.By.SequenceEqual(by));

        /// <summary>The output rows of one grouping (Measure-Mailbox's objects).</summary>
        public IEnumerable<MailboxStatistic> Rows(MailboxGroupBy by, int top = 0, bool byCount = false) =>
            RowsWithParts(new[] { by }, top, byCount).Select(r => r.Row);

        /// <summary>
        /// The rows of one grouping, each with its key's parts (one per dimension, in the grouping's order): a cross
        /// product's row has one part per dimension, which Measure-Mailbox also shows as properties named after them.
        /// </summary>
        public IEnumerable<(MailboxStatistic Row, IReadOnlyList<string> Parts)> RowsWithParts(IReadOnlyList<MailboxGroupBy> by, int top = 0, bool byCount = false)
        {
            var table = Table(by);
            if (table == null)
                yield break;
            string groupBy = string.Join(", ", by);
            foreach (var pair in table.Rows(top, byCount))
            {
                var g = pair.Value;
                var parts = table.PartsOf(pair.Key);
                yield return (new MailboxStatistic
                {
                    Account = Account,
                    GroupBy = groupBy,
                    Key = parts.Count == 1 ? parts[0] : string.Join(", ", parts),
                    Count = g.Count,
                    Size = g.Size,
                    Percent = Total.Size == 0 ? 0 : Math.Round(g.Size * 100.0 / Total.Size, 1),
                    Oldest = g.Oldest,
                    Newest = g.Newest,
                    Unread = HasState ? g.Unread : (int?)null,
                    Flagged = HasState ? g.Flagged : (int?)null,
                }, parts);
            }
        }
    }
}
