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
        public const int MaxReconnects = MailOperation.MaxReconnects;

        /// <summary>The drop layer of <see cref="MailOperation.Resumable{T}"/> (which also waits out throttling); kept for callers that wrap their own attempt.</summary>
        public static T Run<T>(MailSession session, string what, IOutputWriter writer, CancellationToken token,
            Func<T> attempt, Func<Exception, MailToolsException> translate, Action beforeRetry = null) =>
            MailOperation.AfterDrops(session, what, writer ?? NullOutputWriter.Instance, token, attempt, translate, beforeRetry);
    }
}
