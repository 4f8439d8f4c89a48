using System;

namespace MailTools.Core.Statistics
{
    /// <summary>One of the largest messages of an account, for the report.</summary>
    public sealed class LargeMessage
    {
        public string Folder { get; set; } = string.Empty;
        public uint Uid { get; set; }
        public long Size { get; set; }
        public DateTimeOffset? Date { get; set; }
        public string? From { get; set; }
        public string? Subject { get; set; }
    }
}
