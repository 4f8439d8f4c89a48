using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MailTools.Completers;
using MailTools.Core.Cleanup;
using MailTools.Parameters;
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
        public MailSession? Session { get; set; }

        [Parameter(ParameterSetName = RuleSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        [Alias("FullName")]
        public string[]? Folder { get; set; }

        /// <summary>Folder names taken as they are: no character is a wildcard.</summary>
        [Parameter(ParameterSetName = RuleSet)]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public string[]? LiteralFolder { get; set; }

        [Parameter(ParameterSetName = RuleSet)] public object? OlderThan { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public DateTime Before { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public DateTime Since { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public object? LargerThan { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public object? SmallerThan { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public string? From { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public string? To { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public string? Subject { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public SwitchParameter Read { get; set; }
        [Parameter(ParameterSetName = RuleSet)] public SwitchParameter Unread { get; set; }

        [Parameter(ParameterSetName = RuleSet)]
        public CleanupAction Action { get; set; } = CleanupAction.Trash;

        [Parameter(ParameterSetName = RuleSet)]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public string? Destination { get; set; }

        [Parameter(ParameterSetName = PolicySet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Policy { get; set; } = string.Empty;

        [Parameter] public SwitchParameter IncludeFlagged { get; set; }
        [Parameter] public string? ArchivePath { get; set; }
        [Parameter] public ExportFormat ArchiveFormat { get; set; } = ExportFormat.Maildir;
        [Parameter] public string? LogPath { get; set; }
        [Parameter] public SwitchParameter Force { get; set; }

        /// <summary>Connections to clean different folders over at once (an unattended run: -Force, no -LogPath), within -MaxConnections.</summary>
        [Parameter]
        [ValidateRange(1, ConnectionLanes.MaxLanes)]
        public int ConnectionCount { get; set; } = 2;

        CleanupRequest? _request;
        DeletionLog? _log;
        bool _unattended;
        readonly List<MailSession> _sessions = new List<MailSession>();
        readonly Dictionary<MailSession, List<string>> _folders = new Dictionary<MailSession, List<string>>();
        bool _folderPiped;

        protected override void Begin()
        {
            // Everything that can be wrong with the rules is found here, once, before any server is touched.
            _request = Invoke(() => ParameterSetName == PolicySet
                ? CleanupRequest.FromPolicy(ReadPolicy(GetUnresolvedProviderPathFromPSPath(Policy)), IncludeFlagged, LogPath, ArchivePath,
                    MyInvocation.BoundParameters.ContainsKey(nameof(ArchiveFormat)) ? ArchiveFormat : (ExportFormat?)null)
                : CleanupRequest.FromParameters(MessageFilterParameters.Bind(MyInvocation.BoundParameters), Action, Destination, IncludeFlagged,
                    LogPath, ArchivePath, ArchiveFormat));
            foreach (var warning in _request.Warnings)
                WriteWarning(warning);
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
            var request = _request!;   // set in Begin, which ends the command when it cannot
            // -Confirm asks even with -Force; otherwise -Force answers each folder yes unasked. -WhatIf is a preview with
            // or without -Force: nobody acts, so Core opens each folder read-only (EXAMINE), plans it in full (flagged and
            // \Deleted counted, not left out by the search) and the host shows that plan.
            bool force = Force && !MyInvocation.BoundParameters.ContainsKey("Confirm");
            _unattended = force && !WhatIfOn;
            var totals = new CleanupResult { Rule = "(total)" };
            try
            {
                // Created only when the host approves the first change (ShouldChange): a preview writes no log.
                if (request.LogPath != null)
                    _log = DeletionLog.Deferred(GetUnresolvedProviderPathFromPSPath(request.LogPath));
                foreach (var session in _sessions)
                {
                    var names = _folders[session];
                    if (ParameterSetName == RuleSet && names.Count == 0)
                    {
                        WriteMailError(new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                            $"No folder given for {session.Account}: Invoke-MailCleanup does not guess which folders to clean.", session)
                        { RecommendedAction = "Give -Folder (names, wildcards or roles such as @Trash), pipe Get-MailFolder output, or use -Policy." });
                        continue;
                    }
                    if (force)
                        WarnIfGuessed(session);   // before anything runs: also when nothing matches (and under -WhatIf)
                    var options = new CleanupOptions
                    {
                        ArchivePath = request.ArchivePath == null ? null : GetUnresolvedProviderPathFromPSPath(request.ArchivePath),
                        ArchiveFormat = request.ArchiveFormat,
                        Log = _log,
                        Unattended = _unattended,
                        ConnectionCount = ConnectionCount,
                    };
                    TryInvoke(() =>
                    {
                        foreach (var result in CleanupRunner.Run(session, request.RulesFor(names), options, this, CancellationToken))
                        {
                            totals.Matched += result.Matched;
                            totals.Acted += result.Acted;
                            totals.Bytes += result.Bytes;
                            totals.ActedBytes += result.ActedBytes;
                            totals.SkippedFlagged += result.SkippedFlagged;
                            totals.SkippedDeleted += result.SkippedDeleted;
                            totals.WhatIf |= result.WhatIf;
                            WriteObject(result);
                        }
                    }, session);
                }
            }
            finally
            {
                _log?.Dispose();
            }
            bool logged = _log != null && _log.Rows > 0;
            WriteVerbose($"Clean-up {(totals.WhatIf && totals.Acted == 0 ? "preview" : "done")}: {totals.Acted} of {totals.Matched} matched message(s) acted on ({CleanupPlan.FormatBytes(totals.ActedBytes)} of {CleanupPlan.FormatBytes(totals.Bytes)}); left alone {totals.SkippedFlagged} flagged and {totals.SkippedDeleted} marked \\Deleted by another client{(logged ? $"; {_log!.Rows} row(s) logged to {_log.Path}" : string.Empty)}.");
        }

        // Approval per folder, with the plan; the account is named as Describe does. -Force without -Confirm or -WhatIf
        // does not ask. The deletion log is created here, on the first yes, so that a log that cannot be written stops the run before
        // anything changes.
        protected override bool ShouldChange(MailSession session, string target, string action)
        {
            bool yes = _unattended
                ? ShouldProcessUnasked(() => ($"{Describe(session)} {target}", action))
                : ShouldProcess($"{Describe(session)} {target}", action);
            if (yes)
                _log?.EnsureOpen();
            return yes;
        }

        // A folder that matches nothing or is hierarchy-only: skipped (verbose) when it came from the pipeline.
        protected override void WriteCoreError(MailToolsException failure) => WriteFolderError(failure, _folderPiped);
    }
}
