using System.Collections.Generic;
using System.Linq;
using MailTools.Core.Messages;

namespace MailTools.Core.Statistics
{
    /// <summary>What Measure-Mailbox (or the report) wants counted.</summary>
    public sealed class MeasureOptions
    {
        /// <summary>Separate groupings, each with its own rows (the report wants senders and size bands apart).</summary>
        public IList<MailboxGroupBy> GroupBy { get; set; } = new List<MailboxGroupBy> { MailboxGroupBy.Folder };
        /// <summary>One more grouping on the cross product of these, in this order (Measure-Mailbox -GroupBy Sender, Year); null for none.</summary>
        public IReadOnlyList<MailboxGroupBy>? CrossProduct { get; set; }
        /// <summary>Read the account's quota (GETQUOTAROOT): the report shows it; Measure-Mailbox leaves it to Get-MailQuota.</summary>
        public bool ReadQuota { get; set; } = true;
        /// <summary>Names, wildcards or roles; null or empty means every selectable folder.</summary>
        public IReadOnlyList<string>? Folders { get; set; }
        /// <summary>Get-MailMessage's filters; null counts every message.</summary>
        public MessageQuery? Query { get; set; }
        /// <summary>How many of the largest messages to keep (with their subjects); 0 = none.</summary>
        public int Largest { get; set; }
        /// <summary>Keep bytes per month per folder (the report's growth chart).</summary>
        public bool MonthlyByFolder { get; set; }
        /// <summary>UIDs per UID FETCH: bounds the memory one batch of summaries takes.</summary>
        public int ChunkSize { get; set; } = 1000;
        /// <summary>Connections to measure different folders over at once (IMAP), within the account's -MaxConnections; 1 = the session's alone.</summary>
        public int ConnectionCount { get; set; } = 1;

        /// <summary>Every grouping to count: each of <see cref="GroupBy"/> alone, then the cross product.</summary>
        internal IEnumerable<IReadOnlyList<MailboxGroupBy>> Groupings()
        {
            foreach (var by in (GroupBy ?? new List<MailboxGroupBy>()).Distinct())
                yield return new[] { by };
            if (CrossProduct != null && CrossProduct.Count > 0)
                yield return CrossProduct.Distinct().ToArray();
        }

        /// <summary>Every dimension any grouping needs (what decides the FETCH items).</summary>
        internal IEnumerable<MailboxGroupBy> Dimensions() => Groupings().SelectMany(g => g).Distinct();
    }
}
