using MailTools.Core.Text;

namespace MailTools.Core.Cleanup
{
    /// <summary>The thresholds Get-MailCleanupSuggestion works with; the defaults are the issue's.</summary>
    public sealed class SuggestionSettings
    {
        /// <summary>Junk older than this is suggested for deletion.</summary>
        public MailAge JunkOlderThan { get; set; } = AgeParser.Parse("30d", "JunkOlderThan");
        /// <summary>Bulk-sender and mailing-list mail older than this is suggested for clean-up.</summary>
        public MailAge BulkOlderThan { get; set; } = AgeParser.Parse("90d", "BulkOlderThan");
        /// <summary>Messages larger than <see cref="LargerThan"/> and older than this are suggested for archiving.</summary>
        public MailAge LargeOlderThan { get; set; } = AgeParser.Parse("1y", "LargeOlderThan");
        /// <summary>Bytes above which a message counts as large.</summary>
        public long LargerThan { get; set; } = 10L << 20;
        /// <summary>Sent messages older than this are suggested for archiving.</summary>
        public MailAge SentOlderThan { get; set; } = AgeParser.Parse("2y", "SentOlderThan");
        /// <summary>A sender or list "dominates" from this share of the bytes or of the messages of the ordinary folders, percent.</summary>
        public double DominantShare { get; set; } = 5;
        /// <summary>Fewer messages than this never make a bulk rule.</summary>
        public int MinMessages { get; set; } = 10;
        /// <summary>At most this many sender rules and this many list rules.</summary>
        public int MaxBulkRules { get; set; } = 5;
        /// <summary>The folders the bulk-sender and list rules look at; null = every folder but Sent, Drafts, Trash and Junk.</summary>
        public System.Collections.Generic.IReadOnlyList<string>? BulkFolders { get; set; }
        /// <summary>Written into the policy; Archive rules need it. Relative paths are relative to the policy file.</summary>
        public string ArchivePath { get; set; } = "archive";
        /// <summary>The deletion log written into the policy.</summary>
        public string LogPath { get; set; } = "cleanup-log.csv";
    }
}
