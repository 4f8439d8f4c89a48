using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// The writer of work running on another thread (a second connection of <see cref="ConnectionLanes"/>): PowerShell's
    /// Write* methods and ShouldProcess work only on the pipeline thread, so every call is queued and replayed there by
    /// <see cref="Drain"/>, in the order it was made. ShouldProcess waits for the caller's thread to answer.
    /// </summary>
#pragma warning disable CA1001 // The semaphore is shared by every lane's writer and lives as long as the run; no wait handle is ever taken from it.
    internal sealed class QueuedOutputWriter : IOutputWriter
#pragma warning restore CA1001
    {
        readonly IOutputWriter _target;
        readonly CancellationToken _token;
        readonly ConcurrentQueue<Action<IOutputWriter>> _queue;
        readonly SemaphoreSlim _posted;
        readonly int _lane;

        public QueuedOutputWriter(IOutputWriter target, CancellationToken token)
        {
            _target = target;
            _token = token;
            _queue = new ConcurrentQueue<Action<IOutputWriter>>();
            _posted = new SemaphoreSlim(0);
        }

        QueuedOutputWriter(QueuedOutputWriter shared, int lane)
        {
            _target = shared._target;
            _token = shared._token;
            _queue = shared._queue;
            _posted = shared._posted;
            _lane = lane;
        }

        /// <summary>The same queue for connection <paramref name="lane"/>: its progress bars get ids of their own, so two folders show side by side.</summary>
        public QueuedOutputWriter ForLane(int lane) => new QueuedOutputWriter(this, lane);

        /// <summary>Queues any call for the caller's thread (an error record, for example).</summary>
        public void Post(Action<IOutputWriter> call)
        {
            _queue.Enqueue(call);
            _posted.Release();
        }

        /// <summary>Wakes <see cref="Wait"/> without a call (a job finished).</summary>
        public void Signal() => _posted.Release();

        public void Verbose(string message) => Post(w => w.Verbose(message));
        public void Warning(string message) => Post(w => w.Warning(message));
        public void Debug(string message) => Post(w => w.Debug(message));
        public void Progress(ProgressInfo progress)
        {
            if (_lane > 1)
                progress = new ProgressInfo(progress.ActivityId + 100 * _lane, $"{progress.Activity} (connection {_lane})", progress.Status,
                    progress.PercentComplete, progress.Completed)
                { ParentActivityId = progress.ParentActivityId < 0 ? -1 : progress.ParentActivityId + 100 * _lane };
            Post(w => w.Progress(progress));
        }

        public bool ShouldProcess(string target, string action) => Ask(w => w.ShouldProcess(target, action));

        public bool ShouldProcess(MailSession session, string target, string action) => Ask(w => w.ShouldProcess(session, target, action));

        public void WriteError(Errors.MailToolsException failure) => Post(w => w.WriteError(failure));

        // The question goes to the caller's thread; this lane waits for the answer.
        bool Ask(Func<IOutputWriter, bool> question)
        {
            var answer = new TaskCompletionSource<bool>();
            Post(w =>
            {
                try { answer.SetResult(question(w)); }
                catch (Exception ex) { answer.SetException(ex); }   // not handled here: the waiting lane rethrows it on its thread
            });
            answer.Task.Wait(_token);
            return answer.Task.Result;
        }

        /// <summary>Replays what was queued; call on the caller's thread.</summary>
        public void Drain()
        {
            while (_queue.TryDequeue(out var call))
                call(_target);
        }

        /// <summary>Waits until something is queued or signalled, at most <paramref name="timeout"/>.</summary>
        public void Wait(TimeSpan timeout) => _posted.Wait(timeout);
    }
}
