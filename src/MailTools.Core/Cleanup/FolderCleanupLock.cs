using System;
using System.Collections.Concurrent;
using System.Threading;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// One clean-up of a folder at a time in this process (runspaces, ForEach-Object -Parallel). IMAP has no conditional
    /// MOVE: the CONDSTORE claim (<see cref="ImapActions"/>) stops two runs that planned together, but a run that plans
    /// after another's claim and before its MOVE lands would move the same messages again (a duplicate in Trash). Waiting
    /// here makes the second run plan after the first has finished. Clean-ups from two processes still rely on the claim.
    /// </summary>
    internal static class FolderCleanupLock
    {
        static readonly ConcurrentDictionary<string, SemaphoreSlim> s_locks = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.OrdinalIgnoreCase);

        public static IDisposable Enter(ServerEndpoint where, string folder, IOutputWriter writer, CancellationToken token)
        {
            string key = $"{where.Server}:{where.Port}:{where.UserName}:{folder}";
            var gate = s_locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
            if (!gate.Wait(0, CancellationToken.None))   // a free lock is taken even when stopping; the wait below honours the token
            {
                writer.Verbose($"Another clean-up of '{folder}' ({where.Describe()}) is running in this PowerShell process; waiting for it to finish.");
                gate.Wait(token);
            }
            return new Release(gate);
        }

        sealed class Release : IDisposable
        {
            SemaphoreSlim? _gate;
            public Release(SemaphoreSlim gate) { _gate = gate; }
            public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
        }
    }
}
