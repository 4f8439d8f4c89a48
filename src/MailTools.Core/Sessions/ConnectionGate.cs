using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MailTools.Core.Errors;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// Caps the connections MailTools holds to one account (server, port and user) at once, across every runspace of
    /// the process (ForEach-Object -Parallel, thread jobs), so that parallel work stays under the provider's limit
    /// instead of being refused by it. A caller waits for a slot (bounded by -MaxWaitSeconds); a caller whose own
    /// runspace holds every slot fails at once, since waiting for itself would never end.
    /// </summary>
    public static class ConnectionGate
    {
        /// <summary>Connections to one account at once when -MaxConnections is not given: Dovecot's default mail_max_userip_connections.</summary>
        public const int DefaultLimit = 10;

        static readonly Dictionary<string, List<Lease>> s_held = new Dictionary<string, List<Lease>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>How many connections to this account MailTools holds now.</summary>
        public static int Held(string server, int port, string user)
        {
            lock (s_held)
                return s_held.TryGetValue(Key(server, port, user), out var list) ? list.Count : 0;
        }

        /// <summary>Takes a slot for a new connection; dispose the lease when the connection is closed for good.</summary>
        public static IDisposable Enter(ConnectionOptions options, ServerEndpoint where, IOutputWriter writer, CancellationToken token)
        {
            int limit = Math.Max(1, options.MaxConnections);
            string key = Key(where.Server, where.Port, where.UserName);
            var deadline = Stopwatch.StartNew();
            var maxWait = TimeSpan.FromSeconds(Math.Max(0, options.MaxWaitSeconds));
            bool told = false;
            lock (s_held)
            {
                while (true)
                {
                    if (!s_held.TryGetValue(key, out var list))
                        s_held[key] = list = new List<Lease>();
                    if (list.Count < limit)
                    {
                        var lease = new Lease(key, options.Owner);
                        list.Add(lease);
                        if (told)
                            writer.Progress(new ProgressInfo(9, "Waiting for a connection slot", "Done", 100, completed: true));
                        return lease;
                    }
                    if (options.Owner != null && list.All(l => ReferenceEquals(l.Owner, options.Owner)))
                        throw Full(where, limit, "all of them opened here (this runspace), so waiting would never end",
                            "Close sessions you no longer need with Disconnect-MailServer, or connect with a higher -MaxConnections.");
                    var left = maxWait - deadline.Elapsed;
                    if (left <= TimeSpan.Zero)
                        throw Full(where, limit, $"and none was closed within {maxWait.TotalSeconds:0} s (-MaxWaitSeconds)",
                            "Close other sessions on this account, or connect with a higher -MaxConnections or -MaxWaitSeconds.");
                    if (!told)
                    {
                        writer.Verbose($"MailTools already holds {list.Count} connection(s) to the {where.Describe()}, its limit (-MaxConnections {limit}); waiting for one to close.");
                        writer.Progress(new ProgressInfo(9, "Waiting for a connection slot", $"{list.Count} of {limit} connections to {where.Server} in use (-MaxConnections)", -1));
                        told = true;
                    }
                    token.ThrowIfCancellationRequested();
                    // Woken by a release; short slices so Ctrl+C is honoured.
                    Monitor.Wait(s_held, left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250));
                }
            }
        }

        /// <summary>A slot for an optional extra connection (work split over connections): null at once when none is free.</summary>
        internal static IDisposable? TryEnter(ConnectionOptions options, ServerEndpoint where)
        {
            string key = Key(where.Server, where.Port, where.UserName);
            lock (s_held)
            {
                if (!s_held.TryGetValue(key, out var list))
                    s_held[key] = list = new List<Lease>();
                if (list.Count >= Math.Max(1, options.MaxConnections))
                    return null;
                var lease = new Lease(key, options.Owner);
                list.Add(lease);
                return lease;
            }
        }

        static MailToolsException Full(ServerEndpoint where, int limit, string why, string action) =>
            new MailToolsException(ErrorIds.TooManyConnections, MailErrorKind.ResourceUnavailable,
                $"MailTools did not open another connection to the {where.Describe()}: it already holds {limit} (-MaxConnections {limit}), {why}.", where)
            { RecommendedAction = action };

        static string Key(string server, int port, string? user) => $"{server}:{port}:{user}";

        sealed class Lease : IDisposable
        {
            readonly string _key;
            int _released;
            public Lease(string key, object? owner) { _key = key; Owner = owner; }
            public object? Owner { get; }
            public void Dispose()
            {
                if (Interlocked.Exchange(ref _released, 1) != 0)
                    return;
                lock (s_held)
                {
                    if (s_held.TryGetValue(_key, out var list))
                    {
                        list.Remove(this);
                        if (list.Count == 0)
                            s_held.Remove(_key);
                    }
                    Monitor.PulseAll(s_held);
                }
            }
        }
    }
}
