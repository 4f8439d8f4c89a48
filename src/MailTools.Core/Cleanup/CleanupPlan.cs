#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System.Collections.Generic;
using MailKit;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// What a rule would do in one folder, worked out before anything changes: the exact UIDs, their bytes, and what
    /// was left alone. -WhatIf and -Confirm show it; the executor acts on exactly these UIDs and nothing else.
    /// </summary>
    public sealed class CleanupPlan
    {
        public string Account { get; set; }
        public string Folder { get; set; }
        public string Rule { get; set; }
        public CleanupAction Action { get; set; }
        public string Destination { get; set; }
        public string Conditions { get; set; }
        /// <summary>The UIDs to act on, ascending (IMAP); POP3 message numbers are in <see cref="Pop3Messages"/>.</summary>
        public IList<UniqueId> Uids { get; set; } = new List<UniqueId>();
        public IList<MailMessage> Pop3Messages { get; set; }
        public long Bytes { get; set; }
        public int SkippedFlagged { get; set; }
        public int SkippedDeleted { get; set; }
        public int SkippedOther { get; set; }
        /// <summary>
        /// Messages an earlier MailTools run marked \Deleted (with its own keyword) but was cut off before expunging:
        /// their copy or move already happened, so finishing them is an expunge only.
        /// </summary>
        public IList<UniqueId> PendingOurs { get; } = new List<UniqueId>();
        public long PendingBytes { get; set; }
        /// <summary>The folder's HIGHESTMODSEQ when the plan was made (0 without CONDSTORE): moves claim against it.</summary>
        public ulong ModSeq { get; set; }
        /// <summary>RFC822.SIZE of each planned UID, so what was really acted on can be counted in bytes.</summary>
        public IDictionary<uint, long> Sizes { get; } = new Dictionary<uint, long>();

        public long SizeOf(IEnumerable<uint> uids)
        {
            long total = 0;
            foreach (var u in uids)
                if (Sizes.TryGetValue(u, out long size))
                    total += size;
            return total;
        }

        public int Count => Pop3Messages?.Count ?? Uids.Count;

        /// <summary>Planned by search alone (<see cref="SearchPlanner"/>): bytes come from the folder's size after the run, skips are not counted.</summary>
        public bool BytesLater { get; set; }

        /// <summary>Gmail: deleting means moving to this Trash folder and expunging there (see ImapActions.DeleteExactly).</summary>
        public string GmailTrash { get; set; }

        /// <summary>"Delete 120 message(s), 3.4 MB, older than 30d" — the -WhatIf / -Confirm text.</summary>
        public string Describe()
        {
            string verb;
            switch (Action)
            {
                case CleanupAction.Delete:
                    verb = GmailTrash == null ? "Delete"
                        : $"Delete for good (Gmail: move to {GmailTrash} and expunge there; expunging from a label would only remove the label)";
                    break;
                case CleanupAction.Archive: verb = "Archive to " + Destination + " and delete"; break;
                default: verb = "Move to " + Destination; break;
            }
            if (BytesLater)
                return $"{verb}: {Count} message(s), {Conditions}, rule '{Rule}' (planned by search alone: flagged and \\Deleted left out by the server, bytes counted afterwards)";
            string skipped = SkippedFlagged + SkippedDeleted > 0
                ? $" (leaving {SkippedFlagged} flagged and {SkippedDeleted} already \\Deleted)"
                : string.Empty;
            string pending = PendingOurs.Count > 0
                ? $"; and finish {PendingOurs.Count} deletion(s) an earlier run marked but could not expunge"
                : string.Empty;
            return $"{verb}: {Count} message(s), {FormatBytes(Bytes)}, {Conditions}, rule '{Rule}'{skipped}{pending}";
        }

        public static string FormatBytes(long bytes)
        {
            if (bytes >= 1024L * 1024 * 1024) return (bytes / (1024.0 * 1024 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " GB";
            if (bytes >= 1024L * 1024) return (bytes / (1024.0 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB";
            if (bytes >= 1024) return (bytes / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " KB";
            return bytes + " bytes";
        }
    }
}
