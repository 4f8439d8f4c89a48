#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;

namespace MailTools.Core.Statistics
{
    /// <summary>One of the largest messages of an account, for the report.</summary>
    public sealed class LargeMessage
    {
        public string Folder { get; set; }
        public uint Uid { get; set; }
        public long Size { get; set; }
        public DateTimeOffset? Date { get; set; }
        public string From { get; set; }
        public string Subject { get; set; }
    }
}
