#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
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
        public MailToolsException(string errorId, MailErrorKind kind, string message, object target = null, Exception inner = null)
            : base(message, inner)
        {
            ErrorId = errorId ?? ErrorIds.Unexpected;
            Kind = kind;
            Target = target;
        }

        public string ErrorId { get; }
        public MailErrorKind Kind { get; }
        public object Target { get; }

        /// <summary>A short hint on what to do, shown as the ErrorRecord's RecommendedAction.</summary>
        public string RecommendedAction { get; set; }
    }
}
