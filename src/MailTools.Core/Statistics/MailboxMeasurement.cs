using System;
using System.Collections.Generic;
using System.Linq;

namespace MailTools.Core.Statistics
{
    /// <summary>Everything one pass over one account found: totals, the groupings asked for, quota, largest messages.</summary>
    public sealed class MailboxMeasurement
    {
        public MailboxMeasurement(string account, IEnumerable<MailboxGroupBy> groupBy, int largest)
        {
            Account = account;
            foreach (var by in groupBy.Distinct())
                Tables[by] = new GroupTable(by);
            Largest = new LargestMessages(largest);
        }

        public string Account { get; }
        public MailProtocol Protocol { get; set; }
        public GroupAccumulator Total { get; } = new GroupAccumulator();
        public IDictionary<MailboxGroupBy, GroupTable> Tables { get; } = new Dictionary<MailboxGroupBy, GroupTable>();
        public LargestMessages Largest { get; }
        /// <summary>Bytes per month per folder ("yyyy-MM" → folder → bytes), for the growth chart; filled when asked for.</summary>
        public SortedDictionary<string, Dictionary<string, long>> MonthlyByFolder { get; } = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        /// <summary>The folders measured, in the server's order, with their special-use role.</summary>
        public IList<(string Folder, MailSpecialUse Role)> Folders { get; } = new List<(string, MailSpecialUse)>();
        public long? QuotaUsed { get; set; }
        public long? QuotaLimit { get; set; }
        /// <summary>False over POP3: no read or flagged state.</summary>
        public bool HasState { get; set; } = true;
        public DateTime MeasuredAt { get; set; } = DateTime.Now;

        internal bool TrackMonthly { get; set; }

        /// <summary>Notes a folder as measured; grouping by Folder lists it even when it holds nothing.</summary>
        internal void AddFolder(string folder, MailSpecialUse role)
        {
            Folders.Add((folder, role));
            if (Tables.TryGetValue(MailboxGroupBy.Folder, out var table))
                table.Ensure(folder);
        }

        internal void Add(in MessageFacts m, uint uid, DateTime now)
        {
            Total.Add(m);
            foreach (var table in Tables.Values)
                table.Add(GroupKeys.KeyOf(table.By, m, now), m);
            Largest.Offer(m.Folder, uid, m);
            if (TrackMonthly && m.Date.HasValue)
            {
                string month = m.Date.Value.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                if (!MonthlyByFolder.TryGetValue(month, out var byFolder))
                    MonthlyByFolder[month] = byFolder = new Dictionary<string, long>(StringComparer.Ordinal);
                byFolder.TryGetValue(m.Folder, out long bytes);
                byFolder[m.Folder] = bytes + m.Size;
            }
        }

        /// <summary>The output rows of one grouping (Measure-Mailbox's objects).</summary>
        public IEnumerable<MailboxStatistic> Rows(MailboxGroupBy by, int top = 0, bool byCount = false)
        {
            if (!Tables.TryGetValue(by, out var table))
                yield break;
            foreach (var pair in table.Rows(top, byCount))
            {
                var g = pair.Value;
                yield return new MailboxStatistic
                {
                    Account = Account,
                    GroupBy = by.ToString(),
                    Key = pair.Key,
                    Count = g.Count,
                    Size = g.Size,
                    Percent = Total.Size == 0 ? 0 : Math.Round(g.Size * 100.0 / Total.Size, 1),
                    Oldest = g.Oldest,
                    Newest = g.Newest,
                    Unread = HasState ? g.Unread : (int?)null,
                    Flagged = HasState ? g.Flagged : (int?)null,
                    QuotaUsed = QuotaUsed,
                    QuotaLimit = QuotaLimit,
                };
            }
        }
    }
}
