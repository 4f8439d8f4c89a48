#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;

namespace MailTools
{
    /// <summary>What Invoke-MailCleanup (or Remove-/Move-MailMessage) did, or would do under -WhatIf, in one folder for one rule (MailTools.CleanupResult).</summary>
    public sealed class CleanupResult
    {
        public string Account { get; set; }
        public string Folder { get; set; }
        public string Rule { get; set; }
        public string Action { get; set; }
        /// <summary>Where Trash/Move put the messages, or the archive path.</summary>
        public string Destination { get; set; }
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
        public int Skipped => SkippedFlagged + SkippedDeleted + SkippedOther;
        public bool WhatIf { get; set; }
        public TimeSpan Duration { get; set; }
        public MailSession Session { get; set; }

        public override string ToString() => $"{Folder}: {Action} {Acted}/{Matched}";
    }
}
