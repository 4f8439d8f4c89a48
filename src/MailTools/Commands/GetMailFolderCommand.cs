using System.Management.Automation;
using MailTools.Completers;
using MailTools.Core.Folders;
using MailTools.Core.Text;

namespace MailTools.Commands
{
    /// <summary>Get-MailFolder: folders with message counts, unread counts and sizes ("what is filling my server?").</summary>
    [Cmdlet(VerbsCommon.Get, "MailFolder")]
    [OutputType(typeof(MailFolder))]
    public sealed class GetMailFolderCommand : MailToolsCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        [Alias("Folder")]
        public string[]? Name { get; set; }

        /// <summary>Folder names taken as they are: no character is a wildcard ("[Gmail]/Sent Mail", "Ne*").</summary>
        [Parameter]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        [Alias("LiteralFolder")]
        public string[]? LiteralName { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public MailSession? Session { get; set; }

        [Parameter]
        public SwitchParameter Recurse { get; set; }

        protected override void ProcessRecord()
        {
            // A session that fails (server gone, password changed) is a non-terminating error: the others go on.
            var session = ResolveSession(Session);
            FolderListing? listing = null;
            // `listing == null`: the compiler cannot see that a successful TryInvoke ran the assignment.
            if (!TryInvoke(() => listing = FolderLister.List(session, NamePattern.Combine(Name, LiteralName), Recurse, this, CancellationToken), session) || listing == null)
                return;
            foreach (var missing in listing.Missing)
                WriteMailError(missing);
            WriteObject(listing.Folders, enumerateCollection: true);
        }
    }
}
