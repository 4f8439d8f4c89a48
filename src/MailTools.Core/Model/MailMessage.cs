#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Globalization;
using MailKit;

namespace MailTools
{
    /// <summary>
    /// One message's headers as Get-MailMessage finds them (MailTools.MailMessage). Feeds Remove-MailMessage and
    /// Move-MailMessage through the pipeline: they act on Folder + Uid (IMAP) or Pop3Uid (POP3) of the Session.
    /// </summary>
    public sealed class MailMessage
    {
        public string Account { get; set; }
        public string Folder { get; set; }
        /// <summary>The IMAP UID (0 over POP3).</summary>
        public uint Uid { get; set; }
        /// <summary>The folder's UIDVALIDITY when the UID was read; a UID means nothing under another one (RFC 3501 2.3.1.1).</summary>
        public uint UidValidity { get; set; }
        /// <summary>When the server received the message (IMAP INTERNALDATE); over POP3 the Date header. Ages count from this.</summary>
        public DateTimeOffset? Date { get; set; }
        /// <summary>The Date header: when the sender says it was sent.</summary>
        public DateTimeOffset? SentDate { get; set; }
        public string From { get; set; }
        public string To { get; set; }
        public string Subject { get; set; }
        /// <summary>Size in bytes as the server counts it (RFC822.SIZE; POP3 LIST).</summary>
        public long Size { get; set; }
        public MessageFlags Flags { get; set; }
        public string MessageId { get; set; }
        /// <summary>The POP3 UIDL (null over IMAP).</summary>
        public string Pop3Uid { get; set; }
        /// <summary>Gmail: the message's labels (X-GM-LABELS); null elsewhere.</summary>
        public string[] Labels { get; set; }
        /// <summary>Gmail: the message's id across all its labels (X-GM-MSGID); null elsewhere.</summary>
        public ulong? GmailMessageId { get; set; }
        public MailSession Session { get; set; }

        public bool IsRead => (Flags & MessageFlags.Seen) != 0;
        public bool IsFlagged => (Flags & MessageFlags.Flagged) != 0;

        public override string ToString() => $"{Folder}/{(Pop3Uid ?? Uid.ToString(CultureInfo.InvariantCulture))} {Subject}";
    }
}
