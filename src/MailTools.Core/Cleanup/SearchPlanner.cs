using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailTools.Core.Folders;
using MailTools.Core.Messages;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// The short plan of an unattended clean-up (-Force, no log, nobody shown the plan): one UID SEARCH that leaves out,
    /// server-side, what MailTools never touches (another client's \Deleted; \Flagged unless -IncludeFlagged). A folder then
    /// costs SELECT, UID SEARCH and the action's own commands (UID STORE + UID EXPUNGE; or the CONDSTORE claim + UID MOVE),
    /// as many as imapfilter's, instead of a further FETCH of FLAGS and sizes per chunk. The UIDs acted on are still
    /// exactly the server's answer for the rule. What is lost: flagged and \Deleted messages are not counted (the
    /// -WhatIf/-Confirm/-LogPath plan counts them). The bytes freed come from STATUS SIZE (RFC 8438): the run's folder
    /// listing is a LIST-STATUS (one command, as the plain LIST was), and one more after the run.
    /// </summary>
    internal static class SearchPlanner
    {
        /// <summary>What the run's listing asks for when folders may be planned by search (sizes, counts, UIDNEXT for the ceiling).</summary>
        internal const StatusItems Listing = StatusItems.Size | StatusItems.Count | StatusItems.UidNext;

        /// <summary>
        /// True when this rule's folder can be planned by search alone: nobody is shown or sent the plan, the server
        /// has UIDPLUS (and MOVE for moves), the folder's size was listed, and the run touches the folder only once
        /// (as source or destination), so its shrinkage is this rule's doing.
        /// </summary>
        public static bool Applies(MailSession session, CleanupRule rule, CleanupOptions options, FolderResolver resolver, int uses)
        {
            if (!options.Unattended || options.PlanOnly || options.Log != null || !resolver.HasStatus || uses != 1)
                return false;
            if (rule.Action == CleanupAction.Archive || rule.Query.HasExactTimes || session.IsGmail)
                return false;
            var caps = session.Imap.Capabilities;
            return caps.HasFlag(ImapCapabilities.UidPlus) && (rule.Action == CleanupAction.Delete || caps.HasFlag(ImapCapabilities.Move));
        }

        /// <summary>The plan from one UID SEARCH (ESEARCH RETURN (ALL) where offered: MailKit asks so by itself).</summary>
        public static CleanupPlan Plan(MailSession session, IMailFolder folder, CleanupRule rule, CleanupPlan plan, SearchQuery query,
            ICollection<uint>? claimed, CancellationToken token)
        {
            SearchQuery keep = rule.IncludeFlagged ? SearchQuery.NotDeleted : SearchQuery.NotDeleted.And(SearchQuery.NotFlagged);
            // A delete finishes our own marks from a cut run in the same command (\Deleted with our keyword: their copy or
            // move was done before the mark). A move never includes them: they are \Deleted.
            if (rule.Action == CleanupAction.Delete && (folder.PermanentFlags & MessageFlags.UserDefined) != 0)
                keep = keep.Or(SearchQuery.Deleted.And(SearchQuery.HasKeyword(ImapActions.PendingDeleteKeyword)));
            plan.ModSeq = folder.HighestModSeq;   // before the search, as in the full plan: the claim checks against it
            var uids = MailOperation.Command(session, () => folder.Search(query.And(keep), token));
            var picked = new List<UniqueId>(uids.Count);
            foreach (var u in uids)
            {
                if (claimed != null && claimed.Contains(u.Id))
                    plan.SkippedOther++;
                else
                    picked.Add(u);
            }
            picked.Sort((a, b) => a.Id.CompareTo(b.Id));
            plan.Uids = picked;
            plan.BytesLater = true;
            return plan;
        }

        /// <summary>A searched folder's size and count at the run's listing, to be compared with the listing after.</summary>
        internal sealed class Searched
        {
            public CleanupResult? Result;
            public string Folder = string.Empty;
            public ulong Size;
            public int Count;
        }

        /// <summary>
        /// One LIST-STATUS after the run: each searched folder's bytes are what it shrank by. Exact when its message count
        /// fell by exactly what was acted on (nothing arrived or left meanwhile); otherwise said so in verbose.
        /// </summary>
        public static void CountBytes(MailSession session, IList<Searched> searched, IOutputWriter writer, CancellationToken token)
        {
            if (searched.Count == 0 || searched.All(s => s.Result == null || s.Result.Acted == 0))
                return;
            var after = MailOperation.Command(session, () => FolderResolver.Load(session, token, StatusItems.Size | StatusItems.Count));
            var byName = after.All.GroupBy(f => f.FullName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var s in searched)
            {
                var result = s.Result;
                if (result == null || result.Acted == 0 || !byName.TryGetValue(s.Folder, out var folder) || folder.Size == null)
                    continue;
                long freed = Math.Max(0, (long)s.Size - (long)folder.Size.Value);
                result.ActedBytes += freed;
                result.Bytes += freed;
                if (s.Count - result.Acted != folder.Count)
                    writer.Verbose($"{s.Folder}: messages arrived or left during the clean-up ({s.Count} before, {result.Acted} acted on, {folder.Count} after), so its {CleanupPlan.FormatBytes(freed)} is what the folder shrank by, not only the clean-up's.");
            }
        }
    }
}
