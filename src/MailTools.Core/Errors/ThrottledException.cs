using System;
using MailTools.Core.Sessions;

namespace MailTools.Core.Errors
{
    /// <summary>
    /// A provider limit MailTools could not wait out here: either the server dropped the connection while throttling
    /// (an operation that can resume catches it, reconnects and carries on), or the bounded wait is used up (it reaches
    /// the user, with an ErrorId naming the limit).
    /// </summary>
    [Serializable]
    public sealed class ThrottledException : MailToolsException
    {
        /// <summary>A limit error with its ErrorId, message and the server's signal; <paramref name="final"/> when MailTools gives up.</summary>
        public ThrottledException(string errorId, string message, ThrottleSignal signal, object? target, Exception? inner, bool final)
            : base(errorId, MailErrorKind.ResourceUnavailable, message, target, inner)
        {
            Signal = signal;
            Final = final;
        }

        /// <summary>What the server said: which limit, any suggested wait, its own words.</summary>
        public ThrottleSignal Signal { get; }
        /// <summary>True when MailTools gave up (wait budget used, or a limit waiting cannot help): nothing retries it.</summary>
        public bool Final { get; }
    }
}
