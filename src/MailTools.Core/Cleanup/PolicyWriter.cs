using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using MailTools.Core.Errors;
using MailTools.Core.Messages;
using static System.FormattableString;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// Writes suggested rules as a commented .psd1 policy in the shape <see cref="PolicyReader"/> reads (constants only,
    /// single-quoted strings), so Invoke-MailCleanup -Policy takes the file unchanged.
    /// </summary>
    public static class PolicyWriter
    {
        /// <summary>Writes the suggestions as a commented .psd1 policy that <see cref="PolicyReader"/> reads back.</summary>
        public static string Write(IList<SuggestionSet> sets, DateTime now)
        {
            var sb = new StringBuilder();
            var accounts = sets.SelectMany(s => s.Suggestions).Select(s => s.Account).Distinct().ToList();
            sb.AppendLine(Invariant($"# Clean-up policy suggested by Get-MailCleanupSuggestion on {now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}"));
            sb.AppendLine(Invariant($"# for {(accounts.Count == 0 ? "(no account had anything to suggest)" : string.Join(", ", accounts))}."));
            sb.AppendLine("# Rules run in order; a message is acted on by the first rule that matches it. Flagged mail is");
            sb.AppendLine("# never touched (the clean-up leaves flagged messages alone by default). Archive writes each message");
            sb.AppendLine("# under ArchivePath (relative to this file), verifies the copy, and only then deletes it from the server.");
            sb.AppendLine("# Review, edit, then try it:");
            sb.AppendLine("#   Invoke-MailCleanup -Policy <this file> -WhatIf");
            var first = sets.FirstOrDefault()?.Policy ?? new CleanupPolicy();
            sb.AppendLine("@{");
            sb.AppendLine(Invariant($"    Description   = {Quote("Suggested clean-up" + (accounts.Count == 0 ? string.Empty : " for " + string.Join(", ", accounts)))}"));
            if (first.ArchivePath != null) sb.AppendLine(Invariant($"    ArchivePath   = {Quote(first.ArchivePath)}"));
            sb.AppendLine("    ArchiveFormat = 'Maildir'");
            if (first.LogPath != null) sb.AppendLine(Invariant($"    LogPath       = {Quote(first.LogPath)}"));
            sb.AppendLine("    Rules         = @(");
            var written = new HashSet<string>(StringComparer.Ordinal);
            var all = sets.SelectMany(x => x.Suggestions).ToList();
            foreach (var rule in sets.SelectMany(x => x.Policy.Rules))
            {
                if (!written.Add(rule.Name))
                    continue;
                foreach (var s in all.Where(x => x.Rule == rule.Name))
                    sb.AppendLine(Invariant($"        # {OneLine(s.Reason)} {s.Account}: {s.Count} message(s), {CleanupPlan.FormatBytes(s.Size)} freed{(s.SkippedFlagged > 0 ? $", {s.SkippedFlagged} flagged left alone" : string.Empty)}."));
                sb.AppendLine("        " + RuleText(rule));
            }
            if (written.Count == 0)
                sb.AppendLine("        # Nothing to suggest: no rule would free anything.");
            sb.AppendLine("    )");
            sb.AppendLine("}");
            return sb.ToString();
        }

        /// <summary>Writes the policy file; a clear error naming the file when it cannot be written.</summary>
        public static void WriteFile(string path, IList<SuggestionSet> sets, DateTime now)
        {
            try
            {
                File.WriteAllText(path, Write(sets, now), new UTF8Encoding(true));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw new MailToolsException(ErrorIds.OutputNotWritable, MailErrorKind.WriteError,
                    $"The policy file '{path}' cannot be written: {ex.Message}", path, ex)
                { RecommendedAction = "Give -OutFile a path in a folder you can write to." };
            }
        }

        static string RuleText(CleanupRule rule)
        {
            var q = rule.Query;
            var parts = new List<string>
            {
                $"Name = {Quote(rule.Name)}",
                $"Folders = {string.Join(", ", rule.Folders.Select(Quote))}",
            };
            if (q.ListId != null) parts.Add($"ListId = {Quote(q.ListId)}");
            if (q.From != null) parts.Add($"From = {Quote(q.From)}");
            if (q.LargerThan.HasValue) parts.Add($"LargerThan = {Quote(SizeText(q.LargerThan.Value))}");
            if (q.OlderThan != null) parts.Add($"OlderThan = {Quote(q.OlderThan.ToString())}");
            parts.Add($"Action = {Quote(rule.Action.ToString())}");
            return "@{ " + string.Join("; ", parts) + " }";
        }

        static string SizeText(long bytes) =>
            bytes % (1L << 20) == 0 ? (bytes >> 20).ToString(CultureInfo.InvariantCulture) + "MB" : bytes.ToString(CultureInfo.InvariantCulture);

        /// <summary>A PowerShell single-quoted string: only ' needs doubling (also the typographic quotes PowerShell treats as ').</summary>
        static string Quote(string value) =>
            "'" + (value ?? string.Empty).Replace("'", "''").Replace("\u2018", "\u2018\u2018").Replace("\u2019", "\u2019\u2019")
                .Replace("\u201A", "\u201A\u201A").Replace("\u201B", "\u201B\u201B") + "'";

        static string OneLine(string? text) => (text ?? string.Empty).Replace("\r", " ").Replace("\n", " ");
    }
}
