using System;
using System.IO;
using System.Management.Automation;
using MailTools.Completers;
using MailTools.Core.Errors;
using MailTools.Core.Export;

namespace MailTools.Commands
{
    /// <summary>Export-Mailbox: a live account to Maildir, mbox or EML — incremental, resumable, verified, streaming.</summary>
    [Cmdlet(VerbsData.Export, "Mailbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ExportResult))]
    public sealed class ExportMailboxCommand : MailToolsCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MailSession Session { get; set; }

        /// <summary>Folder names, or MailFolder objects from Get-MailFolder (bound by their FullName).</summary>
        [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Folder { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        [Parameter]
        public ExportFormat Format { get; set; } = ExportFormat.Maildir;

        [Parameter]
        public DateTime Since { get; set; }

        [Parameter]
        public DateTime Before { get; set; }

        [Parameter]
        public SwitchParameter Full { get; set; }

        [Parameter]
        public SwitchParameter Verify { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public SwitchParameter DeleteAfterExport { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession(Session);
            string root = GetUnresolvedProviderPathFromPSPath(Path);
            if (DeleteAfterExport && session.Protocol != MailProtocol.Pop3)
            {
                WriteMailError(new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    $"-DeleteAfterExport works over POP3 only; the {session} is IMAP.", session)
                { RecommendedAction = "Over IMAP, archive and delete with Invoke-MailCleanup's Archive action." });
                return;
            }
            var options = new ExportOptions
            {
                Path = root,
                Format = Format,
                Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? new DateTimeOffset(Since) : (DateTimeOffset?)null,
                Before = MyInvocation.BoundParameters.ContainsKey(nameof(Before)) ? new DateTimeOffset(Before) : (DateTimeOffset?)null,
                Full = Full,
                Verify = Verify,
                DeleteAfterExport = DeleteAfterExport,
                ConfirmDelete = what => ShouldProcess(what, "Delete from the server"),
            };
            var folders = Folder ?? Invoke(() => MailboxExporter.AllFolders(session, this, CancellationToken), session);
            foreach (var name in folders)
            {
                ExportResult result = null;
                if (!TryInvoke(() => result = MailboxExporter.ExportFolder(session, name, options, this, CancellationToken), name))
                    continue;
                WriteObject(result);
                if (result.Verified == false)
                    WriteMailError(new MailToolsException(ErrorIds.ExportVerifyFailed, MailErrorKind.InvalidData,
                        $"The export of '{name}' from {session.Account} in {result.Path} does not match its manifest (see the warnings above).", result)
                    { RecommendedAction = "Run the same command again with -Full -Verify to rewrite the folder's export." });
            }
            if (PassThru)
                WriteObject(new DirectoryInfo(root));
        }
    }
}
