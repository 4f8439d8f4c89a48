using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using MailKit;
using MailTools.Core.Errors;
using MailTools.Core.Folders;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// The IMAP side of <see cref="CleanupRunner"/>: resolves every rule's folders and destinations before any change,
    /// then cleans folder by folder (<see cref="ImapFolderCleanup"/>), over a second connection when every folder is
    /// planned by search alone. Messages moved into a folder during the run (UIDs at or above the UIDNEXT it had before
    /// the first move) are outside later rules, so Trash-then-delete-Trash never empties what it just put there.
    /// </summary>
    internal static class ImapCleanup
    {
        internal static IEnumerable<CleanupResult> Run(MailSession session, IList<CleanupRule> rules, CleanupOptions options, IOutputWriter writer, CancellationToken token)
        {
            // Unattended runs list with STATUS (still one command) so folders can be planned by search alone (SearchPlanner).
            var resolver = FolderResolver.Listed(session, writer, token,
                options.Unattended && !options.PlanOnly ? SearchPlanner.Listing : StatusItems.None);
            var state = new CleanupRunState();
            var now = DateTime.Now;
            // Resolve every rule's folders and destinations first: a role the server lacks stops the run before any change.
            var work = new List<(CleanupRule Rule, IList<IMailFolder> Folders, IMailFolder? Destination)>();
            var uses = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                var missing = new List<MailToolsException>();
                var folders = resolver.Resolve(rule.Folders.ToList(), missing, writer);
                foreach (var m in missing)
                    writer.WriteError(m);   // a name that matches nothing: the other folders go on
                IMailFolder? destination = null;
                if (rule.Action == CleanupAction.Trash)
                    destination = resolver.ByRole("@Trash");
                else if (rule.Action == CleanupAction.Move)
                    destination = resolver.Single(rule.Destination!);   // CleanupRequest refuses a Move rule without a destination
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
                    jobs.Add(new FolderJob(rule, folder.FullName, destination?.FullName,
                        SearchPlanner.Applies(session, rule, options, resolver, uses[folder.FullName])));
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
            foreach (var d in jobs.Select(j => j.Destination).OfType<string>().Distinct())
                if (listed.TryGetValue(d, out var f) && f.UidNext != null)
                    state.Ceiling[d] = f.UidNext.Value.Id;

            // Over two connections only when every folder is planned by search alone: then no folder is touched twice in
            // the run, nothing prompts, and no log is written, so the lanes share nothing but the destination of moves.
            int connections = jobs.Count > 1 && jobs.All(j => j.SearchOnly) ? Math.Max(1, options.ConnectionCount) : 1;
            int generation = session.Generation;
            var mainFolders = listed.Count > 0 ? listed : resolver.All.GroupBy(f => f.FullName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var laneFolders = new Dictionary<MailSession, (FolderResolver Resolver, int Generation)>();
            var buffered = new List<CleanupResult>();
            Exception? failure = null;
            foreach (var outcome in ConnectionLanes.Run(session, jobs, connections, (s, job, w, t) =>
            {
                IMailFolder? Lookup(string? name)
                {
                    if (name == null)
                        return null;
                    if (ReferenceEquals(s, session))
                        return Current(session, mainFolders[name], generation, t);
                    // A further connection lists once per connection (its own folder objects), then finds folders by name.
                    (FolderResolver Resolver, int Generation) r;
                    bool known;
                    lock (laneFolders)
                        known = laneFolders.TryGetValue(s, out r);
                    if (!known || r.Generation != s.Generation)
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
                var value = outcome.Value!;   // no error, so the job returned its result
                value.Session = session;   // not the further connection's session, which is closed at the end
                if (searched.Count == 0)
                    yield return value;
                else
                    buffered.Add(value);
            }
            if (searched.Count > 0 && session.IsConnected)
            {
                foreach (var job in jobs.Where(j => j.SearchOnly && j.Result != null))
                    job.Searched!.Result = job.Result;   // set above for every search-only job
                SearchPlanner.CountBytes(session, searched.Where(x => x.Result != null).ToList(), writer, token);
            }
            foreach (var r in buffered)
                yield return r;
            if (failure != null)
                ExceptionDispatchInfo.Capture(failure).Throw();
        }

        sealed class FolderJob
        {
            public FolderJob(CleanupRule rule, string folder, string? destination, bool searchOnly)
            {
                Rule = rule;
                Folder = folder;
                Destination = destination;
                SearchOnly = searchOnly;
            }

            public CleanupRule Rule { get; }
            public string Folder { get; }
            public string? Destination { get; }
            public bool SearchOnly { get; }
            public SearchPlanner.Searched? Searched { get; set; }
            public CleanupResult? Result { get; set; }
        }

        static CleanupResult CleanOne(MailSession session, FolderJob job, Func<string?, IMailFolder?> lookup, CleanupRunState state, CleanupOptions options,
            DateTime now, IOutputWriter writer, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            // A dropped connection reconnects and cleans the folder again, as a re-run would: it plans afresh (what
            // was moved is gone, our marked deletions are finished, not redone) and adds to the same result; approval
            // is not asked twice. A throttling drop waits first; any other drop (an idle timeout, a restart, an expired
            // token) reconnects at once (MailOperation.Resumable), as exports do.
            var attempt = new ImapFolderCleanup.Attempt();
            var endpoint = session.Endpoint;
            using (options.PlanOnly ? null : FolderCleanupLock.Enter(endpoint, job.Folder, writer, token))
                job.Result = MailOperation.Resumable(session, $"the clean-up of '{job.Folder}'", writer, token, () =>
                    ImapFolderCleanup.Clean(session, lookup(job.Folder)!, job.Rule, lookup(job.Destination), state, options, now, writer, token, attempt, job.SearchOnly));   // a job's folder was listed
            return job.Result;
        }

        // Folder objects belong to the connection that listed them; after a reconnect, fetch them again by name.
        static IMailFolder Current(MailSession session, IMailFolder folder, int generation, CancellationToken token) =>
            session.Generation == generation ? folder : MailOperation.Command(session, () => session.Imap.GetFolder(folder.FullName, token));
    }
}
