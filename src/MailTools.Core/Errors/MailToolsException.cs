using System;

namespace MailTools.Core.Errors
{
    /// <summary>
    /// The one exception Core lets out to the cmdlets: a stable ErrorId, a kind (becomes the ErrorCategory),
    /// a message that names the server/account/file and what to do, and the object it concerns.
    /// Messages never contain a password: they are built only from names, ports and server replies.
    /// </summary>
    [Serializable]
    public class MailToolsException : Exception
    {
        /// <summary>Makes the error; a null <paramref name="errorId"/> becomes <see cref="ErrorIds.Unexpected"/>.</summary>
        /// <param name="errorId">The stable id (one of <see cref="ErrorIds"/>), the ErrorRecord's FullyQualifiedErrorId.</param>
        /// <param name="kind">What went wrong, mapped to an ErrorCategory by the cmdlets.</param>
        /// <param name="message">What happened, naming the server/account/file, and what to do.</param>
        /// <param name="target">The object the error concerns (an endpoint, a path), or null.</param>
        /// <param name="inner">The exception that caused it, or null.</param>
        public MailToolsException(string? errorId, MailErrorKind kind, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId ?? ErrorIds.Unexpected;
            Kind = kind;
            Target = target;
        }

        /// <summary>The stable id the cmdlets use as FullyQualifiedErrorId; never renamed once shipped.</summary>
        public string ErrorId { get; }
        /// <summary>The kind of failure, which the cmdlets turn into an ErrorCategory.</summary>
        public MailErrorKind Kind { get; }
        /// <summary>The object the error concerns (endpoint, path, folder), or null when there is none.</summary>
        public object? Target { get; }

        /// <summary>A short hint on what to do, shown as the ErrorRecord's RecommendedAction.</summary>
        public string? RecommendedAction { get; set; }
    }
}
