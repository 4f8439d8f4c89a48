using System;
using System.Globalization;
using MimeKit;

namespace MailTools.Core.Statistics
{
    /// <summary>The key a message falls under for each grouping, and the order rows of ordered groupings come in.</summary>
    public static class GroupKeys
    {
        /// <summary>The Sender key of a message without a From address.</summary>
        public const string NoSender = "(no sender)";
        /// <summary>The List key of a message without a List-Id.</summary>
        public const string NoList = "(no list)";
        /// <summary>The Attachment key of a message without attachments.</summary>
        public const string NoAttachment = "(none)";
        /// <summary>The time key of a message without a date.</summary>
        public const string NoDate = "(no date)";

        static readonly long[] s_sizeBounds = { 10L << 10, 100L << 10, 1L << 20, 10L << 20 };
        static readonly string[] s_sizeBands = { "< 10 KB", "10-100 KB", "100 KB-1 MB", "1-10 MB", ">= 10 MB" };
        static readonly string[] s_ageBands = { "< 30 days", "30-90 days", "90 days-1 year", "1-2 years", "2-5 years", ">= 5 years" };

        /// <summary>Size bands in ascending order (for charts that show empty bands too).</summary>
        public static string[] SizeBands => (string[])s_sizeBands.Clone();
        /// <summary>Age bands in ascending order (for charts that show empty bands too).</summary>
        public static string[] AgeBands => (string[])s_ageBands.Clone();

        internal static string KeyOf(MailboxGroupBy by, in MessageFacts m, DateTime now)
        {
            switch (by)
            {
                case MailboxGroupBy.Folder: return m.Folder;
                case MailboxGroupBy.Sender: return m.From ?? NoSender;
                case MailboxGroupBy.SenderDomain: return m.SenderDomain ?? DomainOf(m.From);
                case MailboxGroupBy.List: return m.ListId ?? NoList;
                case MailboxGroupBy.Year: return m.Date.HasValue ? YearOf(m.Date.Value) : NoDate;
                case MailboxGroupBy.Month: return m.Date.HasValue ? MonthOf(m.Date.Value) : NoDate;
                case MailboxGroupBy.SizeBand: return SizeBand(m.Size);
                case MailboxGroupBy.Attachment: return m.AttachmentType ?? NoAttachment;
                case MailboxGroupBy.Age: return m.Date.HasValue ? AgeBand(m.Date.Value.LocalDateTime, now) : NoDate;
                default: throw new ArgumentOutOfRangeException(nameof(by));
            }
        }

        // Year and month keys from a small table: one string per year or month ever seen, not one per message.
        const int FirstYear = 1900, Years = 300;
        static readonly string[] s_years = new string[Years];
        static readonly string[] s_months = new string[Years * 12];

        static string YearOf(DateTimeOffset d)
        {
            int i = d.Year - FirstYear;
            if (i < 0 || i >= Years)
                return d.Year.ToString(CultureInfo.InvariantCulture);
            return s_years[i] ?? (s_years[i] = d.Year.ToString(CultureInfo.InvariantCulture));
        }

        static string MonthOf(DateTimeOffset d)
        {
            int i = (d.Year - FirstYear) * 12 + d.Month - 1;
            if (i < 0 || i >= s_months.Length)
                return d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            return s_months[i] ?? (s_months[i] = d.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        /// <summary>The size band a message of this many bytes falls in.</summary>
        public static string SizeBand(long size)
        {
            for (int i = 0; i < s_sizeBounds.Length; i++)
                if (size < s_sizeBounds[i])
                    return s_sizeBands[i];
            return s_sizeBands[s_sizeBands.Length - 1];
        }

        /// <summary>The age band of a message received at <paramref name="received"/>, seen from <paramref name="now"/>.</summary>
        public static string AgeBand(DateTime received, DateTime now)
        {
            if (received > now.AddDays(-30)) return s_ageBands[0];
            if (received > now.AddDays(-90)) return s_ageBands[1];
            if (received > now.AddYears(-1)) return s_ageBands[2];
            if (received > now.AddYears(-2)) return s_ageBands[3];
            if (received > now.AddYears(-5)) return s_ageBands[4];
            return s_ageBands[5];
        }

        /// <summary>Groupings with a natural order (time, size) list their rows in it; the others by size, largest first.</summary>
        public static bool IsOrdered(MailboxGroupBy by) =>
            by == MailboxGroupBy.Year || by == MailboxGroupBy.Month || by == MailboxGroupBy.SizeBand || by == MailboxGroupBy.Age;

        /// <summary>Sort position of a key in an ordered grouping.</summary>
        public static string OrderOf(MailboxGroupBy by, string key)
        {
            int i = by == MailboxGroupBy.SizeBand ? Array.IndexOf(s_sizeBands, key) : by == MailboxGroupBy.Age ? Array.IndexOf(s_ageBands, key) : -1;
            return i >= 0 ? i.ToString("D2", CultureInfo.InvariantCulture) : key == NoDate ? "~" : key;
        }

        internal static string DomainOf(string? address)
        {
            if (address == null || address.Length == 0)
                return NoSender;
            int at = address.LastIndexOf('@');
            return at >= 0 && at < address.Length - 1 ? address.Substring(at + 1) : address;
        }

        /// <summary>The first address of a From header, lower case; null when there is none.</summary>
        public static string? AddressOf(string? fromHeader)
        {
            if (fromHeader == null || string.IsNullOrWhiteSpace(fromHeader))
                return null;
            if (InternetAddressList.TryParse(fromHeader, out var list))
                foreach (var mailbox in list.Mailboxes)
                    if (!string.IsNullOrEmpty(mailbox.Address))
                        return mailbox.Address.ToLowerInvariant();
            return fromHeader.Trim().ToLowerInvariant();
        }

        /// <summary>The list identifier of a List-Id header ("News &lt;news.shop.example&gt;" is news.shop.example, RFC 2919).</summary>
        public static string? ListIdOf(string? header)
        {
            if (header == null || string.IsNullOrWhiteSpace(header))
                return null;
            int open = header.LastIndexOf('<');
            int close = header.LastIndexOf('>');
            string id = open >= 0 && close > open ? header.Substring(open + 1, close - open - 1) : header;
            id = id.Trim().ToLowerInvariant();
            return id.Length == 0 ? null : id;
        }
    }
}
