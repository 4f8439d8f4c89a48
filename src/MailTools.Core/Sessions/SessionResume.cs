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

        /// <summary>A listing that survives a dropped connection: see <see cref="MailOperation.Listing{T}"/>.</summary>
        public static IEnumerable<T> Stream<T>(MailSession session, string what, IOutputWriter? writer, CancellationToken token,
            Func<IEnumerable<T>> source, Func<T, string> key) =>
            MailOperation.Listing(session, what, writer, token, source, key);
    }
}
