using System.Globalization;
using System.Linq;
using System.Management.Automation;
using MailTools.Completers;
using MailTools.Core.Errors;
using MailTools.Core.Messages;
using MailTools.Core.Sessions;
using MailTools.Core.Text;
using MailTools.Parameters;

namespace MailTools.Commands
{
    /// <summary>Get-MailMessage: messages matching a server-side search, streamed as their headers arrive.</summary>
    [Cmdlet(VerbsCommon.Get, "MailMessage")]
    [OutputType(typeof(MailMessage))]
    public sealed class GetMailMessageCommand : MailToolsCmdlet, IDynamicParameters
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        [Alias("FullName")]
        public string[]? Folder { get; set; }

        /// <summary>Folder names taken as they are: no character is a wildcard.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public string[]? LiteralFolder { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public MailSession? Session { get; set; }

        [Parameter] [ValidateNotNullOrEmpty] public string? GmailQuery { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; }

        /// <summary>-Before, -Since, -OlderThan, -From, -To, -Subject, -LargerThan, -SmallerThan, -Unread, -Read, -Flagged.</summary>
        readonly MessageFilterParameters _filter = new MessageFilterParameters();
        MessageQuery _query = new MessageQuery();

        bool _piped;

        public object GetDynamicParameters() => _filter;

        // A folder that is missing or hierarchy-only: skipped (verbose) when it came from the pipeline, an error when named.
        protected override void WriteCoreError(MailToolsException failure) => WriteFolderError(failure, _piped);

        protected override void Begin()
        {
            _query = Invoke(() =>
            {
                var query = MessageFilterParameters.Bind(MyInvocation.BoundParameters);
                query.GmailQuery = GmailQuery;
                return query;
            });
            string? empty = _query.EmptyRangeWarning("-");
            if (empty != null)
                WriteWarning(empty);
        }

        protected override void ProcessRecord()
        {
            var session = ResolveSession(Session);
            _piped = BoundFromPipeline(nameof(Folder));
            var folders = NamePattern.Combine(Folder, LiteralFolder);
            TryInvoke(() =>
            {
                // A dropped connection mid-listing: reconnect, list again, and write only what was not written yet.
                var messages = SessionResume.Stream(session, "the message listing", this, CancellationToken,
                    () => MessageFinder.Find(session, folders, _query, 0, this, CancellationToken), MessageKey);
                foreach (var message in First > 0 ? messages.Take(First) : messages)
                    WriteObject(message);
            }, session);
        }

        static string MessageKey(MailMessage m) =>
            m.Pop3Uid != null ? "pop3\u001f" + m.Pop3Uid : m.Folder + "\u001f" + m.UidValidity.ToString(CultureInfo.InvariantCulture) + "\u001f" + m.Uid.ToString(CultureInfo.InvariantCulture);
    }
}
