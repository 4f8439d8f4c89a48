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
        /// <summary>The account (session name) the folder belongs to.</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The folder's full name on the server.</summary>
        public string Folder { get; set; } = string.Empty;
        /// <summary>The name of the rule that made this plan.</summary>
        public string Rule { get; set; } = string.Empty;
        /// <summary>What will be done with the matched messages.</summary>
        public CleanupAction Action { get; set; }
        /// <summary>The Move destination's full name; null for other actions.</summary>
        public string? Destination { get; set; }
        /// <summary>The rule's conditions in words, for -WhatIf and the result.</summary>
        public string? Conditions { get; set; }
        /// <summary>The UIDs to act on, ascending (IMAP); POP3 message numbers are in <see cref="Pop3Messages"/>.</summary>
        public IList<UniqueId> Uids { get; set; } = new List<UniqueId>();
        /// <summary>POP3: the matched messages (their numbers and UIDLs); null for IMAP plans.</summary>
        public IList<MailMessage>? Pop3Messages { get; set; }
        /// <summary>Total RFC822.SIZE of the planned messages.</summary>
        public long Bytes { get; set; }
        /// <summary>Matched messages left alone because they are flagged (starred).</summary>
        public int SkippedFlagged { get; set; }
        /// <summary>Matched messages left alone because another client already marked them \Deleted.</summary>
        public int SkippedDeleted { get; set; }
        /// <summary>Matched messages left alone for another reason (e.g. gone between search and fetch).</summary>
        public int SkippedOther { get; set; }
        /// <summary>
        /// Messages an earlier MailTools run marked \Deleted (with its own keyword) but was cut off before expunging:
        /// their copy or move already happened, so finishing them is an expunge only.
        /// </summary>
        public IList<UniqueId> PendingOurs { get; } = new List<UniqueId>();
        /// <summary>Bytes of <see cref="PendingOurs"/>, finished by an expunge only.</summary>
        public long PendingBytes { get; set; }
        /// <summary>The folder's HIGHESTMODSEQ when the plan was made (0 without CONDSTORE): moves claim against it.</summary>
        public ulong ModSeq { get; set; }
        /// <summary>RFC822.SIZE of each planned UID, so what was really acted on can be counted in bytes.</summary>
        public IDictionary<uint, long> Sizes { get; } = new Dictionary<uint, long>();

        /// <summary>The bytes of the given planned UIDs (those not planned count 0).</summary>
        public long SizeOf(IEnumerable<uint> uids)
        {
            long total = 0;
            foreach (var u in uids)
                if (Sizes.TryGetValue(u, out long size))
                    total += size;
            return total;
        }

        /// <summary>How many messages the plan acts on (POP3 or IMAP).</summary>
        public int Count => Pop3Messages?.Count ?? Uids.Count;

        /// <summary>Planned by search alone (<see cref="SearchPlanner"/>): bytes come from the folder's size after the run, skips are not counted.</summary>
        public bool BytesLater { get; set; }

        /// <summary>Gmail: deleting means moving to this Trash folder and expunging there (see ImapActions.DeleteExactly).</summary>
        public string? GmailTrash { get; set; }

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

        /// <summary>A size for people: "512 B", "3.4 KB", "1.2 MB", "2.0 GB" (1 KB = 1024 bytes, invariant culture).</summary>
        public static string FormatBytes(long bytes)
        {
            if (bytes >= 1024L * 1024 * 1024) return (bytes / (1024.0 * 1024 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " GB";
            if (bytes >= 1024L * 1024) return (bytes / (1024.0 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB";
            if (bytes >= 1024) return (bytes / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " KB";
            return bytes + " bytes";
        }
    }
}
