using System;
using System.Collections.Generic;
using System.Threading;
using MailKit;
using MailKit.Search;
using MailTools.Core.Messages;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// Plans one IMAP folder for a rule: one UID SEARCH (capped below the folder's UIDNEXT at the run's first move into
    /// it), then FLAGS and sizes per UID-set chunk; flagged, another client's \Deleted and claimed messages are skipped.
    /// </summary>
    internal static class ImapCleanupPlanner
    {
        /// <summary>One UID SEARCH for the rule, then FLAGS + RFC822.SIZE (+ INTERNALDATE for exact times) per chunk.</summary>
        internal static CleanupPlan Plan(MailSession session, IMailFolder folder, CleanupRule rule, IMailFolder? destination, CleanupRunState state, DateTime now, CancellationToken token,
            bool searchOnly = false)
        {
            var plan = new CleanupPlan
            {
                Account = session.Account,
                Folder = folder.FullName,
                Rule = rule.Name,
                Action = rule.Action,
                Destination = destination?.FullName,
                Conditions = rule.Query.Describe(),
                GmailTrash = rule.Action != CleanupAction.Trash && rule.Action != CleanupAction.Move ? ImapActions.GmailTrashName(session, folder) : null,
            };
            var query = rule.Query.ToSearchQuery(now);
            uint ceiling;
            bool hasCeiling;
            lock (state)
                hasCeiling = state.Ceiling.TryGetValue(folder.FullName, out ceiling);
            if (hasCeiling)
            {
                if (ceiling <= 1)
                    return plan;
                query = query.And(SearchQuery.Uids(new UniqueIdRange(UniqueId.MinValue, new UniqueId(ceiling - 1))));
            }
            var claimed = ClaimedIn(state, folder.FullName);
            if (searchOnly)
                return SearchPlanner.Plan(session, folder, rule, plan, query, claimed, token);
            plan.ModSeq = folder.HighestModSeq;   // before the search: any later change to a planned message shows in a claim
            var uids = MailOperation.Command(session, () => folder.Search(query, token));
            if (uids.Count == 0)
                return plan;
            var items = MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Size;
            if (rule.Query.HasExactTimes)
                items |= MessageSummaryItems.InternalDate;
            var picked = new List<UniqueId>(uids.Count);
            foreach (var chunk in UidSetChunker.Chunk(uids, maxCount: 20000))
            {
                var summaries = MailOperation.Command(session, () => folder.Fetch(chunk, items, token));
                foreach (var s in summaries)
                {
                    if (!rule.Query.MatchesTime(s.InternalDate))
                        continue;
                    var flags = s.Flags ?? MessageFlags.None;
                    if (claimed != null && claimed.Contains(s.UniqueId.Id))
                        plan.SkippedOther++;
                    else if ((flags & MessageFlags.Deleted) != 0 && s.Keywords != null && s.Keywords.Contains(ImapActions.PendingDeleteKeyword))
                    {
                        plan.PendingOurs.Add(s.UniqueId); // our own mark from a run that was cut before its expunge
                        plan.PendingBytes += (long)(s.Size ?? 0);
                    }
                    else if ((flags & MessageFlags.Deleted) != 0)
                        plan.SkippedDeleted++; // another client's pending delete: theirs to expunge or undo
                    else if ((flags & MessageFlags.Flagged) != 0 && !rule.IncludeFlagged)
                        plan.SkippedFlagged++;
                    else
                    {
                        picked.Add(s.UniqueId);
                        plan.Bytes += (long)(s.Size ?? 0);
                        plan.Sizes[s.UniqueId.Id] = (long)(s.Size ?? 0);
                    }
                }
            }
            picked.Sort((a, b) => a.Id.CompareTo(b.Id));
            plan.Uids = picked;
            return plan;
        }

        // Claimed by an earlier rule of this run (shared by the lanes, so read under the state's lock).
        static HashSet<uint>? ClaimedIn(CleanupRunState state, string folder)
        {
            lock (state)
                return state.Claimed.TryGetValue(folder, out var claimed) ? claimed : null;
        }
    }
}
