using System;
using System.Collections.Generic;
using System.Threading;
using MailTools.Core.Errors;

namespace MailTools.Core.Sessions
{
    // The envelope's listing part: a stream of items that survives a dropped connection (Get-MailMessage). Its catch
    // is the envelope's, like the ones in MailOperation.cs.
    public static partial class MailOperation
    {
        /// <summary>
        /// A listing that survives a dropped connection (Get-MailMessage's matches): after a drop it reconnects (after a
        /// throttling drop it waits first), lists again from the start and skips what it already gave, so each item comes
        /// once. <paramref name="key"/> names an item for that (folder, UIDVALIDITY and UID for a message).
        /// </summary>
        public static IEnumerable<T> Listing<T>(MailSession session, string what, IOutputWriter? writer, CancellationToken token,
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
                            if (!RecoverListing(session, what, output, token, ex))
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
        static bool RecoverListing(MailSession session, string what, IOutputWriter writer, CancellationToken token, Exception ex)
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
