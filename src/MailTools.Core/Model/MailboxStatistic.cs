#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;

namespace MailTools
{
    /// <summary>What Measure-Mailbox can group messages by. Several may be given; each gives its own rows.</summary>
    public enum MailboxGroupBy
    {
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
        public string Account { get; set; }
        /// <summary>The grouping's name (Folder, Sender, …): text, so JSON and CSV show the name.</summary>
        public string GroupBy { get; set; }
        /// <summary>The folder, sender, domain, list, year, month, band, attachment type or age this row counts.</summary>
        public string Key { get; set; }
        public int Count { get; set; }
        /// <summary>Bytes (RFC822.SIZE, as the server counts them).</summary>
        public long Size { get; set; }
        /// <summary>Share of the account's measured bytes, 0-100.</summary>
        public double Percent { get; set; }
        public DateTimeOffset? Oldest { get; set; }
        public DateTimeOffset? Newest { get; set; }
        /// <summary>Unseen messages; null over POP3, which has no read state.</summary>
        public int? Unread { get; set; }
        /// <summary>Flagged messages; null over POP3.</summary>
        public int? Flagged { get; set; }
        /// <summary>The account's storage in use by the server's count (RFC 9208 QUOTA), bytes; null without a quota.</summary>
        public long? QuotaUsed { get; set; }
        /// <summary>The account's storage limit (RFC 9208 QUOTA), bytes; null without a quota.</summary>
        public long? QuotaLimit { get; set; }

        public override string ToString() => $"{GroupBy} {Key}: {Count} message(s), {Size} bytes";
    }
}
