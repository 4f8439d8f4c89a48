using System;
using System.Collections.Generic;
using MailKit;
using MailKit.Search;

namespace MailTools.Core.Export
{
    /// <summary>The answer to <see cref="MailboxExporter.Archive"/>: which UIDs are safely on disk, and which are not.</summary>
    public sealed class ArchiveOutcome
    {
        /// <summary>The export counts for the archived folder.</summary>
        public ExportResult Result { get; set; } = null!; // both exporters set it when they create the outcome
        /// <summary>Written (now or before), durable, recorded in the manifest, re-read and matched by SHA-256: safe to delete on the server.</summary>
        public UniqueIdSet Written { get; } = new UniqueIdSet(SortOrder.Ascending);
        /// <summary>Asked for but not safely written (vanished on the server, failed verification, or the run stopped).</summary>
        public UniqueIdSet NotWritten { get; } = new UniqueIdSet(SortOrder.Ascending);
        /// <summary>Every verification problem found (also written as warnings).</summary>
        public IList<VerifyProblem> Problems { get; } = new List<VerifyProblem>();
        /// <summary>POP3: the UIDLs whose copy is verified (the POP3 counterpart of <see cref="Written"/>).</summary>
        public ISet<string> WrittenUidls { get; } = new HashSet<string>(StringComparer.Ordinal);
    }
}
