using System;
using System.Diagnostics;
using System.Threading;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// How long MailTools waits when a provider says "slow down", and when it gives up. Pure bookkeeping plus one
    /// sleep, so it is tested without a server: the wait is the server's suggestion (else 2 s, doubling), capped at
    /// <see cref="MaxSingleWait"/>; the time spent waiting since the last successful command is capped at
    /// <see cref="MaxTotalWait"/>, after which <see cref="NextDelay"/> answers null and the caller ends with an error.
    /// A bandwidth limit is never waited for (Gmail's resets over a day).
    /// </summary>
    public sealed class RetryPolicy
    {
        /// <summary>The longest single wait when none is given, whatever the server suggests.</summary>
        public static readonly TimeSpan DefaultMaxSingleWait = TimeSpan.FromSeconds(60);
        /// <summary>The first wait when the server suggests none; later ones double.</summary>
        public static readonly TimeSpan DefaultFirstWait = TimeSpan.FromSeconds(2);
        /// <summary>Tries in a row without progress, whatever their waits: a server that cuts at once still ends the run.</summary>
        public const int MaxAttempts = 20;

        readonly Action<TimeSpan, CancellationToken> _sleep;
        int _consecutive;

        /// <summary>A policy that waits at most <paramref name="maxTotalWait"/> without progress; <paramref name="sleep"/> replaces the real wait in tests.</summary>
        public RetryPolicy(TimeSpan maxTotalWait, TimeSpan? maxSingleWait = null, TimeSpan? firstWait = null, Action<TimeSpan, CancellationToken>? sleep = null)
        {
            MaxTotalWait = maxTotalWait < TimeSpan.Zero ? TimeSpan.Zero : maxTotalWait;
            MaxSingleWait = maxSingleWait ?? DefaultMaxSingleWait;
            FirstWait = firstWait ?? DefaultFirstWait;
            _sleep = sleep ?? ((delay, token) => { if (token.WaitHandle.WaitOne(delay)) token.ThrowIfCancellationRequested(); });
        }

        /// <summary>The most time spent waiting without progress before giving up (-MaxWaitSeconds).</summary>
        public TimeSpan MaxTotalWait { get; }
        /// <summary>The cap on any one wait, even when the server suggests a longer one.</summary>
        public TimeSpan MaxSingleWait { get; }
        /// <summary>The wait used when the server suggests none (doubled on each further try).</summary>
        public TimeSpan FirstWait { get; }
        /// <summary>All the time spent waiting, over the life of the session.</summary>
        public TimeSpan Waited { get; private set; }
        /// <summary>The time spent waiting since the last command that succeeded.</summary>
        public TimeSpan WaitedSinceProgress { get; private set; }
        /// <summary>How many waits this session has made, for verbose output and the final error.</summary>
        public int Waits { get; private set; }
        /// <summary>When the last signal came (UTC); a connection lost soon after it is part of the throttling.</summary>
        public DateTime? LastSignalUtc { get; private set; }

        /// <summary>How long to wait before the next try, or null: give up (budget used, or waiting cannot help).</summary>
        public TimeSpan? NextDelay(ThrottleSignal? signal)
        {
            if (signal == null)
                throw new ArgumentNullException(nameof(signal));
            LastSignalUtc = DateTime.UtcNow;
            if (signal.Kind == ThrottleKind.BandwidthExceeded || _consecutive >= MaxAttempts)
                return null;
            TimeSpan delay = signal.SuggestedDelay
                ?? TimeSpan.FromTicks(FirstWait.Ticks * (1L << Math.Min(_consecutive, 10)));
            if (delay > MaxSingleWait)
                delay = MaxSingleWait;
            if (WaitedSinceProgress + delay > MaxTotalWait)
                return null;
            _consecutive++;
            return delay;
        }

        /// <summary>Sleeps (cancellable) and returns the time actually waited, which is what MailTools reports.</summary>
        public TimeSpan Wait(TimeSpan delay, CancellationToken token)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                if (delay > TimeSpan.Zero)
                    _sleep(delay, token);
            }
            finally
            {
                watch.Stop();
                Waited += watch.Elapsed;
                // The budget counts at least the planned wait, so it ends even where a sleep returns early.
                WaitedSinceProgress += watch.Elapsed > delay ? watch.Elapsed : delay;
                Waits++;
            }
            return watch.Elapsed;
        }

        /// <summary>A command succeeded: the budget starts again, and the next wait without a suggestion is the first one.</summary>
        public void Progressed()
        {
            WaitedSinceProgress = TimeSpan.Zero;
            _consecutive = 0;
        }

        /// <summary>True within a minute after the last signal (and its wait): a cut then is the server dropping us.</summary>
        public bool RecentlyThrottled(DateTime utcNow) =>
            LastSignalUtc.HasValue && utcNow - LastSignalUtc.Value < MaxSingleWait + TimeSpan.FromSeconds(60);
    }
}
