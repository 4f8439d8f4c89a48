using System;
using System.Collections.Generic;
using System.Linq;

namespace MailTools.Core.Export
{
    /// <summary>
    /// -Verify and the safety check before anything is deleted: re-reads what the manifest says was written and compares
    /// its SHA-256. Every problem is a warning and goes into the outcome; the keys returned are the ones safe to delete.
    /// </summary>
    internal static class ExportVerifier
    {
        public static ISet<string> Verify(IFolderWriter sink, IList<ManifestEntry> entries, ArchiveOutcome outcome, IOutputWriter writer)
        {
            var problems = sink.Verify(entries);
            foreach (var p in problems)
            {
                outcome.Problems.Add(p);
                writer.Warning(p.Message);
            }
            outcome.Result.Verified = problems.Count == 0;
            var bad = new HashSet<string>(problems.Select(p => p.Key), StringComparer.Ordinal);
            return new HashSet<string>(entries.Select(e => e.Key).Where(k => !bad.Contains(k)), StringComparer.Ordinal);
        }
    }
}
