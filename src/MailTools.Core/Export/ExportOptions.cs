using System;
using System.Collections.Generic;
using MailKit;

namespace MailTools.Core.Export
{
    /// <summary>What to export and how (the cmdlet's parameters, minus PowerShell).</summary>
    public sealed class ExportOptions
    {
        /// <summary>The export root (one tree per account below it).</summary>
        public string Path { get; set; } = string.Empty;
        /// <summary>The on-disk format: Maildir, mbox or .eml files.</summary>
        public ExportFormat Format { get; set; } = ExportFormat.Maildir;
        /// <summary>INTERNALDATE on or after this day (IMAP SEARCH SINCE).</summary>
        public DateTimeOffset? Since { get; set; }
        /// <summary>INTERNALDATE before this day (IMAP SEARCH BEFORE).</summary>
        public DateTimeOffset? Before { get; set; }
        /// <summary>Export everything again, ignoring the saved state.</summary>
        public bool Full { get; set; }
        /// <summary>Re-read what was written and compare it with the manifest's SHA-256 at the end.</summary>
        public bool Verify { get; set; }
        /// <summary>POP3 only: delete messages whose copy was written and verified; the host is asked first (IOutputWriter.ShouldProcess).</summary>
        public bool DeleteAfterExport { get; set; }
        /// <summary>Messages per UID FETCH (one round trip each).</summary>
        public int BatchMessages { get; set; } = 250;
        /// <summary>Bytes per UID FETCH; a bigger message is fetched alone.</summary>
        public long BatchBytes { get; set; } = 16L * 1024 * 1024;
        /// <summary>Archive: export exactly these UIDs (state is still used to avoid writing a message twice).</summary>
        internal IList<UniqueId>? OnlyUids { get; set; }
        /// <summary>POP3 messages piped from Get-MailMessage: export only these UIDLs.</summary>
        internal ISet<string>? OnlyPop3Uids { get; set; }
    }
}
