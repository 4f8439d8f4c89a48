#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MailTools.Core.Messages;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// A clean-up of a POP3 account: its one folder, the inbox. Each rule's matches are planned from LIST + TOP n 0
    /// (a message is claimed by the first rule that matches it), asked about once, then deleted with DELE — archived
    /// first, when the rule says Archive (<see cref="ArchiveStep"/>) — all in the one session that QUIT commits.
    /// </summary>
    internal static class Pop3Cleanup
    {
        public static IEnumerable<CleanupResult> Run(MailSession session, IList<CleanupRule> rules, CleanupOptions options, IOutputWriter writer, CancellationToken token)
        {
            var now = DateTime.Now;
            var claimed = new HashSet<int>();
            var toDelete = new List<MailMessage>();
            var toArchive = new List<(MailMessage Message, CleanupResult Result)>();
            var results = new List<CleanupResult>();
            foreach (var rule in rules)
            {
                if (!rule.Folders.Any(f => f == "*" || f == "@Inbox" || string.Equals(f, "INBOX", StringComparison.OrdinalIgnoreCase)))
                {
                    writer.Verbose($"Rule '{rule.Name}' names no inbox; a POP3 account has only the inbox, so it is skipped.");
                    continue;
                }
                var watch = Stopwatch.StartNew();
                var plan = new CleanupPlan
                {
                    Account = session.Account,
                    Folder = "INBOX",
                    Rule = rule.Name,
                    Action = rule.Action,
                    Destination = rule.Action == CleanupAction.Archive ? options.ArchivePath : null,
                    Conditions = rule.Query.Describe(),
                    Pop3Messages = new List<MailMessage>(),
                };
                foreach (var batch in MessageFinder.Pop3Candidates(session, rule.Query, writer, token))
                    foreach (var m in batch)
                        if (rule.Query.Matches(m, now))
                        {
                            if (!claimed.Add((int)m.Uid))
                                plan.SkippedOther++;
                            else
                            {
                                plan.Pop3Messages.Add(m);
                                plan.Bytes += m.Size;
                            }
                        }
                var result = new CleanupResult
                {
                    Account = session.Account, Folder = "INBOX", Rule = rule.Name, Action = rule.Action.ToString(), Destination = plan.Destination,
                    Matched = plan.Count, Bytes = plan.Bytes, SkippedOther = plan.SkippedOther, WhatIf = options.PlanOnly, Session = session,
                };
                writer.Verbose($"{session.Account} INBOX (POP3): {plan.Describe()}.");
                // The host decides act or preview (see ImapFolderCleanup); a plan-only run never asks.
                if (plan.Count > 0 && !options.PlanOnly && !writer.ShouldProcess(session, plan.Folder, plan.Describe()))
                    result.WhatIf = true;
                else if (plan.Count > 0 && !options.PlanOnly)
                {
                    if (rule.Action == CleanupAction.Archive)
                        toArchive.AddRange(plan.Pop3Messages.Select(m => (m, result)));
                    else
                    {
                        toDelete.AddRange(plan.Pop3Messages);
                        result.Acted = plan.Count;
                        result.ActedBytes = plan.Bytes;
                    }
                }
                result.Duration = watch.Elapsed;
                results.Add(result);
            }
            var destinations = new Dictionary<MailMessage, (string Action, string Destination)>();
            if (toArchive.Count > 0)
                foreach (var (m, file) in ArchiveStep.Pop3(session, toArchive, options, writer, token))
                {
                    toDelete.Add(m);
                    destinations[m] = ("Archive", file);
                }
            if (toDelete.Count > 0)
                Delete(session, toDelete, options.Log, m => destinations.TryGetValue(m, out var d) ? d : ("Delete", null), writer, token);
            return results;
        }

        /// <summary>
        /// DELE for each message (MailKit pipelines them when the server offers PIPELINING), then QUIT, because POP3
        /// only commits deletions at QUIT (RFC 1939 6). The session reconnects by itself on its next use.
        /// </summary>
        internal static void Delete(MailSession session, IList<MailMessage> messages, DeletionLog log, string action, IOutputWriter writer, CancellationToken token) =>
            Delete(session, messages, log, _ => (action, null), writer, token);

        internal static void Delete(MailSession session, IList<MailMessage> messages, DeletionLog log, Func<MailMessage, (string Action, string Destination)> describe,
            IOutputWriter writer, CancellationToken token)
        {
            var pop = session.Pop3;
            var indexes = messages.Select(m => (int)m.Uid - 1).OrderBy(i => i).ToList();
            MailOperation.Command(session, () => pop.DeleteMessages(indexes, token));
            MailOperation.Command(session, () => pop.Disconnect(true, token));
            writer.Verbose($"POP3: {indexes.Count} message(s) deleted and committed with QUIT.");
            if (log != null)
            {
                var when = DateTimeOffset.Now;
                foreach (var m in messages)
                {
                    var (action, destination) = describe(m);
                    log.Write(when, m, action, destination);
                }
                log.Flush();
            }
        }
    }
}
