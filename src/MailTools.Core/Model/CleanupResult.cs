using System;

namespace MailTools
{
    /// <summary>What Invoke-MailCleanup (or Remove-/Move-MailMessage) did, or would do under -WhatIf, in one folder for one rule (MailTools.CleanupResult).</summary>
    public sealed class CleanupResult
    {
        /// <summary>The account (session name) the folder belongs to.</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The folder cleaned.</summary>
        public string Folder { get; set; } = string.Empty;
        /// <summary>The rule that acted ("(pipeline)" for Remove-/Move-MailMessage).</summary>
        public string Rule { get; set; } = string.Empty;
        /// <summary>What was done: Delete, Trash, Move or Archive.</summary>
        public string Action { get; set; } = string.Empty;
        /// <summary>Where Trash/Move put the messages, or the archive path.</summary>
        public string? Destination { get; set; }
        /// <summary>Messages the rule matched, not counting the skipped ones.</summary>
        public int Matched { get; set; }
        /// <summary>Messages actually removed/moved (0 under -WhatIf or when declined at -Confirm).</summary>
        public int Acted { get; set; }
        /// <summary>Bytes of the matched messages (RFC822.SIZE).</summary>
        public long Bytes { get; set; }
        /// <summary>Bytes of the messages actually acted on (RFC822.SIZE): for Delete and Archive, the space freed on the server.</summary>
        public long ActedBytes { get; set; }
        /// <summary>Flagged (starred) messages left alone because -IncludeFlagged was not given.</summary>
        public int SkippedFlagged { get; set; }
        /// <summary>Messages already marked \Deleted by another client: never expunged by MailTools.</summary>
        public int SkippedDeleted { get; set; }
        /// <summary>Matched by an earlier rule of the same run, or declined at -Confirm.</summary>
        public int SkippedOther { get; set; }
        /// <summary>Matched messages left alone (flagged, already \Deleted, or other).</summary>
        public int Skipped => SkippedFlagged + SkippedDeleted + SkippedOther;
        /// <summary>True when nothing was changed (-WhatIf): the counts are what would happen.</summary>
        public bool WhatIf { get; set; }
        /// <summary>How long it took (internal: a TimeSpan becomes Ticks in JSON); <see cref="Seconds"/> is the public value.</summary>
        internal TimeSpan Duration { get; set; }
        /// <summary>How long it took, in seconds (plain in JSON and CSV).</summary>
        public double Seconds => Math.Round(Duration.TotalSeconds, 3);
        /// <summary>The session the object came from: internal so ConvertTo-Json/Export-Csv never embed a live connection;
        /// PowerShell still binds it by property name through the hidden Session member of MailTools.types.ps1xml.</summary>
        internal MailSession? Session { get; set; }

        /// <summary>A one-line summary: folder, action, acted/matched.</summary>
        public override string ToString() => $"{Folder}: {Action} {Acted}/{Matched}";
    }
}
