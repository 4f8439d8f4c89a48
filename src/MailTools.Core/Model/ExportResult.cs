#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;

namespace MailTools
{
    /// <summary>What Export-Mailbox did for one folder (MailTools.ExportResult).</summary>
    public sealed class ExportResult
    {
        public string Account { get; set; }
        public string Folder { get; set; }
        public ExportFormat Format { get; set; }
        /// <summary>The folder's Maildir directory, mbox file or EML directory.</summary>
        public string Path { get; set; }
        /// <summary>Messages written by this run.</summary>
        public int Exported { get; set; }
        /// <summary>Messages already in the export (earlier runs, or matched by Message-ID + size after a UIDVALIDITY change).</summary>
        public int Skipped { get; set; }
        /// <summary>Message bytes written by this run.</summary>
        public long Bytes { get; set; }
        public TimeSpan Duration { get; set; }
        /// <summary>Null without -Verify; true when every message of the folder in the manifest was re-read and matched.</summary>
        public bool? Verified { get; set; }
        /// <summary>True when the server's UIDVALIDITY differed from the last run's and the folder was re-synchronised.</summary>
        public bool UidValidityChanged { get; set; }
        /// <summary>POP3 with -DeleteAfterExport: messages deleted from the server after their copy was verified.</summary>
        public int Deleted { get; set; }
        public uint UidValidity { get; set; }

        public override string ToString() => $"{Folder}: {Exported} exported, {Skipped} skipped";
    }

    /// <summary>What Import-Mailbox did for one source into one server folder (MailTools.ImportResult).</summary>
    public sealed class ImportResult
    {
        public string Account { get; set; }
        public string Folder { get; set; }
        public ExportFormat Format { get; set; }
        public string Source { get; set; }
        public int Imported { get; set; }
        /// <summary>Messages not uploaded because the folder already holds one with the same Message-ID and size.</summary>
        public int Skipped { get; set; }
        /// <summary>Source files or mbox entries that are not mail messages (each one reported as a warning).</summary>
        public int Failed { get; set; }
        public long Bytes { get; set; }
        public TimeSpan Duration { get; set; }
        public bool Created { get; set; }

        public override string ToString() => $"{Folder}: {Imported} imported, {Skipped} skipped";
    }
}
