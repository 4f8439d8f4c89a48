using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MailTools.Completers;
using MailTools.Core.Cleanup;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;
using MailTools.Core.Text;
using MailTools.Policy;

namespace MailTools.Commands
{
    /// <summary>
    /// Invoke-MailCleanup: rule-based clean-up of live accounts — a rule from parameters, or a policy file of rules —
    /// with a per-folder preview (-WhatIf), confirmation, batched UID commands and a CSV deletion log.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "MailCleanup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = RuleSet)]
    [OutputType(typeof(CleanupResult))]
    public sealed class InvokeMailCleanupCommand : MailToolsCmdlet
    {
        const string RuleSet = "Rule";
        const string PolicySet = "Policy";

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public MailSession Session { get; set; }

        [Parameter(ParameterSetName = RuleSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        [Alias("FullName")]
        public string[] Folder { get; set; }

        /// <summary>Folder names taken as they are: no character is a wildcard.</summary>
        [Parameter(ParameterSetName = RuleSet)]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public string[] LiteralFolder { get; set; }

        [Parameter(ParameterSetName = RuleSet)] public object OlderThan { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public DateTime Before { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public DateTime Since { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public object LargerThan { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public object SmallerThan { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public string From { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public string To { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public string Subject { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public SwitchParameter Read { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public SwitchParameter Unread { get; set; }

        [Parameter(ParameterSetName = RuleSet)]
        public CleanupAction Action { get; set; } = CleanupAction.Trash;

        [Parameter(ParameterSetName = RuleSet)]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public string Destination { get; set; }

        [Parameter(ParameterSetName = PolicySet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Policy { get; set; }

        [Parameter] public SwitchParameter IncludeFlagged { get; set; }
        [Parameter] public string ArchivePath { get; set; }
        [Parameter] public ExportFormat ArchiveFormat { get; set; } = ExportFormat.Maildir;
        [Parameter] public string LogPath { get; set; }
        [Parameter] public SwitchParameter Force { get; set; }

        /// <summary>Connections to clean different folders over at once (an unattended run: -Force, no -LogPath), within -MaxConnections.</summary>
        [Parameter]
        [ValidateRange(1, ConnectionLanes.MaxLanes)]
        public int ConnectionCount { get; set; } = 2;

        IList<CleanupRule> _rules;
        string _logPath;
        string _archivePath;
        ExportFormat _archiveFormat;
        readonly List<MailSession> _sessions = new List<MailSession>();
        readonly Dictionary<MailSession, List<string>> _folders = new Dictionary<MailSession, List<string>>();
        bool _folderPiped;

        protected override void Begin()
        {
            // Everything that can be wrong with the rules is found here, before any server is touched.
            if (ParameterSetName == PolicySet)
            {
                string path = GetUnresolvedProviderPathFromPSPath(Policy);
                var policy = Invoke(() => ReadPolicy(path));
                foreach (var rule in policy.Rules)
                    rule.IncludeFlagged |= IncludeFlagged;
                _rules = policy.Rules;
                string dir = Path.GetDirectoryName(path);
                _logPath = LogPath ?? (policy.LogPath == null ? null : Path.Combine(dir, policy.LogPath));
                _archivePath = ArchivePath ?? (policy.ArchivePath == null ? null : Path.Combine(dir, policy.ArchivePath));
                _archiveFormat = MyInvocation.BoundParameters.ContainsKey(nameof(ArchiveFormat)) ? ArchiveFormat : policy.ArchiveFormat ?? ExportFormat.Maildir;
            }
            else
            {
                var query = Invoke(() => QueryBinder.Build(MyInvocation.BoundParameters, this));
                if (!PolicyReader.HasCondition(query))
                    ThrowTerminatingError(ToErrorRecord(new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                        "Invoke-MailCleanup needs at least one condition, so that it never matches a whole folder by accident.", null)
                    { RecommendedAction = "Give -OlderThan, -Before, -Since, -LargerThan, -SmallerThan, -From, -To or -Subject (-OlderThan 0 means everything before today); -Read and -Unread narrow one of those." }));
                if (Action == CleanupAction.Move && string.IsNullOrEmpty(Destination))
                    ThrowTerminatingError(ToErrorRecord(new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                        "-Action Move needs -Destination <folder>.", null)));
                _rules = new List<CleanupRule>
                {
                    new CleanupRule { Name = "(parameters)", Query = query, Action = Action, Destination = Destination, IncludeFlagged = IncludeFlagged },
                };
                _logPath = LogPath;
                _archivePath = ArchivePath;
                _archiveFormat = ArchiveFormat;
            }
            foreach (var rule in _rules)
            {
                string empty = rule.Query.EmptyRangeWarning(ParameterSetName == PolicySet ? "" : "-");
                if (empty != null)
                    WriteWarning(ParameterSetName == PolicySet ? $"Rule '{rule.Name}' (line {rule.Line}): {empty}" : empty);
            }
            if (_logPath != null)
                _logPath = GetUnresolvedProviderPathFromPSPath(_logPath);
            if (_rules.Any(r => r.Action == CleanupAction.Archive) && string.IsNullOrEmpty(_archivePath))
                ThrowTerminatingError(ToErrorRecord(new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    "The Archive action needs -ArchivePath (or ArchivePath in the policy): the folder the copies are written to before anything is deleted.", null)));
        }

        internal static CleanupPolicy ReadPolicy(string path)
        {
            if (!File.Exists(path))
                throw new MailToolsException(ErrorIds.PolicyNotFound, MailErrorKind.ObjectNotFound, $"The policy file '{path}' does not exist.", path)
                { RecommendedAction = "Check the path given to -Policy." };
            PolicyNode root = string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase)
                ? JsonPolicyParser.Parse(File.ReadAllText(path), path)
                : PowerShellDataPolicy.Read(path);
            return PolicyReader.Read(root, path);
        }

        protected override void ProcessRecord()
        {
            var session = ResolveSession(Session);
            if (!_folders.TryGetValue(session, out var names))
            {
                _sessions.Add(session);
                _folders[session] = names = new List<string>();
            }
            var given = NamePattern.Combine(Folder, LiteralFolder);
            if (given != null)
                names.AddRange(given);
            _folderPiped |= BoundFromPipeline(nameof(Folder));
        }

        protected override void EndProcessing()
        {
            bool whatIf = WhatIfRequested;
            bool askAnyway = MyInvocation.BoundParameters.ContainsKey("Confirm");
            var totals = new CleanupResult { Rule = "(total)" };
            DeletionLog log = null;
            try
            {
                if (_logPath != null && !whatIf)
                    log = Invoke(() => DeletionLog.Open(_logPath));
                foreach (var session in _sessions)
                {
                    var rules = _rules;
                    if (ParameterSetName == RuleSet)
                    {
                        var names = _folders[session];
                        if (names.Count == 0)
                        {
                            WriteMailError(new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                                $"No folder given for {session.Account}: Invoke-MailCleanup does not guess which folders to clean.", session)
                            { RecommendedAction = "Give -Folder (names, wildcards or roles such as @Trash), pipe Get-MailFolder output, or use -Policy." });
                            continue;
                        }
                        rules = new List<CleanupRule> { CopyWithFolders(_rules[0], names) };
                    }
                    if (Force && !askAnyway && !whatIf)
                        WarnIfGuessed(session);
                    var options = new CleanupOptions
                    {
                        WhatIf = whatIf,
                        ArchivePath = _archivePath == null ? null : GetUnresolvedProviderPathFromPSPath(_archivePath),
                        ArchiveFormat = _archiveFormat,
                        Log = log,
                        ReportError = ex => WriteFolderError(ex, _folderPiped),
                        Unattended = Force && !askAnyway && !whatIf,
                        ConnectionCount = ConnectionCount,
                        Approve = plan =>
                        {
                            string target = $"{Describe(session)} {plan.Folder}";
                            if (Force && !askAnyway && !whatIf)
                                return true;
                            return ShouldProcess(target, plan.Describe());
                        },
                    };
                    TryInvoke(() =>
                    {
                        foreach (var result in CleanupRunner.Run(session, rules, options, this, CancellationToken))
                        {
                            totals.Matched += result.Matched;
                            totals.Acted += result.Acted;
                            totals.Bytes += result.Bytes;
                            totals.ActedBytes += result.ActedBytes;
                            totals.SkippedFlagged += result.SkippedFlagged;
                            totals.SkippedDeleted += result.SkippedDeleted;
                            WriteObject(result);
                        }
                    }, session);
                }
            }
            finally
            {
                log?.Dispose();
            }
            WriteVerbose($"Clean-up {(whatIf ? "preview" : "done")}: {totals.Acted} of {totals.Matched} matched message(s) acted on ({CleanupPlan.FormatBytes(totals.ActedBytes)} of {CleanupPlan.FormatBytes(totals.Bytes)}); left alone {totals.SkippedFlagged} flagged and {totals.SkippedDeleted} marked \\Deleted by another client{(log != null ? $"; {log.Rows} row(s) logged to {log.Path}" : string.Empty)}.");
        }

        static CleanupRule CopyWithFolders(CleanupRule rule, IList<string> folders) => new CleanupRule
        {
            Name = rule.Name,
            Folders = folders.Distinct(StringComparer.Ordinal).ToList(),
            Query = rule.Query,
            Action = rule.Action,
            Destination = rule.Destination,
            IncludeFlagged = rule.IncludeFlagged,
        };
    }
}
