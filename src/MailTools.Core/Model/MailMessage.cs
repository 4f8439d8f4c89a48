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
        /// <summary>The account (session name) the message belongs to.</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The folder's full name ("INBOX" over POP3).</summary>
        public string Folder { get; set; } = string.Empty;
        /// <summary>The IMAP UID (0 over POP3).</summary>
        public uint Uid { get; set; }
        /// <summary>The folder's UIDVALIDITY when the UID was read; a UID means nothing under another one (RFC 3501 2.3.1.1).</summary>
        public uint UidValidity { get; set; }
        /// <summary>When the server received the message (IMAP INTERNALDATE); over POP3 the Date header. Ages count from this.</summary>
        public DateTimeOffset? Date { get; set; }
        /// <summary>The Date header: when the sender says it was sent.</summary>
        public DateTimeOffset? SentDate { get; set; }
        /// <summary>The From header, decoded; null when missing.</summary>
        public string? From { get; set; }
        /// <summary>The To header, decoded; null when missing.</summary>
        public string? To { get; set; }
        /// <summary>The Subject header, decoded; null when missing.</summary>
        public string? Subject { get; set; }
        /// <summary>Size in bytes as the server counts it (RFC822.SIZE; POP3 LIST).</summary>
        public long Size { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Flags member of MailTools.types.ps1xml (JSON, CSV and views get "…").</summary>
        internal MessageFlags Flags { get; set; }
        /// <summary>The Message-ID header; null when missing.</summary>
        public string? MessageId { get; set; }
        /// <summary>The POP3 UIDL (null over IMAP).</summary>
        public string? Pop3Uid { get; set; }
        /// <summary>Gmail: the message's labels (X-GM-LABELS); null elsewhere.</summary>
        public ValueList? Labels { get; set; }
        /// <summary>Gmail: the message's id across all its labels (X-GM-MSGID); null elsewhere.</summary>
        public ulong? GmailMessageId { get; set; }
        /// <summary>The session the object came from: internal so ConvertTo-Json/Export-Csv never embed a live connection;
        /// PowerShell still binds it by property name through the hidden Session member of MailTools.types.ps1xml.</summary>
        internal MailSession? Session { get; set; }

        /// <summary>True when the message is marked read (\Seen).</summary>
        public bool IsRead => (Flags & MessageFlags.Seen) != 0;
        /// <summary>True when the message is flagged (\Flagged).</summary>
        public bool IsFlagged => (Flags & MessageFlags.Flagged) != 0;

        /// <summary>Folder, UID (or POP3 UIDL) and subject, for display.</summary>
        public override string ToString() => $"{Folder}/{(Pop3Uid ?? Uid.ToString(CultureInfo.InvariantCulture))} {Subject}";
    }
}
