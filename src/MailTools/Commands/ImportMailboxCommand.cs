using System.Management.Automation;
using MailTools.Core.Export;

namespace MailTools.Commands
{
    /// <summary>Import-Mailbox: the restore path — an mbox file, a Maildir tree or .eml files into IMAP folders.</summary>
    [Cmdlet(VerbsData.Import, "Mailbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = FolderSet)]
    [OutputType(typeof(ImportResult))]
    public sealed class ImportMailboxCommand : MailToolsCmdlet
    {
        const string FolderSet = "Folder";
        const string LiteralSet = "LiteralFolder";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;   // Mandatory: PowerShell binds it before ProcessRecord runs

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MailSession? Session { get; set; }

        [Parameter(Position = 1, ParameterSetName = FolderSet)]
        [ValidateNotNullOrEmpty]
        public string? Folder { get; set; }

        /// <summary>The target folder's exact name, for a name that really contains * % or ? (which -Folder refuses).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralSet)]
        [ValidateNotNullOrEmpty]
        public string? LiteralFolder { get; set; }   // Mandatory in its own parameter set only

        [Parameter]
        public ExportFormat Format { get; set; }

        [Parameter]
        public SwitchParameter AllowDuplicates { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession(Session);
            var options = new ImportOptions
            {
                Path = GetUnresolvedProviderPathFromPSPath(Path),
                Format = MyInvocation.BoundParameters.ContainsKey(nameof(Format)) ? Format : (ExportFormat?)null,
                Folder = ParameterSetName == LiteralSet ? LiteralFolder : Folder,
                LiteralFolder = ParameterSetName == LiteralSet,
                AllowDuplicates = AllowDuplicates,
            };
            System.Collections.Generic.IList<ImportResult>? results = null;
            // `results != null`: the compiler cannot see that a successful TryInvoke ran the assignment.
            if (TryInvoke(() => results = MailboxImporter.Import(session, options, this, CancellationToken), Path) && results != null)
                WriteObject(results, enumerateCollection: true);
        }
    }
}
