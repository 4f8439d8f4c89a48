using System;
using MailKit;

namespace MailTools.Core.Export
{
    /// <summary>What a writer needs to know about one message before its bytes arrive.</summary>
    public sealed class MessageInfo
    {
        /// <summary>The server folder the message is in.</summary>
        public string Folder { get; set; } = string.Empty;
        /// <summary>The folder's UIDVALIDITY (0 for POP3).</summary>
        public uint UidValidity { get; set; }
        /// <summary>The IMAP UID as text, or "P" + the POP3 UIDL.</summary>
        public string Key { get; set; } = string.Empty;
        /// <summary>The IMAP flags, written into Maildir names and mbox Status lines.</summary>
        public MessageFlags Flags { get; set; }
        /// <summary>When the server received the message (INTERNALDATE).</summary>
        public DateTimeOffset InternalDate { get; set; }
        /// <summary>RFC822.SIZE as the server reports it.</summary>
        public long Size { get; set; }
        /// <summary>The normalised Message-ID, or null.</summary>
        public string? MessageId { get; set; }
        /// <summary>The Subject header, used in .eml file names; null when missing.</summary>
        public string? Subject { get; set; }
        /// <summary>The Date header, or null when missing or unreadable.</summary>
        public DateTimeOffset? Date { get; set; }
        /// <summary>The envelope sender for the mbox From_ line (Return-Path, else Sender/From).</summary>
        public string? EnvelopeSender { get; set; }
        /// <summary>Gmail only: X-GM-MSGID and X-GM-LABELS.</summary>
        public ulong? GmailMessageId { get; set; }
        /// <summary>Gmail: X-GM-LABELS; null elsewhere.</summary>
        public string[]? Labels { get; set; }
    }
}
