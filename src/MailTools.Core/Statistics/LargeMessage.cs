using System;

namespace MailTools.Core.Statistics
{
    /// <summary>One of the largest messages of an account, for the report.</summary>
    public sealed class LargeMessage
    {
        /// <summary>The folder that holds it.</summary>
        public string Folder { get; set; } = string.Empty;
        /// <summary>Its UID in that folder (IMAP), or its index + 1 (POP3).</summary>
        public uint Uid { get; set; }
        /// <summary>Its size in bytes (RFC822.SIZE).</summary>
        public long Size { get; set; }
        /// <summary>Its internal (IMAP) or Date header (POP3) date.</summary>
        public DateTimeOffset? Date { get; set; }
        /// <summary>The sender address; null when unknown.</summary>
        public string? From { get; set; }
        /// <summary>The subject, fetched once the folder is done; null when unknown.</summary>
        public string? Subject { get; set; }
    }
}
