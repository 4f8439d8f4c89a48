#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;

namespace MailTools.Core.Export
{
    /// <summary>What Import-Mailbox reads and where it puts it.</summary>
    public sealed class ImportOptions
    {
        public string Path { get; set; }
        /// <summary>Null: detected from the path.</summary>
        public ExportFormat? Format { get; set; }
        /// <summary>Target folder for a single source (file or flat directory); for a tree, the parent of the re-created folders.</summary>
        public string Folder { get; set; }
        /// <summary>True when Folder came from -LiteralFolder: a name with * % or ? is then really meant.</summary>
        public bool LiteralFolder { get; set; }
        public bool AllowDuplicates { get; set; }
        public int BatchMessages { get; set; } = 100;
        public long BatchBytes { get; set; } = 16L * 1024 * 1024;
    }
}
