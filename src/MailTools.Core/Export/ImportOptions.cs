using System;

namespace MailTools.Core.Export
{
    /// <summary>What Import-Mailbox reads and where it puts it.</summary>
    public sealed class ImportOptions
    {
        /// <summary>The mbox file, Maildir or folder of .eml files to import.</summary>
        public string Path { get; set; } = string.Empty;
        /// <summary>Null: detected from the path.</summary>
        public ExportFormat? Format { get; set; }
        /// <summary>Target folder for a single source (file or flat directory); for a tree, the parent of the re-created folders.</summary>
        public string? Folder { get; set; }
        /// <summary>True when Folder came from -LiteralFolder: a name with * % or ? is then really meant.</summary>
        public bool LiteralFolder { get; set; }
        /// <summary>Upload messages even when the folder already holds one with the same Message-ID and size.</summary>
        public bool AllowDuplicates { get; set; }
        /// <summary>At most this many messages per MULTIAPPEND.</summary>
        public int BatchMessages { get; set; } = 100;
        /// <summary>At most this many bytes per MULTIAPPEND.</summary>
        public long BatchBytes { get; set; } = 16L * 1024 * 1024;
    }
}
