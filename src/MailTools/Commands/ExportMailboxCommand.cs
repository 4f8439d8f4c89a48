using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using MailTools.Completers;
using MailTools.Core.Errors;
using MailTools.Core.Export;
using MailTools.Core.Sessions;

namespace MailTools.Commands
{
    /// <summary>
    /// Export-Mailbox: a live account to Maildir, mbox or EML — incremental, resumable, verified, streaming.
    /// Folders (names or Get-MailFolder output), or exactly the messages piped from Get-MailMessage.
    /// </summary>
    [Cmdlet(VerbsData.Export, "Mailbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = FolderSet)]
    [OutputType(typeof(ExportResult))]
    public sealed class ExportMailboxCommand : MailToolsCmdlet
    {
        const string FolderSet = "Folder";
        const string MessageSet = "Message";
        readonly List<MailMessage> _messages = new List<MailMessage>();

        // By value too: `Get-MailAccount | Connect-MailServer | Export-Mailbox -Path D:\Archive` binds each session here
        // (an exact type match wins over turning the session into a folder name).
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public MailSession? Session { get; set; }

        /// <summary>Folder names, or MailFolder objects from Get-MailFolder (bound by their FullName).</summary>
        [Parameter(ParameterSetName = FolderSet, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[]? Folder { get; set; }

        /// <summary>Messages from Get-MailMessage: exactly these are exported (grouped per folder).</summary>
        [Parameter(ParameterSetName = MessageSet, Mandatory = true, ValueFromPipeline = true)]
        [Alias("Message")]
        public MailMessage[]? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter]
        public ExportFormat Format { get; set; } = ExportFormat.Maildir;

        [Parameter(ParameterSetName = FolderSet)]
        public DateTime Since { get; set; }

        [Parameter(ParameterSetName = FolderSet)]
        public DateTime Before { get; set; }

        [Parameter(ParameterSetName = FolderSet)]
        public SwitchParameter Full { get; set; }

        [Parameter]
        public SwitchParameter Verify { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public SwitchParameter DeleteAfterExport { get; set; }

        /// <summary>Connections to export different folders over at once (IMAP), within the account's -MaxConnections.
        /// Default 4: an export is bound by the client's parsing and writing, which each further connection overlaps
        /// (docs/benchmarks.md, Export: 0.75x mbsync over 2, 0.65x over 4, on loopback).</summary>
        [Parameter]
        [ValidateRange(1, ConnectionLanes.MaxLanes)]
        public int ConnectionCount { get; set; } = 4;

        protected override void Begin()
        {
            string? empty = NewOptionsRange().EmptyRangeWarning("-");
            if (empty != null)
                WriteWarning(empty);
        }

        MailTools.Core.Messages.MessageQuery NewOptionsRange() => new MailTools.Core.Messages.MessageQuery
        {
            Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? new DateTimeOffset(Since) : (DateTimeOffset?)null,
            Before = MyInvocation.BoundParameters.ContainsKey(nameof(Before)) ? new DateTimeOffset(Before) : (DateTimeOffset?)null,
        };

        protected override void ProcessRecord()
        {
            if (ParameterSetName == MessageSet)
            {
                // Collected and exported per folder at the end: one batch of UID FETCHes per folder, not per message.
                foreach (var m in InputObject ?? Array.Empty<MailMessage>())
                    if (m != null)
                        _messages.Add(m);
                return;
            }
            var session = ResolveSession(Session);
            string root = GetUnresolvedProviderPathFromPSPath(Path);
            if (!CheckDelete(session))
                return;
            var options = NewOptions(root, session);
            var folders = Folder ?? Invoke(() => MailboxExporter.AllFolders(session, this, CancellationToken), session);
            bool piped = BoundFromPipeline(nameof(Folder));
            // A plain export only adds files: the host does not ask per folder. Under -WhatIf it shows each folder's
            // plan instead (nothing is created under -Path); deleting (-DeleteAfterExport) is asked by Core.
            bool previewed = false;
            var approved = folders.Where(name => ShouldProcessUnasked(() =>
            {
                previewed = true;
                if (!TryFolder(() => ExportPreview.Folder(session, name, options, this, CancellationToken), name, piped, out var would))
                    return null;
                return ($"'{would.Folder}' of {Describe(session)} to {MailboxExporter.AccountRoot(root, session)}", would.Describe(Format));
            })).ToList();
            if (approved.Count > 0)
                ExportFolders(session, approved, options, piped);
            if (PassThru && !previewed)
                WriteObject(new DirectoryInfo(MailboxExporter.AccountRoot(root, session)));
        }

        // Each folder's outcome (Core runs them over up to -ConnectionCount connections) is written here as it comes, in
        // the folders' order: a folder that fails is an error record and the others go on.
        void ExportFolders(MailSession session, IList<string> folders, ExportOptions options, bool piped)
        {
            try
            {
                foreach (var outcome in MailboxExporter.ExportFolders(session, folders, options, ConnectionCount, this, CancellationToken))
                {
                    string name = folders[outcome.Index];
                    if (outcome.Error is MailToolsException notSelectable && notSelectable.ErrorId == ErrorIds.FolderNotSelectable)
                        WriteFolderError(notSelectable, piped);
                    else if (outcome.Error != null)
                        TryInvoke(() => ExceptionDispatchInfo.Capture(outcome.Error).Throw(), name);
                    else if (outcome.Value != null)   // no error: the job returned its result
                        Write(outcome.Value, session, name);
                }
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        // One folder's work: a hierarchy-only folder is skipped (piped) or reported (named) instead of stopping the run.
        private bool TryFolder<T>(Func<T> work, string name, bool piped, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value) where T : class
        {
            T? found = null;
            MailToolsException? notSelectable = null;
            bool ok = TryInvoke(() =>
            {
                try { found = work(); }
                catch (MailToolsException ex) when (ex.ErrorId == ErrorIds.FolderNotSelectable) { notSelectable = ex; }
            }, name);
            value = found;
            if (ok && notSelectable != null)
                WriteFolderError(notSelectable, piped);
            return ok && notSelectable == null && found != null;
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == MessageSet && _messages.Count > 0)
            {
                string root = GetUnresolvedProviderPathFromPSPath(Path);
                bool previewed = false;
                var accountRoots = new System.Collections.Generic.List<string>();
                foreach (var group in _messages.GroupBy(m => new { Session = m.Session ?? Session, m.Folder, m.UidValidity }))
                {
                    var session = ResolveSession(group.Key.Session);
                    string accountRoot = MailboxExporter.AccountRoot(root, session);
                    if (!accountRoots.Contains(accountRoot))
                        accountRoots.Add(accountRoot);
                    if (!CheckDelete(session))
                        continue;
                    // As for folders: no question per group; under -WhatIf the piped messages' sizes make the plan (no round trip).
                    if (!ShouldProcessUnasked(() =>
                        {
                            previewed = true;
                            var would = new ExportPreviewResult { Folder = group.Key.Folder, Messages = group.Count(), Bytes = group.Sum(m => m.Size) };
                            return ($"'{would.Folder}' of {Describe(session)} to {accountRoot}", would.Describe(Format) + " (the messages piped in; any already exported are skipped)");
                        }))
                        continue;
                    var options = NewOptions(root, session);
                    ExportResult? result = null;
                    if (TryInvoke(() => result = MailboxExporter.ExportMessages(session, group.Key.Folder, group.Key.UidValidity,
                            group.Where(m => m.Pop3Uid == null).Select(m => m.Uid), group.Where(m => m.Pop3Uid != null).Select(m => m.Pop3Uid!),   // ! : the Where keeps only POP3 messages
                            options, this, CancellationToken), group.Key.Folder) && result != null)
                        Write(result, session, group.Key.Folder);
                }
                if (PassThru && !previewed)
                    foreach (var accountRoot in accountRoots)
                        WriteObject(new DirectoryInfo(accountRoot));
            }
            base.EndProcessing();
        }

        bool CheckDelete(MailSession session)
        {
            if (!DeleteAfterExport || session.Protocol == MailProtocol.Pop3)
                return true;
            WriteMailError(new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                $"-DeleteAfterExport works over POP3 only; the {session} is IMAP.", session)
            { RecommendedAction = "Over IMAP, archive and delete with Invoke-MailCleanup's Archive action." });
            return false;
        }

        ExportOptions NewOptions(string root, MailSession session) => new ExportOptions
        {
            Path = root,
            Format = Format,
            Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? new DateTimeOffset(Since) : (DateTimeOffset?)null,
            Before = MyInvocation.BoundParameters.ContainsKey(nameof(Before)) ? new DateTimeOffset(Before) : (DateTimeOffset?)null,
            Full = Full,
            Verify = Verify,
            DeleteAfterExport = DeleteAfterExport,
        };

        void Write(ExportResult result, MailSession session, string name)
        {
            WriteObject(result);
            if (result.Verified == false)
                WriteMailError(new MailToolsException(ErrorIds.ExportVerifyFailed, MailErrorKind.InvalidData,
                    $"The export of '{name}' from {session.Account} in {result.Path} does not match its manifest (see the warnings above).", result)
                { RecommendedAction = "Run the same command again with -Full -Verify to rewrite the folder's export." });
        }
    }
}
