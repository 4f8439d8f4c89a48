using System.Collections.Generic;
using MailTools.Core.Export;

namespace MailTools.Core.Cleanup
{
    /// <summary>A clean-up policy: ordered rules, and optionally where to archive and log.</summary>
    public sealed class CleanupPolicy
    {
        /// <summary>The rules in the order they run; a message taken by one rule is not seen by the next.</summary>
        public IList<CleanupRule> Rules { get; } = new List<CleanupRule>();
        /// <summary>Where Archive writes its copies; null when the policy names none.</summary>
        public string? ArchivePath { get; set; }
        /// <summary>How Archive writes its copies; null = the cmdlet's -ArchiveFormat (Maildir by default).</summary>
        public ExportFormat? ArchiveFormat { get; set; }
        /// <summary>Where the CSV deletion log goes; null for no log.</summary>
        public string? LogPath { get; set; }
        /// <summary>The policy file the rules came from (named in errors); null when built from parameters.</summary>
        public string? Source { get; set; }
    }
}
