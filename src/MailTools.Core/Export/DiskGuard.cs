using System;
using MailTools.Core.Errors;

namespace MailTools.Core.Export
{
    /// <summary>
    /// The place <see cref="DiskCheckedWriter"/> and its <see cref="DiskCheckedStream"/> write to: every call run
    /// through it turns a disk failure into a <see cref="DiskWriteException"/> naming that place. Shared by both, so
    /// the guard and the wrapping are written once.
    /// </summary>
    internal sealed class DiskGuard
    {
        public DiskGuard(string where)
        {
            Where = where ?? throw new ArgumentNullException(nameof(where));
        }

        /// <summary>The export folder named in the error.</summary>
        public string Where { get; }

        /// <summary>Runs a write; a disk failure leaves as a DiskWriteException.</summary>
        public T Run<T>(Func<T> write) => DiskWriteException.Writing(Where, write);

        /// <summary>Runs a write; a disk failure leaves as a DiskWriteException.</summary>
        public void Run(Action write) => DiskWriteException.Writing(Where, write);
    }
}
