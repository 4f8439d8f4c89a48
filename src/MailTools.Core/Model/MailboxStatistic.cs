using System;

namespace MailTools
{
    /// <summary>What Measure-Mailbox can group messages by. Several together group by their cross product (Sender × Year).</summary>
    public enum MailboxGroupBy
    {
        /// <summary>Grouped by folder.</summary>
        Folder,
        /// <summary>The From address (lower case).</summary>
        Sender,
        /// <summary>The domain of the From address.</summary>
        SenderDomain,
        /// <summary>The mailing list (RFC 2919 List-Id), or "(no list)".</summary>
        List,
        /// <summary>The year received (INTERNALDATE; the Date header over POP3).</summary>
        Year,
        /// <summary>The month received, yyyy-MM.</summary>
        Month,
        /// <summary>Size bands: under 10 KB, 10-100 KB, 100 KB-1 MB, 1-10 MB, 10 MB and more.</summary>
        SizeBand,
        /// <summary>The MIME type of the message's largest attachment (from BODYSTRUCTURE), or "(none)".</summary>
        Attachment,
        /// <summary>How old: under 30 days, 30-90 days, 90 days-1 year, 1-2, 2-5, 5 years and more.</summary>
        Age,
    }

    /// <summary>One group of messages of one account (MailTools.MailboxStatistic): what Measure-Mailbox writes.</summary>
    public sealed class MailboxStatistic
    {
        /// <summary>The account (session name) measured.</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The grouping's name (Folder, Sender, …; "Sender, Year" for a cross product): text, so JSON and CSV show the name.</summary>
        public string GroupBy { get; set; } = string.Empty;
        /// <summary>
        /// The folder, sender, domain, list, year, month, band, attachment type or age this row counts; for a cross product
        /// the parts joined with ", " in -GroupBy's order (Measure-Mailbox also writes each part as a property: Sender, Year).
        /// </summary>
        public string Key { get; set; } = string.Empty;
        /// <summary>How many messages are in the group.</summary>
        public int Count { get; set; }
        /// <summary>Bytes (RFC822.SIZE, as the server counts them).</summary>
        public long Size { get; set; }
        /// <summary>Share of the account's measured bytes, 0-100.</summary>
        public double Percent { get; set; }
        /// <summary>The oldest message's date in the group; null when none has one.</summary>
        public DateTimeOffset? Oldest { get; set; }
        /// <summary>The newest message's date in the group; null when none has one.</summary>
        public DateTimeOffset? Newest { get; set; }
        /// <summary>Unseen messages; null over POP3, which has no read state.</summary>
        public int? Unread { get; set; }
        /// <summary>Flagged messages; null over POP3.</summary>
        public int? Flagged { get; set; }

        /// <summary>Group, key, count and bytes, for display.</summary>
        public override string ToString() => $"{GroupBy} {Key}: {Count} message(s), {Size} bytes";
    }
}
