using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using MailTools.Core.Folders;
using MailTools.Core.Messages;
using MailTools.Core.Statistics;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// Get-MailCleanupSuggestion's engine. It proposes rules from what the account holds (old Junk and Trash, a sender or
    /// mailing list that dominates the ordinary folders, big old messages, old Sent mail), then counts every rule with the
    /// clean-up's own -WhatIf plan (<see cref="CleanupRunner"/>, rules in order, flagged mail left alone), so the numbers
    /// promised are the numbers Invoke-MailCleanup -Policy will show. Rules that would free nothing are dropped.
    /// </summary>
    public static class CleanupAdvisor
    {
        static readonly MailSpecialUse[] s_notBulk = { MailSpecialUse.Sent, MailSpecialUse.Drafts, MailSpecialUse.Trash, MailSpecialUse.Junk };

        /// <summary>Proposes clean-up rules for one account from its folders and bulk senders, each counted by a -WhatIf plan.</summary>
        public static SuggestionSet Suggest(MailSession session, SuggestionSettings settings, IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            settings = settings ?? new SuggestionSettings();
            writer = writer ?? NullOutputWriter.Instance;
            var candidates = new List<(CleanupRule Rule, string Reason)>();
            IList<(string Name, MailSpecialUse Role)> folders;
            if (session.Protocol == MailProtocol.Pop3)
                folders = new List<(string, MailSpecialUse)> { ("INBOX", MailSpecialUse.Inbox) };
            else
                folders = MailOperation.Run(session, writer, token, () => FolderResolver.Listed(session, writer, token).SelectableFolders());
            bool pop3 = session.Protocol == MailProtocol.Pop3;

            var roles = new HashSet<MailSpecialUse>(folders.Select(f => f.Role));
            var junkTrash = new[] { MailSpecialUse.Junk, MailSpecialUse.Trash }.Where(roles.Contains).Select(r => "@" + r).ToList();
            if (junkTrash.Count > 0)
                candidates.Add((Rule("Old junk and trash", junkTrash, CleanupAction.Delete, q => q.OlderThan = settings.JunkOlderThan),
                    $"Junk and Trash hold mail nobody wants back after {settings.JunkOlderThan}."));

            var bulkFolders = settings.BulkFolders != null && settings.BulkFolders.Count > 0
                ? settings.BulkFolders.ToList()
                : folders.Where(f => !s_notBulk.Contains(f.Role)).Select(f => f.Name).ToList();
            if (bulkFolders.Count > 0)
                candidates.AddRange(BulkRules(session, bulkFolders, settings, pop3, writer, token));

            candidates.Add((Rule("Big and old", new[] { "*" }, CleanupAction.Archive, q => { q.LargerThan = settings.LargerThan; q.OlderThan = settings.LargeOlderThan; }),
                $"Messages over {CleanupPlan.FormatBytes(settings.LargerThan)} older than {settings.LargeOlderThan} (mostly attachments) take the most room per message; archived, they stay readable on disk."));
            if (roles.Contains(MailSpecialUse.Sent))
                candidates.Add((Rule("Old sent mail", new[] { "@Sent" }, CleanupAction.Archive, q => q.OlderThan = settings.SentOlderThan),
                    $"Sent mail older than {settings.SentOlderThan} is rarely opened; archived, it stays searchable on disk."));
            return Count(session, candidates, settings, writer, token);
        }

        static IEnumerable<(CleanupRule, string)> BulkRules(MailSession session, IList<string> folders, SuggestionSettings settings, bool pop3,
            IOutputWriter writer, CancellationToken token)
        {
            var groupBy = pop3 ? new List<MailboxGroupBy> { MailboxGroupBy.Sender } : new List<MailboxGroupBy> { MailboxGroupBy.Sender, MailboxGroupBy.List };
            var measured = MailboxMeasurer.Measure(session, new MeasureOptions { GroupBy = groupBy, Folders = pop3 ? null : folders.ToList(), ReadQuota = false }, writer, token);
            var total = measured.Total;
            if (total.Count == 0)
                yield break;
            string own = (session.UserName ?? string.Empty).ToLowerInvariant();
            string where = pop3 ? "the inbox" : "the ordinary folders (not Sent, Drafts, Trash or Junk)";
            foreach (var by in groupBy.AsEnumerable().Reverse())
            {
                var dominant = measured.Rows(by)
                    .Where(r => r.Key != GroupKeys.NoList && r.Key != GroupKeys.NoSender && r.Key != GroupTable.Others && r.Key != own)
                    .Where(r => r.Count >= settings.MinMessages && (r.Percent >= settings.DominantShare || r.Count * 100.0 / total.Count >= settings.DominantShare))
                    .Take(settings.MaxBulkRules);
                foreach (var r in dominant)
                {
                    string share = $"{r.Count} message(s), {CleanupPlan.FormatBytes(r.Size)}: {r.Percent.ToString("0.#", CultureInfo.InvariantCulture)}% of the bytes and {(r.Count * 100.0 / total.Count).ToString("0.#", CultureInfo.InvariantCulture)}% of the messages in {where}";
                    yield return by == MailboxGroupBy.List
                        ? (Rule($"Old mail from list {r.Key}", folders, CleanupAction.Delete, q => { q.ListId = r.Key; q.OlderThan = settings.BulkOlderThan; }),
                            $"The mailing list {r.Key} dominates: {share}. Kept: the last {settings.BulkOlderThan}.")
                        : (Rule($"Old mail from {r.Key}", folders, CleanupAction.Delete, q => { q.From = r.Key; q.OlderThan = settings.BulkOlderThan; }),
                            $"{r.Key} sends in bulk: {share}. Kept: the last {settings.BulkOlderThan}.");
                }
            }
        }

        static CleanupRule Rule(string name, IEnumerable<string> folders, CleanupAction action, Action<MessageQuery> conditions)
        {
            var rule = new CleanupRule { Name = name, Folders = folders.ToList(), Action = action };
            conditions(rule.Query);
            return rule;
        }

        /// <summary>Runs the candidate rules as one -WhatIf clean-up (read-only) and keeps those that would free something.</summary>
        static SuggestionSet Count(MailSession session, IList<(CleanupRule Rule, string Reason)> candidates, SuggestionSettings settings, IOutputWriter writer, CancellationToken token)
        {
            var rules = candidates.Select(c => c.Rule).ToList();
            var options = new CleanupOptions { PlanOnly = true, ArchivePath = settings.ArchivePath };
            var totals = rules.ToDictionary(r => r, r => new MailCleanupSuggestion
            {
                Account = session.Account,
                Rule = r.Name,
                Action = r.Action.ToString(),
                Folders = r.Folders.ToArray(),
                Conditions = r.Query.Describe(),
                Reason = candidates.First(c => c.Rule == r).Reason,
            });
            var byName = rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
            foreach (var result in CleanupRunner.Run(session, rules, options, writer, token))
            {
                var s = totals[byName[result.Rule]];
                s.Count += result.Matched;
                s.Size += result.Bytes;
                s.SkippedFlagged += result.SkippedFlagged;
            }
            var set = new SuggestionSet();
            set.Policy.ArchivePath = settings.ArchivePath;
            set.Policy.LogPath = settings.LogPath;
            foreach (var rule in rules)
            {
                var s = totals[rule];
                if (s.Count == 0)
                    continue;
                set.Suggestions.Add(s);
                set.Policy.Rules.Add(rule);
            }
            return set;
        }
    }
}
