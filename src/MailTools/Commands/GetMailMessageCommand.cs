#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Management.Automation;
using MailTools.Completers;
using MailTools.Core.Errors;
using MailTools.Core.Messages;
using MailTools.Core.Text;

namespace MailTools.Commands
{
    /// <summary>Get-MailMessage: messages matching a server-side search, streamed as their headers arrive.</summary>
    [Cmdlet(VerbsCommon.Get, "MailMessage")]
    [OutputType(typeof(MailMessage))]
    public sealed class GetMailMessageCommand : MailToolsCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        [Alias("FullName")]
        public string[] Folder { get; set; }

        /// <summary>Folder names taken as they are: no character is a wildcard.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public string[] LiteralFolder { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public MailSession Session { get; set; }

        [Parameter] public DateTime Before { get; set; }
        [Parameter] public DateTime Since { get; set; }
        [Parameter] public object OlderThan { get; set; }
        [Parameter] public string From { get; set; }
        [Parameter] public string To { get; set; }
        [Parameter] public string Subject { get; set; }
        [Parameter] public object LargerThan { get; set; }
        [Parameter] public object SmallerThan { get; set; }
        [Parameter] public SwitchParameter Unread { get; set; }
        [Parameter] public SwitchParameter Read { get; set; }
        [Parameter] public SwitchParameter Flagged { get; set; }
        [Parameter] [ValidateNotNullOrEmpty] public string GmailQuery { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; }

        MessageQuery _query;

        protected override void Begin()
        {
            _query = Invoke(() => QueryBinder.Build(MyInvocation.BoundParameters, this));
            string empty = _query.EmptyRangeWarning("-");
            if (empty != null)
                WriteWarning(empty);
        }

        protected override void ProcessRecord()
        {
            var session = ResolveSession(Session);
            bool piped = BoundFromPipeline(nameof(Folder));
            var folders = NamePattern.Combine(Folder, LiteralFolder);
            TryInvoke(() =>
            {
                foreach (var message in MessageFinder.Find(session, folders, _query, First, this, CancellationToken, ex => WriteFolderError(ex, piped)))
                    WriteObject(message);
            }, session);
        }
    }

    /// <summary>Turns the shared search parameters into a MessageQuery, with the shared age/size parsers' errors.</summary>
    internal static class QueryBinder
    {
        public static MessageQuery Build(System.Collections.Generic.IDictionary<string, object> bound, PSCmdlet cmdlet)
        {
            var q = new MessageQuery();
            if (bound.TryGetValue("Before", out var before)) q.Before = new DateTimeOffset((DateTime)before);
            if (bound.TryGetValue("Since", out var since)) q.Since = new DateTimeOffset((DateTime)since);
            if (bound.TryGetValue("OlderThan", out var age)) q.OlderThan = AgeParser.Parse(Unwrap(age), "-OlderThan");
            if (bound.TryGetValue("LargerThan", out var larger)) q.LargerThan = SizeParser.Parse(Unwrap(larger), "-LargerThan");
            if (bound.TryGetValue("SmallerThan", out var smaller)) q.SmallerThan = SizeParser.Parse(Unwrap(smaller), "-SmallerThan");
            if (bound.TryGetValue("From", out var from)) q.From = (string)from;
            if (bound.TryGetValue("To", out var to)) q.To = (string)to;
            if (bound.TryGetValue("Subject", out var subject)) q.Subject = (string)subject;
            if (bound.TryGetValue("GmailQuery", out var raw)) q.GmailQuery = (string)raw;
            q.Unread = bound.TryGetValue("Unread", out var u) && ((SwitchParameter)u).IsPresent;
            q.Read = bound.TryGetValue("Read", out var r) && ((SwitchParameter)r).IsPresent;
            q.Flagged = bound.TryGetValue("Flagged", out var f) && ((SwitchParameter)f).IsPresent;
            if (q.Read && q.Unread)
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    "-Read and -Unread together match nothing.", null)
                { RecommendedAction = "Give one of -Read or -Unread." };
            return q;
        }

        static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
