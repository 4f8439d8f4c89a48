using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MailTools.Core.Errors;
using MailTools.Core.Export;
using MailTools.Core.Messages;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// What Invoke-MailCleanup was asked to do, built once from its parameters or from a policy, and validated once,
    /// before any server is touched: every rule narrows the messages, Move has a destination, Archive has a folder.
    /// What is merely odd (a date range that matches nothing) is in <see cref="Warnings"/> for the host to show.
    /// Per-account checks (what POP3 cannot do) are the runner's, because they depend on the session.
    /// </summary>
    public sealed class CleanupRequest
    {
        CleanupRequest(IList<CleanupRule> rules, bool fromPolicy)
        {
            Rules = rules;
            IsPolicy = fromPolicy;
        }

        /// <summary>The rules in the order they run.</summary>
        public IList<CleanupRule> Rules { get; }
        /// <summary>True when the rules came from a policy file (they name their own folders).</summary>
        public bool IsPolicy { get; }
        /// <summary>The deletion log (CSV) to append to; null: none.</summary>
        public string? LogPath { get; private set; }
        /// <summary>Where Archive writes its verified copies; null: the request has no Archive rule.</summary>
        public string? ArchivePath { get; private set; }
        /// <summary>How Archive writes its copies.</summary>
        public ExportFormat ArchiveFormat { get; private set; } = ExportFormat.Maildir;
        /// <summary>What is odd but allowed (a range that matches nothing), for the host to show.</summary>
        public IList<string> Warnings { get; } = new List<string>();

        /// <summary>One rule named "(parameters)" from -OlderThan, -From … and -Action; its folders come per account.</summary>
        public static CleanupRequest FromParameters(MessageQuery query, CleanupAction action, string? destination, bool includeFlagged,
            string? logPath, string? archivePath, ExportFormat archiveFormat)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (!PolicyReader.HasCondition(query))
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    "Invoke-MailCleanup needs at least one condition, so that it never matches a whole folder by accident.", null)
                { RecommendedAction = "Give -OlderThan, -Before, -Since, -LargerThan, -SmallerThan, -From, -To or -Subject (-OlderThan 0 means everything before today); -Read and -Unread narrow one of those." };
            if (action == CleanupAction.Move && string.IsNullOrEmpty(destination))
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument, "-Action Move needs -Destination <folder>.", null);
            var rule = new CleanupRule { Name = "(parameters)", Query = query, Action = action, Destination = destination, IncludeFlagged = includeFlagged };
            var request = new CleanupRequest(new List<CleanupRule> { rule }, fromPolicy: false)
            {
                LogPath = logPath, ArchivePath = archivePath, ArchiveFormat = archiveFormat,
            };
            return request.Validated();
        }

        /// <summary>
        /// The rules of a policy read by <see cref="PolicyReader"/> (which already refused rules without a condition).
        /// Paths in the policy are relative to its file; a path or format given to the cmdlet wins.
        /// </summary>
        public static CleanupRequest FromPolicy(CleanupPolicy policy, bool includeFlagged, string? logPath, string? archivePath, ExportFormat? archiveFormat)
        {
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            foreach (var rule in policy.Rules)
                rule.IncludeFlagged |= includeFlagged;
            string dir = Path.GetDirectoryName(Path.GetFullPath(policy.Source ?? ".")) ?? ".";
            var request = new CleanupRequest(policy.Rules, fromPolicy: true)
            {
                LogPath = logPath ?? (policy.LogPath == null ? null : Path.Combine(dir, policy.LogPath)),
                ArchivePath = archivePath ?? (policy.ArchivePath == null ? null : Path.Combine(dir, policy.ArchivePath)),
                ArchiveFormat = archiveFormat ?? policy.ArchiveFormat ?? ExportFormat.Maildir,
            };
            return request.Validated();
        }

        /// <summary>The rules for one account: from parameters they take the folders given for it; a policy names its own.</summary>
        public IList<CleanupRule> RulesFor(IList<string>? folders)
        {
            if (IsPolicy || folders == null)
                return Rules;
            return Rules.Select(rule => new CleanupRule
            {
                Name = rule.Name, Folders = folders.Distinct(StringComparer.Ordinal).ToList(), Query = rule.Query,
                Action = rule.Action, Destination = rule.Destination, IncludeFlagged = rule.IncludeFlagged,
            }).ToList();
        }

        CleanupRequest Validated()
        {
            foreach (var rule in Rules)
            {
                string? empty = rule.Query.EmptyRangeWarning(IsPolicy ? "" : "-");
                if (empty != null)
                    Warnings.Add(IsPolicy ? $"Rule '{rule.Name}' (line {rule.Line}): {empty}" : empty);
            }
            if (Rules.Any(r => r.Action == CleanupAction.Archive) && string.IsNullOrEmpty(ArchivePath))
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    "The Archive action needs -ArchivePath (or ArchivePath in the policy): the folder the copies are written to before anything is deleted.", null)
                { RecommendedAction = "Give -ArchivePath (or ArchivePath in the policy): the folder the copies are written to before anything is deleted." };
            return this;
        }
    }
}
