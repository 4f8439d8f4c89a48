#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Collections.Generic;
using System.IO;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Writes the messages of ONE folder into one export format. The exporter calls Recover once, then per message
    /// Begin → (copy bytes into the returned stream) → Commit (or Abort), and CompleteBatch after each batch;
    /// only after CompleteBatch returns are the batch's messages durable and may be recorded in the state.
    /// </summary>
    public interface IFolderWriter : IDisposable
    {
        /// <summary>Removes torn writes and returns messages that are on disk but missing from the state (crash after write, before state).</summary>
        IList<ManifestEntry> Recover(ExportState state, bool full, IOutputWriter output);
        Stream Begin(MessageInfo message);
        ManifestEntry Commit(MessageInfo message, string sha256, long size, int lastByte);
        void Abort();
        void CompleteBatch(ExportState state);
        /// <summary>Re-reads what the manifest says was written; returns one line per problem (empty: all good).</summary>
        IList<VerifyProblem> Verify(IEnumerable<ManifestEntry> entries);
    }
}
