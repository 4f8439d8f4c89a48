#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System.Collections.Generic;
using MailTools.Core.Export;

namespace MailTools.Core.Cleanup
{
    /// <summary>A clean-up policy: ordered rules, and optionally where to archive and log.</summary>
    public sealed class CleanupPolicy
    {
        public IList<CleanupRule> Rules { get; } = new List<CleanupRule>();
        public string ArchivePath { get; set; }
        /// <summary>How Archive writes its copies; null = the cmdlet's -ArchiveFormat (Maildir by default).</summary>
        public ExportFormat? ArchiveFormat { get; set; }
        public string LogPath { get; set; }
        public string Source { get; set; }
    }
}
