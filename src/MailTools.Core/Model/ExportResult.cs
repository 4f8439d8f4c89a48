using System;

namespace MailTools
{
    /// <summary>What Export-Mailbox did for one folder (MailTools.ExportResult).</summary>
    public sealed class ExportResult
    {
        /// <summary>The account (session name) exported.</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The server folder exported.</summary>
        public string Folder { get; set; } = string.Empty;
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Format member of MailTools.types.ps1xml (JSON, CSV and views get "…").</summary>
        internal ExportFormat Format { get; set; }
        /// <summary>The folder's Maildir directory, mbox file or EML directory.</summary>
        public string Path { get; set; } = string.Empty;
        /// <summary>Messages written by this run.</summary>
        public int Exported { get; set; }
        /// <summary>Messages already in the export (earlier runs, or matched by Message-ID + size after a UIDVALIDITY change).</summary>
        public int Skipped { get; set; }
        /// <summary>Message bytes written by this run.</summary>
        public long Bytes { get; set; }
        /// <summary>How long it took (internal: a TimeSpan becomes Ticks in JSON); <see cref="Seconds"/> is the public value.</summary>
        internal TimeSpan Duration { get; set; }
        /// <summary>How long it took, in seconds (plain in JSON and CSV).</summary>
        public double Seconds => Math.Round(Duration.TotalSeconds, 3);
        /// <summary>Null without -Verify; true when every message of the folder in the manifest was re-read and matched.</summary>
        public bool? Verified { get; set; }
        /// <summary>True when the server's UIDVALIDITY differed from the last run's and the folder was re-synchronised.</summary>
        public bool UidValidityChanged { get; set; }
        /// <summary>POP3 with -DeleteAfterExport: messages deleted from the server after their copy was verified.</summary>
        public int Deleted { get; set; }
        /// <summary>The folder's UIDVALIDITY during the export.</summary>
        public uint UidValidity { get; set; }

        /// <summary>A one-line summary: folder, exported and skipped counts.</summary>
        public override string ToString() => $"{Folder}: {Exported} exported, {Skipped} skipped";
    }

    /// <summary>What Import-Mailbox did for one source into one server folder (MailTools.ImportResult).</summary>
    public sealed class ImportResult
    {
        /// <summary>The account (session name) imported into.</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The server folder the messages went to.</summary>
        public string Folder { get; set; } = string.Empty;
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Format member of MailTools.types.ps1xml (JSON, CSV and views get "…").</summary>
        internal ExportFormat Format { get; set; }
        /// <summary>The source file or folder read.</summary>
        public string Source { get; set; } = string.Empty;
        /// <summary>Messages uploaded.</summary>
        public int Imported { get; set; }
        /// <summary>Messages not uploaded because the folder already holds one with the same Message-ID and size.</summary>
        public int Skipped { get; set; }
        /// <summary>Source files or mbox entries that are not mail messages (each one reported as a warning).</summary>
        public int Failed { get; set; }
        /// <summary>Bytes uploaded.</summary>
        public long Bytes { get; set; }
        /// <summary>How long it took (internal: a TimeSpan becomes Ticks in JSON); <see cref="Seconds"/> is the public value.</summary>
        internal TimeSpan Duration { get; set; }
        /// <summary>How long it took, in seconds (plain in JSON and CSV).</summary>
        public double Seconds => Math.Round(Duration.TotalSeconds, 3);
        /// <summary>True when the import created the server folder.</summary>
        public bool Created { get; set; }

        /// <summary>A one-line summary: folder, imported and skipped counts.</summary>
        public override string ToString() => $"{Folder}: {Imported} imported, {Skipped} skipped";
    }
}
