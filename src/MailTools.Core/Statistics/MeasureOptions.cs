#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System.Collections.Generic;
using MailTools.Core.Messages;

namespace MailTools.Core.Statistics
{
    /// <summary>What Measure-Mailbox (or the report) wants counted.</summary>
    public sealed class MeasureOptions
    {
        public IList<MailboxGroupBy> GroupBy { get; set; } = new List<MailboxGroupBy> { MailboxGroupBy.Folder };
        /// <summary>Names, wildcards or roles; null or empty means every selectable folder.</summary>
        public IReadOnlyList<string> Folders { get; set; }
        /// <summary>Get-MailMessage's filters; null counts every message.</summary>
        public MessageQuery Query { get; set; }
        /// <summary>How many of the largest messages to keep (with their subjects); 0 = none.</summary>
        public int Largest { get; set; }
        /// <summary>Keep bytes per month per folder (the report's growth chart).</summary>
        public bool MonthlyByFolder { get; set; }
        /// <summary>UIDs per UID FETCH: bounds the memory one batch of summaries takes.</summary>
        public int ChunkSize { get; set; } = 1000;
    }
}
