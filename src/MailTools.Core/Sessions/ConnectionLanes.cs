using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MailTools.Core.Errors;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// Runs independent jobs (one folder each) over up to N connections to one account: the caller's session on the
    /// caller's thread, and N-1 more sessions opened with its options on worker threads. A further connection is opened
    /// only while the account's -MaxConnections (<see cref="ConnectionGate"/>) has a free slot, without waiting; none free
    /// means fewer lanes, never a wait or an error. Jobs are taken in order by whichever lane is free; what worker lanes
    /// write is replayed on the caller's thread (<see cref="QueuedOutputWriter"/>), and outcomes are yielded in the jobs'
    /// order. A failing job does not stop the others (its outcome carries the error). Cancelling the token (Ctrl+C), or
    /// the caller stopping the enumeration, stops every lane and closes the extra connections.
    /// </summary>
    public static class ConnectionLanes
    {
        /// <summary>The most connections one command uses to one account.</summary>
        public const int MaxLanes = 4;

        sealed class Shared<TItem, T>
        {
            public Shared(IList<TItem> items, Func<MailSession, TItem, IOutputWriter, CancellationToken, T> job)
            {
                Items = items;
                Job = job;
                Outcomes = new LaneOutcome<T>[items.Count];
            }

            public readonly IList<TItem> Items;
            public readonly LaneOutcome<T>?[] Outcomes;
            public int Next = -1;
            public readonly Func<MailSession, TItem, IOutputWriter, CancellationToken, T> Job;
        }

        /// <summary>Runs <paramref name="job"/> for each item over up to <paramref name="connections"/> connections; outcomes come back in the items' order.</summary>
        public static IEnumerable<LaneOutcome<T>> Run<TItem, T>(MailSession session, IList<TItem> items, int connections,
            Func<MailSession, TItem, IOutputWriter, CancellationToken, T> job, IOutputWriter writer, CancellationToken token)
        {
            writer = writer ?? NullOutputWriter.Instance;
            int lanes = Math.Min(Math.Min(Math.Max(1, connections), MaxLanes), items.Count);
            var shared = new Shared<TItem, T>(items, job);
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                var queue = new QueuedOutputWriter(writer, stop.Token);
                var workers = new List<Task>();
                for (int lane = 2; lane <= lanes; lane++)
                {
                    int number = lane;
                    workers.Add(Task.Factory.StartNew(() => Worker(session, number, shared, queue, stop.Token),
                        stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default));
                }
                int yielded = 0;
                try
                {
                    // The caller's lane: its session belongs to this thread (MailSession.Acquire), and its writes go straight out.
                    for (int i; (i = Interlocked.Increment(ref shared.Next)) < items.Count;)
                    {
                        Volatile.Write(ref shared.Outcomes[i], RunOne(session, shared, i, writer, stop.Token));
                        queue.Drain();
                        while (yielded < items.Count && Volatile.Read(ref shared.Outcomes[yielded]) != null)
                            yield return shared.Outcomes[yielded++]!;   // read as non-null just above
                    }
                    while (yielded < items.Count)
                    {
                        queue.Wait(TimeSpan.FromMilliseconds(200));
                        queue.Drain();
                        token.ThrowIfCancellationRequested();
                        while (yielded < items.Count && Volatile.Read(ref shared.Outcomes[yielded]) != null)
                            yield return shared.Outcomes[yielded++]!;   // read as non-null just above
                    }
                }
                finally
                {
                    stop.Cancel();
                    // The workers were stopped above: wait for them whatever the caller's token says.
                    try { Task.WaitAll(workers.ToArray(), CancellationToken.None); } catch (AggregateException) { /* each job's error is in its outcome */ }
                    queue.Drain();
                }
            }
        }

        static LaneOutcome<T> RunOne<TItem, T>(MailSession session, Shared<TItem, T> shared, int index, IOutputWriter writer, CancellationToken token)
        {
            var outcome = new LaneOutcome<T> { Index = index };
            outcome.Error = MailOperation.Captured(session, token, () => outcome.Value = shared.Job(session, shared.Items[index], writer, token));
            return outcome;
        }

        static void Worker<TItem, T>(MailSession like, int lane, Shared<TItem, T> shared, QueuedOutputWriter all, CancellationToken token)
        {
            var queue = all.ForLane(lane);
            MailSession? extra = null;
            try
            {
                extra = SessionConnector.ConnectExtra(like, lane, queue, token);
                if (extra == null)
                {
                    queue.Verbose($"No connection slot free for a connection {lane} to the {like.Endpoint.Describe()} (-MaxConnections {like.Options.MaxConnections}); its folders go over the other connection(s).");
                    return;
                }
                using (extra.Acquire())
                {
                    for (int i; !token.IsCancellationRequested && (i = Interlocked.Increment(ref shared.Next)) < shared.Items.Count;)
                    {
                        LaneOutcome<T> outcome;
                        try { outcome = RunOne(extra, shared, i, queue, token); }
                        catch (OperationCanceledException ex) { outcome = new LaneOutcome<T> { Index = i, Error = ex }; }
                        Volatile.Write(ref shared.Outcomes[i], outcome);
                        queue.Signal();
                    }
                }
            }
            catch (MailToolsException ex) when (!token.IsCancellationRequested)
            {
                // Opening the extra connection failed (the envelope translated it): the other lanes take its jobs.
                queue.Verbose($"A connection {lane} to the {like.Endpoint.Describe()} could not be opened ({ex.Message}); its folders go over the other connection(s).");
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is MailToolsException)
            {
                // Cancelled: the caller is stopping.
            }
            finally
            {
                extra?.Disconnect();
                queue.Signal();
            }
        }
    }
}
