using System;
using System.Threading;
using MailTools.Core.Errors;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// Provider limits for a session: what a failure says (<see cref="ThrottleReply"/>, a drop soon after throttling) and
    /// how long to wait. The loops that act on it are <see cref="MailOperation"/>'s, in two layers:
    /// <see cref="Command{T}"/> wraps each MailKit call: a throttled NO/BAD on a live connection is waited out
    /// (<see cref="RetryPolicy"/>) and the same command is sent again (the server did not run it);
    /// <see cref="Resumable{T}"/> wraps a unit of work that can start over without losing or doubling anything
    /// (one folder of an export, which resumes from its state file; one folder of a clean-up, which plans again and
    /// finishes its own marked deletions): when the server dropped the connection while throttling, it waits,
    /// reconnects and runs the unit again.
    /// </summary>
    public static class Throttling
    {
        /// <summary>Runs one command; waits and resends it while the server throttles and keeps the connection (the loop is <see cref="MailOperation.Command{T}"/>).</summary>
        public static T Command<T>(MailSession session, Func<T> call) => MailOperation.Command(session, call);

        /// <summary>Runs a unit that can start over; after a throttling drop waits, reconnects and runs it again (the loop is in <see cref="MailOperation"/>).</summary>
        public static T Resumable<T>(MailSession session, Func<T> unit, IOutputWriter? writer, CancellationToken token) =>
            MailOperation.AfterThrottling(session, unit, writer, token);

        /// <summary>What a failed command says about provider limits: null when it is no throttling.</summary>
        internal static ThrottleSignal? CommandSignal(MailSession session, Exception ex) => SignalOf(session, ex);

        /// <summary>What a failed resumable unit says about provider limits: null when it is no throttling (or the last word).</summary>
        internal static ThrottleSignal? UnitSignal(MailSession session, Exception ex) =>
            ex is ThrottledException te ? (te.Final ? null : te.Signal)
            : ex is MailToolsException mt ? (mt.ErrorId == ErrorIds.ConnectionLost && session.Retry.RecentlyThrottled(DateTime.UtcNow) ? DroppedAfterWait() : null)
            : SignalOf(session, ex);

        /// <summary>The limit a raw failure reports; a connection lost soon after throttling counts as the server dropping us.</summary>
        static ThrottleSignal? SignalOf(MailSession session, Exception ex)
        {
            var signal = ThrottleReply.Classify(ex);
            if (signal != null)
                return signal;
            // "NO [ALERT] …": MailKit raised the text as an alert and left the exception's ResponseText empty.
            if (ex is MailKit.Net.Imap.ImapCommandException ic && string.IsNullOrWhiteSpace(ic.ResponseText)
                && ThrottleReply.Parse(ServerAlerts.Take(session.Imap)) is ThrottleSignal alerted)
                return alerted;
            if (session.Retry.RecentlyThrottled(DateTime.UtcNow) && IsConnectionLoss(ex))
                return DroppedAfterWait();
            return null;
        }

        // Only the network's failures: a disk error while writing an export is not the server dropping us.
        static bool IsConnectionLoss(Exception ex)
        {
            if (ex is MailKit.ProtocolException || ex is MailKit.ServiceNotConnectedException)
                return true;
            for (Exception? e = ex; e != null; e = e.InnerException)
                if (e is System.Net.Sockets.SocketException)
                    return true;
            return false;
        }

        // The suggested wait was already spent before the cut: reconnect at once (the attempt cap still bounds it).
        static ThrottleSignal DroppedAfterWait() =>
            new ThrottleSignal(ThrottleKind.Throttled, TimeSpan.Zero, "the server closed the connection while throttling", true);

        /// <summary>Waits as the policy says (saying why in progress and verbose), or throws the final error naming the limit.</summary>
        public static void WaitOut(MailSession session, ThrottleSignal signal, IOutputWriter? writer, CancellationToken token, Exception? cause) =>
            WaitOut(session.Retry, session.Endpoint, signal, writer, token, cause);

        /// <summary>The same for a connection not yet opened (a refused login): waits under <paramref name="policy"/> for <paramref name="where"/>, or throws the final error.</summary>
        public static void WaitOut(RetryPolicy policy, ServerEndpoint where, ThrottleSignal signal, IOutputWriter? writer, CancellationToken token, Exception? cause)
        {
            writer = writer ?? NullOutputWriter.Instance;
            var delay = policy.NextDelay(signal);
            if (delay == null)
                throw ThrottleErrors.GaveUp(signal, where, policy, cause);
            string suggested = signal.SuggestedDelay.HasValue ? $"it suggested {signal.SuggestedDelay.Value.TotalMilliseconds:0} ms" : "it suggested no wait";
            if (delay.Value > TimeSpan.Zero)
            {
                writer.Verbose($"The {where.Describe()} reports {signal.Describe()} ('{signal.ServerText}'); waiting {delay.Value.TotalMilliseconds:0} ms ({suggested}; at most {policy.MaxSingleWait.TotalSeconds:0} s per wait) before trying again.");
                writer.Progress(new ProgressInfo(9, $"Waiting for {where.Server}", $"{signal.Describe()}: waiting {delay.Value.TotalSeconds:0.#} s ({suggested})", -1));
            }
            if (delay.Value <= TimeSpan.Zero)
            {
                writer.Verbose($"The {where.Describe()} closed the connection while throttling; the suggested wait is already over, so MailTools reconnects at once.");
                policy.Wait(TimeSpan.Zero, token);   // counts the attempt
                return;
            }
            var waited = policy.Wait(delay.Value, token);
            writer.Verbose($"Waited {waited.TotalMilliseconds:0} ms for the {where.Describe()} ({suggested}); {policy.Waits} wait(s), {policy.Waited.TotalSeconds:0.#} s in all.");
            writer.Progress(new ProgressInfo(9, $"Waiting for {where.Server}", "Done", 100, completed: true));
        }
    }
}
