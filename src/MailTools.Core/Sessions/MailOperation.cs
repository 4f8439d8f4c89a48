using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MailTools.Core.Errors;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// The one envelope every mail operation runs in. <see cref="Run{T}"/> takes the session for the calling thread,
    /// reconnects when the server dropped it, stops when the token is cancelled and turns whatever escapes into a
    /// <see cref="MailToolsException"/> (<see cref="MailErrorTranslator"/>). Inside it, <see cref="Command{T}"/>
    /// wraps each MailKit call (a throttled reply is waited out and resent) and <see cref="Resumable{T}"/> wraps a unit
    /// that can start over (an export folder resumes from its state file; a clean-up folder plans again): after a
    /// dropped connection it waits if the server was throttling, reconnects and runs the unit again, a bounded number
    /// of times. Disk failures arrive already typed (<see cref="DiskWriteException"/>), never told apart by their stack.
    /// </summary>
    public static partial class MailOperation
    {
        /// <summary>How many plain drops (no throttling) one unit survives before the last error stands.</summary>
        public const int MaxReconnects = 3;

        /// <summary>Runs <paramref name="work"/> with the session held and connected; every failure leaves as a MailToolsException.</summary>
        public static T Run<T>(MailSession session, IOutputWriter writer, CancellationToken token, Func<T> work)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (work == null) throw new ArgumentNullException(nameof(work));
            writer = writer ?? NullOutputWriter.Instance;
            using (session.Acquire())
                return Translated(session, () =>
                {
                    token.ThrowIfCancellationRequested();
                    session.EnsureConnected(writer, token);
                    return work();
                });
        }

        /// <summary><see cref="Run{T}"/> for work that returns nothing.</summary>
        public static void Run(MailSession session, IOutputWriter writer, CancellationToken token, Action work) =>
            Run(session, writer, token, () => { work(); return 0; });

        /// <summary>
        /// <see cref="Run{T}"/> for a lazy sequence (Get-MailMessage's matches, yielded as each batch arrives): the session
        /// is held while the consumer enumerates and given back when it stops.
        /// </summary>
        public static IEnumerable<T> Stream<T>(MailSession session, IOutputWriter writer, CancellationToken token, Func<IEnumerable<T>> source)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            writer = writer ?? NullOutputWriter.Instance;
            using (session.Acquire())
            {
                Translated(session, () => { token.ThrowIfCancellationRequested(); session.EnsureConnected(writer, token); return 0; });
                using (var items = Translated(session, () => source().GetEnumerator()))
                {
                    while (Translated(session, items.MoveNext))
                        yield return items.Current;
                }
            }
        }

        /// <summary>
        /// One MailKit call inside <see cref="Run{T}"/>: a throttled NO/BAD on a live connection is waited out
        /// (<see cref="RetryPolicy"/>) and the same command sent again (the server did not run it); a throttling drop
        /// leaves as a ThrottledException for <see cref="Resumable{T}"/>; any other failure is translated.
        /// </summary>
        public static T Command<T>(MailSession session, Func<T> call)
        {
            var writer = session.CallerWriter;
            var token = session.CallerToken;
            while (true)
            {
                try
                {
                    var result = call();
                    session.Retry.Progressed();
                    return result;
                }
                catch (Exception ex) when (!(ex is MailToolsException))
                {
                    var signal = Throttling.CommandSignal(session, ex);
                    if (signal == null)
                        throw Translate(ex, session);
                    if (signal.ConnectionDropped || !session.IsConnected)
                        throw ThrottleErrors.Met(signal.WithDropped(), session.Endpoint, ex);   // Resumable reconnects
                    Throttling.WaitOut(session, signal, writer, token, ex);
                }
            }
        }

        /// <summary><see cref="Command{T}"/> for a call that returns nothing.</summary>
        public static void Command(MailSession session, Action call) => Command(session, () => { call(); return 0; });

        /// <summary>
        /// A unit that can start over without losing or doubling anything. A throttling drop waits first
        /// (<see cref="AfterThrottling{T}"/>); any other drop (an expired access token, a restart, an idle cut)
        /// reconnects at once, with a fresh token when the session has a token source. <paramref name="beforeRetry"/>
        /// runs before each new attempt after a plain drop.
        /// </summary>
        public static T Resumable<T>(MailSession session, string what, IOutputWriter writer, CancellationToken token, Func<T> unit, Action? beforeRetry = null) =>
            AfterDrops(session, what, writer ?? NullOutputWriter.Instance, token, () => AfterThrottling(session, unit, writer, token), ex => Translate(ex, session), beforeRetry);

        /// <summary>Runs a unit; when the server throttled and then dropped or refused it, waits as the policy says, reconnects and runs it again.</summary>
        internal static T AfterThrottling<T>(MailSession session, Func<T> unit, IOutputWriter? writer, CancellationToken token)
        {
            writer = writer ?? NullOutputWriter.Instance;
            while (true)
            {
                try
                {
                    return unit();
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    var signal = Throttling.UnitSignal(session, ex);
                    if (signal == null)
                        throw;
                    Throttling.WaitOut(session, signal, writer, token, ex);
                    writer.Verbose($"Reconnecting to the {session.Endpoint.Describe()} after throttling; carrying on where it stopped.");
                    session.Reconnect(writer, token);
                }
            }
        }

        /// <summary>Runs an attempt; after a dropped connection (not a refusal), reconnects and runs it again, at most <see cref="MaxReconnects"/> times.</summary>
        internal static T AfterDrops<T>(MailSession session, string what, IOutputWriter writer, CancellationToken token,
            Func<T> attempt, Func<Exception, MailToolsException> translate, Action? beforeRetry)
        {
            for (int reconnects = 0; ; reconnects++)
            {
                try
                {
                    return attempt();
                }
                catch (Exception ex) when (!token.IsCancellationRequested && reconnects < MaxReconnects && IsDrop(ex, session, translate))
                {
                    writer.Warning($"The connection to the {session.Endpoint.Describe()} was lost during {what}; reconnecting{(session.Options.TokenSource != null ? " with a fresh access token" : "")} and carrying on where it stopped.");
                    beforeRetry?.Invoke();
                    session.EnsureConnected(writer, token);
                }
            }
        }

        /// <summary>
        /// Opening a connection, before there is a session: every failure is translated for <paramref name="where"/>
        /// (a TLS failure with what <paramref name="certificate"/> saw); a cancellation the caller did not ask for is the
        /// connection's timeout.
        /// </summary>
        public static T Connecting<T>(ServerEndpoint where, CertificateCheck? certificate, CancellationToken token, Func<T> open)
        {
            try
            {
                return open();
            }
            catch (Exception ex) when (!(ex is MailToolsException))
            {
                throw ConnectFailure(ex, where, certificate, token, CancellationToken.None);
            }
        }

        /// <summary>
        /// <see cref="Connecting{T}"/> for an asynchronous probe under its own <paramref name="deadline"/>: once the
        /// deadline has passed, any failure is the timeout (a socket closed at the deadline fails with whatever the
        /// read was doing).
        /// </summary>
        public static async Task<T> ConnectingAsync<T>(ServerEndpoint where, CertificateCheck? certificate, CancellationToken token,
            CancellationToken deadline, Func<Task<T>> open)
        {
            if (open == null) throw new ArgumentNullException(nameof(open));
            try
            {
                return await open().ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is MailToolsException) && !(ex is OperationCanceledException && token.IsCancellationRequested))
            {
                throw ConnectFailure(ex, where, certificate, token, deadline);
            }
        }

        static MailToolsException ConnectFailure(Exception ex, ServerEndpoint where, CertificateCheck? certificate, CancellationToken token,
            CancellationToken deadline) =>
            !token.IsCancellationRequested && (ex is OperationCanceledException || deadline.IsCancellationRequested)
                ? MailErrorTranslator.Timeout(where, ex)
                : MailErrorTranslator.Translate(ex, where, certificate);

        /// <summary>
        /// One job of several running side by side (<see cref="ConnectionLanes"/>): its failure comes back translated,
        /// so the other jobs go on; a stop the caller asked for leaves as it is.
        /// </summary>
        internal static MailToolsException? Captured(MailSession session, CancellationToken token, Action work)
        {
            try
            {
                work();
                return null;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && token.IsCancellationRequested))
            {
                return Translate(ex, session);
            }
        }

        /// <summary>The MailToolsException for any failure of an operation on this session.</summary>
        public static MailToolsException Translate(Exception ex, MailSession? session) =>
            ex as MailToolsException ?? MailErrorTranslator.Translate(ex, session?.Endpoint, session?.CertificateCheck);

        // The envelope's one general catch: whatever a mail operation lets out becomes a MailToolsException here.
        static T Translated<T>(MailSession session, Func<T> work)
        {
            try
            {
                return work();
            }
            catch (Exception ex) when (!(ex is MailToolsException))
            {
                throw Translate(ex, session);
            }
        }

        static bool IsDrop(Exception ex, MailSession session, Func<Exception, MailToolsException> translate)
        {
            if (session.IsConnected)
                return false;   // a refusal or a local failure, not a dropped connection
            var mt = ex as MailToolsException ?? translate(ex);
            return mt.ErrorId == ErrorIds.ConnectionLost;
        }
    }
}
