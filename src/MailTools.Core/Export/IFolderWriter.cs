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
        /// <summary>Opens the stream the message's bytes are written to.</summary>
        Stream Begin(MessageInfo message);
        /// <summary>Finishes the message begun last and returns its manifest entry (durable with the batch).</summary>
        ManifestEntry Commit(MessageInfo message, string sha256, long size, int lastByte);
        /// <summary>Drops the message begun last.</summary>
        void Abort();
        /// <summary>Makes the batch's messages durable before the manifest and state record them.</summary>
        void CompleteBatch(ExportState state);
        /// <summary>Re-reads what the manifest says was written; returns one line per problem (empty: all good).</summary>
        IList<VerifyProblem> Verify(IEnumerable<ManifestEntry> entries);
    }
}
