#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailTools.Core.Errors;
using MailTools.Core.Export;
using MailTools.Core.Folders;
using MailTools.Core.Messages;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// Runs clean-up rules against one account, folder by folder, in the rules' order: plan (one UID SEARCH, then FLAGS
    /// and sizes fetched per UID-set chunk), ask, act on exactly the planned UIDs, log. A message is acted on at most once
    /// per run: UIDs an earlier rule claimed are skipped, and messages moved into a folder during the run (UIDs at or
    /// above the UIDNEXT it had before the first move) are outside later rules, so Trash-then-delete-Trash never empties
    /// the Trash of what it just put there.
    /// </summary>
    public static class CleanupRunner
    {
        /// <summary>What this account cannot do (POP3 has one folder and no state); the rules themselves were checked once, by <see cref="CleanupRequest"/>.</summary>
        public static void Validate(MailSession session, IList<CleanupRule> rules, CleanupOptions options)
        {
            foreach (var rule in rules)
            {
                if (session.Protocol == MailProtocol.Pop3 && (rule.Action == CleanupAction.Trash || rule.Action == CleanupAction.Move))
                    throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                        $"Rule '{rule.Name}' asks to {rule.Action}, but the {session.Endpoint.Describe()} is a POP3 account, which has no other folders. Nothing was changed.", rule)
                    { RecommendedAction = "Over POP3 use -Action Delete (or Archive); connect with -Protocol Imap to move messages." };
                if (session.Protocol == MailProtocol.Pop3 && rule.Query.UsesImapHeaders)
                    throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                        $"Rule '{rule.Name}' selects by ListId, which needs a server-side header search; the {session.Endpoint.Describe()} is a POP3 account. Nothing was changed.", rule)
                    { RecommendedAction = "Use From instead of ListId for this account, or connect with -Protocol Imap." };
                if (session.Protocol == MailProtocol.Pop3 && rule.Query.UsesImapState)
                    throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                        $"Rule '{rule.Name}' uses read state, which the POP3 account {session.Account} does not have. Nothing was changed.", rule);
            }
        }

        public static IEnumerable<CleanupResult> Run(MailSession session, IList<CleanupRule> rules, CleanupOptions options, IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (rules == null) throw new ArgumentNullException(nameof(rules));
            options = options ?? new CleanupOptions();
            writer = writer ?? NullOutputWriter.Instance;
            Validate(session, rules, options);
            return MailOperation.Stream(session, writer, token, () => session.Protocol == MailProtocol.Pop3
                ? Pop3Cleanup.Run(session, rules, options, writer, token)
                : RunImap(session, rules, options, writer, token));
        }

        static IEnumerable<CleanupResult> RunImap(MailSession session, IList<CleanupRule> rules, CleanupOptions options, IOutputWriter writer, CancellationToken token)
        {
            // Unattended runs list with STATUS (still one command) so folders can be planned by search alone (SearchPlanner).
            var resolver = MailOperation.Command(session, () => FolderResolver.Load(session, token,
                options.Unattended && !options.WhatIf ? SearchPlanner.Listing : StatusItems.None));
            var state = new CleanupRunState();
            var now = DateTime.Now;
            // Resolve every rule's folders and destinations first: a role the server lacks stops the run before any change.
            var work = new List<(CleanupRule Rule, IList<IMailFolder> Folders, IMailFolder Destination)>();
            var uses = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                var missing = new List<MailToolsException>();
                var folders = resolver.Resolve(rule.Folders.ToList(), missing, writer);
                foreach (var m in missing)
                    writer.WriteError(m);   // a name that matches nothing: the other folders go on
                IMailFolder destination = null;
                if (rule.Action == CleanupAction.Trash)
                    destination = resolver.ByRole("@Trash");
                else if (rule.Action == CleanupAction.Move)
                    destination = resolver.Single(rule.Destination);
                work.Add((rule, folders, destination));
                foreach (var f in folders.Select(f => f.FullName).Concat(destination == null ? Array.Empty<string>() : new[] { destination.FullName }))
                    uses[f] = uses.TryGetValue(f, out int n) ? n + 1 : 1;
            }

            var jobs = new List<FolderJob>();
            foreach (var (rule, folders, destination) in work)
                foreach (var folder in folders)
                {
                    if (destination != null && destination.FullName == folder.FullName)
                    {
                        writer.Verbose($"Rule '{rule.Name}': {folder.FullName} is the {rule.Action} destination itself; skipped.");
                        continue;
                    }
                    jobs.Add(new FolderJob
                    {
                        Rule = rule, Folder = folder.FullName, Destination = destination?.FullName,
                        SearchOnly = SearchPlanner.Applies(session, rule, options, resolver, uses[folder.FullName]),
                    });
                }
            var listed = resolver.HasStatus
                ? resolver.All.GroupBy(f => f.FullName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
                : new Dictionary<string, IMailFolder>(StringComparer.Ordinal);
            var searched = new List<SearchPlanner.Searched>();
            foreach (var job in jobs.Where(j => j.SearchOnly))
            {
                var f = listed[job.Folder];
                job.Searched = new SearchPlanner.Searched { Folder = job.Folder, Size = f.Size ?? 0, Count = f.Count };
                searched.Add(job.Searched);
            }
            // UIDNEXT of the destinations as listed: where their own messages end (see the class comment), no STATUS needed.
            foreach (var d in jobs.Where(j => j.Destination != null).Select(j => j.Destination).Distinct())
                if (listed.TryGetValue(d, out var f) && f.UidNext != null)
                    state.Ceiling[d] = f.UidNext.Value.Id;

            // Over two connections only when every folder is planned by search alone: then no folder is touched twice in
            // the run, nothing prompts, and no log is written, so the lanes share nothing but the destination of moves.
            int connections = jobs.Count > 1 && jobs.All(j => j.SearchOnly) ? Math.Max(1, options.ConnectionCount) : 1;
            int generation = session.Generation;
            var mainFolders = listed.Count > 0 ? listed : resolver.All.GroupBy(f => f.FullName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var laneFolders = new Dictionary<MailSession, (FolderResolver Resolver, int Generation)>();
            var buffered = new List<CleanupResult>();
            Exception failure = null;
            foreach (var outcome in ConnectionLanes.Run(session, jobs, connections, (s, job, w, t) =>
            {
                IMailFolder Lookup(string name)
                {
                    if (name == null)
                        return null;
                    if (ReferenceEquals(s, session))
                        return Current(session, mainFolders[name], generation, t);
                    // A further connection lists once per connection (its own folder objects), then finds folders by name.
                    (FolderResolver Resolver, int Generation) r;
                    lock (laneFolders)
                        laneFolders.TryGetValue(s, out r);
                    if (r.Resolver == null || r.Generation != s.Generation)
                    {
                        r = (MailOperation.Command(s, () => FolderResolver.Load(s, t)), s.Generation);
                        lock (laneFolders)
                            laneFolders[s] = r;
                    }
                    return r.Resolver.All.First(f => f.FullName == name);
                }
                return CleanOne(s, job, Lookup, state, options, now, w, t);
            }, writer, token))
            {
                if (outcome.Error != null)
                {
                    failure = outcome.Error;
                    break;
                }
                outcome.Value.Session = session;   // not the further connection's session, which is closed at the end
                if (searched.Count == 0)
                    yield return outcome.Value;
                else
                    buffered.Add(outcome.Value);
            }
            if (searched.Count > 0 && session.IsConnected)
            {
                foreach (var job in jobs.Where(j => j.SearchOnly && j.Result != null))
                    job.Searched.Result = job.Result;
                SearchPlanner.CountBytes(session, searched.Where(x => x.Result != null).ToList(), writer, token);
            }
            foreach (var r in buffered)
                yield return r;
            if (failure != null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        sealed class FolderJob
        {
            public CleanupRule Rule;
            public string Folder;
            public string Destination;
            public bool SearchOnly;
            public SearchPlanner.Searched Searched;
            public CleanupResult Result;
        }

        static CleanupResult CleanOne(MailSession session, FolderJob job, Func<string, IMailFolder> lookup, CleanupRunState state, CleanupOptions options,
            DateTime now, IOutputWriter writer, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            // A dropped connection reconnects and cleans the folder again, as a re-run would: it plans afresh (what
            // was moved is gone, our marked deletions are finished, not redone) and adds to the same result; approval
            // is not asked twice. A throttling drop waits first; any other drop (an idle timeout, a restart, an expired
            // token) reconnects at once (MailOperation.Resumable), as exports do.
            var attempt = new FolderAttempt();
            var endpoint = session.Endpoint;
            using (options.WhatIf ? null : FolderCleanupLock.Enter(endpoint, job.Folder, writer, token))
                job.Result = MailOperation.Resumable(session, $"the clean-up of '{job.Folder}'", writer, token, () =>
                    CleanFolder(session, lookup(job.Folder), job.Rule, lookup(job.Destination), state, options, now, writer, token, attempt, job.SearchOnly));
            return job.Result;
        }

        sealed class FolderAttempt
        {
            public CleanupResult Result;
            public bool Approved;
        }

        // Folder objects belong to the connection that listed them; after a reconnect, fetch them again by name.
        static IMailFolder Current(MailSession session, IMailFolder folder, int generation, CancellationToken token) =>
            session.Generation == generation ? folder : MailOperation.Command(session, () => session.Imap.GetFolder(folder.FullName, token));

        static CleanupResult CleanFolder(MailSession session, IMailFolder folder, CleanupRule rule, IMailFolder destination, CleanupRunState state,
            CleanupOptions options, DateTime now, IOutputWriter writer, CancellationToken token, FolderAttempt attempt, bool searchOnly = false)
        {
            var watch = Stopwatch.StartNew();
            MailOperation.Command(session, () => folder.Open(options.WhatIf ? FolderAccess.ReadOnly : FolderAccess.ReadWrite, token));
            bool cleaned = false;
            try
            {
                var plan = PlanImap(session, folder, rule, destination, state, now, token, searchOnly);
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
                    WhatIf = options.WhatIf,
                    Session = session,
                };
                attempt.Result = result;
                if (rule.Action == CleanupAction.Archive)
                    result.Destination = plan.Destination = options.ArchivePath;
                writer.Verbose($"{session.Account} {folder.FullName}: {plan.Describe()}.");
                // Approve first: under -WhatIf it is what prints the per-folder "What if" line.
                bool go = (plan.Count > 0 || plan.PendingOurs.Count > 0) && (attempt.Approved || writer.ShouldProcess(session, plan.Folder, plan.Describe())) && !options.WhatIf;
                attempt.Approved |= go;
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
                    if (!known)
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
                    state.Claim(folder.FullName, plan.Uids.Select(u => u.Id));
                }
                else if (plan.Count > 0 && options.WhatIf)
                {
                    // Under -WhatIf nothing moves, so later rules would see these again: claim them for the rest of the run.
                    state.Claim(folder.FullName, plan.Uids.Select(u => u.Id));
                }
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

        /// <summary>One UID SEARCH for the rule, then FLAGS + RFC822.SIZE (+ INTERNALDATE for exact times) per chunk.</summary>
        internal static CleanupPlan PlanImap(MailSession session, IMailFolder folder, CleanupRule rule, IMailFolder destination, CleanupRunState state, DateTime now, CancellationToken token,
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
            if (searchOnly)
            {
                HashSet<uint> already;
                lock (state)
                    state.Claimed.TryGetValue(folder.FullName, out already);
                return SearchPlanner.Plan(session, folder, rule, plan, query, already, token);
            }
            plan.ModSeq = folder.HighestModSeq;   // before the search: any later change to a planned message shows in a claim
            var uids = MailOperation.Command(session, () => folder.Search(query, token));
            if (uids.Count == 0)
                return plan;
            HashSet<uint> claimed;
            lock (state)
                state.Claimed.TryGetValue(folder.FullName, out claimed);
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

        /// <summary>
        /// Expunges exactly the messages an earlier run marked (\Deleted + our keyword) but could not expunge: their copy
        /// (Trash, Move) or verified archive was made before the mark, so nothing but the expunge is left to do.
        /// </summary>
        static (int Acted, long Bytes) FinishPending(MailSession session, IMailFolder folder, CleanupPlan plan, DeletionLog log, IOutputWriter writer, CancellationToken token)
        {
            writer.Verbose($"{session.Account} {folder.FullName}: finishing {plan.PendingOurs.Count} deletion(s) an earlier run marked but could not expunge.");
            var described = log != null ? ImapActions.Describe(session, folder, plan.PendingOurs, token) : null;
            ImapActions.DeleteExactly(session, folder, plan.PendingOurs, writer, token);
            if (described != null)
            {
                var when = DateTimeOffset.Now;
                foreach (var m in described)
                    log.Write(when, m, plan.Action.ToString(), plan.Destination);
                log.Flush();
            }
            return (plan.PendingOurs.Count, plan.PendingBytes);
        }

        /// <summary>Acts slice by slice; each slice is counted in <paramref name="result"/> once the server confirmed it.</summary>
        static void Execute(MailSession session, IMailFolder folder, CleanupPlan plan, IMailFolder destination, DeletionLog log, CleanupResult result, IOutputWriter writer, CancellationToken token)
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
                    acted = ImapActions.MoveExactly(session, folder, slice, destination, writer, token, plan.ModSeq);
                if (acted.Count < slice.Count)
                {
                    // Another client changed some after the plan: they stay, and are neither counted nor logged.
                    var left = new HashSet<uint>(slice.Select(u => u.Id).Except(acted.Select(u => u.Id)));
                    described = described?.Where(m => !left.Contains(m.Uid)).ToList();
                }
                result.Acted += acted.Count;
                result.ActedBytes += plan.SizeOf(acted.Select(u => u.Id));
                if (described != null)
                {
                    var when = DateTimeOffset.Now;
                    foreach (var m in described)
                        log.Write(when, m, plan.Action.ToString(), plan.Destination);
                    log.Flush();
                }
                done += slice.Count;
                if (plan.Count > 2000)
                    writer.Progress(new ProgressInfo(3, $"Cleaning {folder.FullName}", $"{done} of {plan.Count}", done * 100 / plan.Count));
            }
            if (plan.Count > 2000)
                writer.Progress(new ProgressInfo(3, $"Cleaning {folder.FullName}", "Done", 100, completed: true));
        }
    }
}
