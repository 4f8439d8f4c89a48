using System;

namespace MailTools.Core.Statistics
{
    /// <summary>The little Measure-Mailbox keeps of one message while it is counted; never stored.</summary>
    internal readonly struct MessageFacts
    {
        public MessageFacts(string folder, long size, DateTimeOffset? date, bool unread, bool flagged, string? from, string? listId, string? attachmentType)
        {
            Folder = folder;
            Size = size;
            Date = date;
            Unread = unread;
            Flagged = flagged;
            From = from;
            ListId = listId;
            AttachmentType = attachmentType;
        }

        public string Folder { get; }
        public long Size { get; }
        public DateTimeOffset? Date { get; }
        public bool Unread { get; }
        public bool Flagged { get; }
        /// <summary>The From address, lower case; null when the grouping needs no headers.</summary>
        public string? From { get; }
        public string? ListId { get; }
        public string? AttachmentType { get; }
    }
}
