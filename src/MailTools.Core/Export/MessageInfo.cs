#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using MailKit;

namespace MailTools.Core.Export
{
    /// <summary>What a writer needs to know about one message before its bytes arrive.</summary>
    public sealed class MessageInfo
    {
        public string Folder { get; set; }
        public uint UidValidity { get; set; }
        /// <summary>The IMAP UID as text, or "P" + the POP3 UIDL.</summary>
        public string Key { get; set; }
        public MessageFlags Flags { get; set; }
        public DateTimeOffset InternalDate { get; set; }
        public long Size { get; set; }
        public string MessageId { get; set; }
        public string Subject { get; set; }
        public DateTimeOffset? Date { get; set; }
        /// <summary>The envelope sender for the mbox From_ line (Return-Path, else Sender/From).</summary>
        public string EnvelopeSender { get; set; }
        /// <summary>Gmail only: X-GM-MSGID and X-GM-LABELS.</summary>
        public ulong? GmailMessageId { get; set; }
        public string[] Labels { get; set; }
    }
}
