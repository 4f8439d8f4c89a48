#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
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
        public const int MaxReconnects = 3;

        public static T Run<T>(MailSession session, string what, IOutputWriter writer, CancellationToken token,
            Func<T> attempt, Func<Exception, MailToolsException> translate, Action beforeRetry = null)
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

        static bool IsDrop(Exception ex, MailSession session, Func<Exception, MailToolsException> translate)
        {
            if (session.IsConnected)
                return false;   // a refusal or a local failure, not a dropped connection
            var mt = ex as MailToolsException ?? translate(ex);
            return mt.ErrorId == ErrorIds.ConnectionLost;
        }
    }
}
