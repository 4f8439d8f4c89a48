using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MailKit;
using MailTools.Core.Folders;
using MailTools.Core.Messages;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// One IMAP folder of a clean-up run: plan (<see cref="ImapCleanupPlanner"/>), ask the host, finish deletions an
    /// earlier run marked, act slice by slice on exactly the planned UIDs, log what the server confirmed.
    /// </summary>
    internal static class ImapFolderCleanup
    {
        /// <summary>What survives a reconnect within one folder: the result so far, and whether it was approved.</summary>
        internal sealed class Attempt
        {
            public CleanupResult? Result { get; set; }
            public bool Approved { get; set; }
        }

        /// <summary>Plans one folder, asks the host, acts on exactly the planned UIDs and logs; the result grows over reconnects.</summary>
        internal static CleanupResult Clean(MailSession session, IMailFolder folder, CleanupRule rule, IMailFolder? destination, CleanupRunState state,
            CleanupOptions options, DateTime now, IOutputWriter writer, CancellationToken token, Attempt attempt, bool searchOnly = false)
        {
            var watch = Stopwatch.StartNew();
            // Read-only (EXAMINE) until the host approves: a preview changes nothing, not even \Recent. A run that asks
            // nobody (-Force) or was approved before a reconnect selects read-write at once: no second SELECT.
            bool writable = !options.PlanOnly && (attempt.Approved || options.Unattended);
            MailOperation.Command(session, () => FolderOpener.Open(session, folder, writable ? FolderAccess.ReadWrite : FolderAccess.ReadOnly, token));
            bool cleaned = false;
            try
            {
                var plan = ImapCleanupPlanner.Plan(session, folder, rule, destination, state, now, token, searchOnly);
                var result = attempt.Result ?? new CleanupResult
                {
                    Account = session.Account,
                    Folder = folder.FullName,
                    Rule = rule.Name,
                    Action = rule.Action.ToString(),
                    Destination = plan.Destination,
                    Matched = plan.Count,
                    Bytes = plan.Bytes,
                    SkippedFlagged = plan.SkippedFlagged,
                    SkippedDeleted = plan.SkippedDeleted,
                    SkippedOther = plan.SkippedOther,
                    WhatIf = options.PlanOnly,
                    Session = session,
                };
                attempt.Result = result;
                if (rule.Action == CleanupAction.Archive)
                    result.Destination = plan.Destination = options.ArchivePath;
                writer.Verbose($"{session.Account} {folder.FullName}: {plan.Describe()}.");
                // The host decides act or preview: its ShouldProcess prints the per-folder "What if" line (the plan) under
                // -WhatIf, asks under -Confirm, and answers yes unasked under -Force. A plan-only run never asks.
                bool asked = !options.PlanOnly && !attempt.Approved && (plan.Count > 0 || plan.PendingOurs.Count > 0);
                bool go = (plan.Count > 0 || plan.PendingOurs.Count > 0) && !options.PlanOnly
                    && (attempt.Approved || writer.ShouldProcess(session, plan.Folder, plan.Describe()));
                attempt.Approved |= go;
                result.WhatIf = options.PlanOnly || (asked && !go);
                if (go && !writable)
                    MailOperation.Command(session, () => FolderOpener.Open(session, folder, FolderAccess.ReadWrite, token));
                if (go && plan.PendingOurs.Count > 0)
                {
                    var (finished, finishedBytes) = FinishPending(session, folder, plan, options.Log, writer, token);
                    result.Acted += finished;
                    result.ActedBytes += finishedBytes;
                }
                if (go && plan.Count > 0)
                {
                    bool known;
                    lock (state)
                        known = destination == null || state.Ceiling.ContainsKey(destination.FullName);
                    if (!known && destination != null)
                    {
                        // Remember where the destination's own messages end before we add any (see the class comment).
                        MailOperation.Command(session, () => destination.Status(StatusItems.UidNext, token));
                        lock (state)
                            state.Ceiling[destination.FullName] = destination.UidNext?.Id ?? uint.MaxValue;
                    }
                    if (plan.Action == CleanupAction.Archive)
                        ArchiveStep.Imap(session, folder, plan, options, result, writer, token);
                    else
                        Execute(session, folder, plan, destination, options.Log, result, writer, token);
                }
                // Acted on, or only planned (the host said no, or plan only): later rules of this run skip these UIDs.
                if (plan.Count > 0 && (go || result.WhatIf))
                    state.Claim(folder.FullName, plan.Uids.Select(u => u.Id));
                result.Duration = watch.Elapsed;
                cleaned = true;
                return result;
            }
            finally
            {
                // After a clean folder it stays selected: the next SELECT (or LOGOUT) deselects it without expunging
                // (RFC 3501 6.3.1), so an UNSELECT per folder would only cost a round trip. After a failure it is
                // deselected now. Never CLOSE: that would expunge others' \Deleted.
                if (!cleaned && folder.IsOpen && session.IsConnected)
                    MailOperation.Command(session, () => folder.Close(false, token));
            }
        }

        /// <summary>
        /// Expunges exactly the messages an earlier run marked (\Deleted + our keyword) but could not expunge: their copy
        /// (Trash, Move) or verified archive was made before the mark, so nothing but the expunge is left to do.
        /// </summary>
        static (int Acted, long Bytes) FinishPending(MailSession session, IMailFolder folder, CleanupPlan plan, DeletionLog? log, IOutputWriter writer, CancellationToken token)
        {
            writer.Verbose($"{session.Account} {folder.FullName}: finishing {plan.PendingOurs.Count} deletion(s) an earlier run marked but could not expunge.");
            var described = log != null ? ImapActions.Describe(session, folder, plan.PendingOurs, token) : null;
            ImapActions.DeleteExactly(session, folder, plan.PendingOurs, writer, token);
            Log(log, described, plan);
            return (plan.PendingOurs.Count, plan.PendingBytes);
        }

        /// <summary>Acts slice by slice; each slice is counted in <paramref name="result"/> once the server confirmed it.</summary>
        static void Execute(MailSession session, IMailFolder folder, CleanupPlan plan, IMailFolder? destination, DeletionLog? log, CleanupResult result, IOutputWriter writer, CancellationToken token)
        {
            // With a log, act in slices so each slice's rows are written (and flushed) right after the server confirmed it.
            var slices = log == null
                ? new List<IList<UniqueId>> { plan.Uids }
                : UidSetChunker.Chunk(plan.Uids, maxCount: 2000).Select(s => (IList<UniqueId>)s.ToList()).ToList();
            int done = 0;
            foreach (var slice in slices)
            {
                token.ThrowIfCancellationRequested();
                var described = log != null ? ImapActions.Describe(session, folder, slice, token) : null;
                IList<UniqueId> acted = slice;
                if (plan.Action == CleanupAction.Delete)
                    ImapActions.DeleteExactly(session, folder, slice, writer, token);
                else
                    acted = ImapActions.MoveExactly(session, folder, slice, destination!, writer, token, plan.ModSeq);   // Trash and Move always have one
                if (acted.Count < slice.Count)
                {
                    // Another client changed some after the plan: they stay, and are neither counted nor logged.
                    var left = new HashSet<uint>(slice.Select(u => u.Id).Except(acted.Select(u => u.Id)));
                    described = described?.Where(m => !left.Contains(m.Uid)).ToList();
                }
                result.Acted += acted.Count;
                result.ActedBytes += plan.SizeOf(acted.Select(u => u.Id));
                Log(log, described, plan);
                done += slice.Count;
                if (plan.Count > 2000)
                    writer.Progress(new ProgressInfo(3, $"Cleaning {folder.FullName}", $"{done} of {plan.Count}", done * 100 / plan.Count));
            }
            if (plan.Count > 2000)
                writer.Progress(new ProgressInfo(3, $"Cleaning {folder.FullName}", "Done", 100, completed: true));
        }

        /// <summary>The rows of what the server confirmed, written and flushed at once.</summary>
        static void Log(DeletionLog? log, IList<MailMessage>? described, CleanupPlan plan)
        {
            if (log == null || described == null)
                return;
            var when = DateTimeOffset.Now;
            foreach (var m in described)
                log.Write(when, m, plan.Action.ToString(), plan.Destination);
            log.Flush();
        }
    }
}
