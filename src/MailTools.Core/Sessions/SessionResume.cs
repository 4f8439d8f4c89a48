using System;
using System.Collections.Generic;
using System.Threading;
using MailTools.Core.Errors;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// Runs a resumable piece of work (one folder of an export: its state file records every durable batch) and,
    /// when the server drops the connection mid-way — Exchange Online ends a session whose access token expired,
    /// servers restart — reconnects (with a fresh token when the session has a token source) and runs it again,
    /// which carries on where the state says it stopped. Bounded: after <see cref="MaxReconnects"/> drops the last
    /// error stands.
    /// </summary>
    public static class SessionResume
    {
        /// <summary>How many drops one piece of work survives before the last error stands.</summary>
        public const int MaxReconnects = MailOperation.MaxReconnects;

        /// <summary>The drop layer of <see cref="MailOperation.Resumable{T}"/> (which also waits out throttling); kept for callers that wrap their own attempt.</summary>
        public static T Run<T>(MailSession session, string what, IOutputWriter? writer, CancellationToken token,
            Func<T> attempt, Func<Exception, MailToolsException> translate, Action? beforeRetry = null) =>
            MailOperation.AfterDrops(session, what, writer ?? NullOutputWriter.Instance, token, attempt, translate, beforeRetry);

        /// <summary>
        /// A listing that survives a dropped connection (Get-MailMessage's matches): after a drop it reconnects (after a
        /// throttling drop it waits first), lists again from the start and skips what it already gave, so each item comes
        /// once. <paramref name="key"/> names an item for that (folder, UIDVALIDITY and UID for a message).
        /// </summary>
        public static IEnumerable<T> Stream<T>(MailSession session, string what, IOutputWriter? writer, CancellationToken token,
            Func<IEnumerable<T>> source, Func<T, string> key)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (source == null) throw new ArgumentNullException(nameof(source));
            if (key == null) throw new ArgumentNullException(nameof(key));
            var output = writer ?? NullOutputWriter.Instance;
            var given = new HashSet<string>(StringComparer.Ordinal);
            int drops = 0;
            while (true)
            {
                using (var items = source().GetEnumerator())
                {
                    while (true)
                    {
                        bool more;
                        try
                        {
                            more = items.MoveNext();
                        }
                        catch (Exception ex) when (!token.IsCancellationRequested && drops < MaxReconnects && !session.IsConnected)
                        {
                            if (!Recover(session, what, output, token, ex))
                                throw;
                            drops++;
                            break;
                        }
                        if (!more)
                            yield break;
                        if (given.Add(key(items.Current)))
                            yield return items.Current;
                    }
                }
            }
        }

        // True when the failure was the connection going away and a new one is open: a throttling drop is waited out
        // first (Throttling names the limit and gives up after -MaxWaitSeconds), a plain drop reconnects at once.
        static bool Recover(MailSession session, string what, IOutputWriter writer, CancellationToken token, Exception ex)
        {
            var signal = Throttling.UnitSignal(session, ex);
            if (signal != null)
            {
                Throttling.WaitOut(session, signal, writer, token, ex);
                writer.Verbose($"Reconnecting to the {session.Endpoint.Describe()} after throttling; carrying on with {what} where it stopped.");
                session.Reconnect(writer, token);
                return true;
            }
            if (MailOperation.Translate(ex, session).ErrorId != ErrorIds.ConnectionLost)
                return false;
            writer.Warning($"The connection to the {session.Endpoint.Describe()} was lost during {what}; reconnecting{(session.Options.TokenSource != null ? " with a fresh access token" : "")} and carrying on where it stopped.");
            session.EnsureConnected(writer, token);
            return true;
        }
    }
}
