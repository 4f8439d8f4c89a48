#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System.Management.Automation;
using MailTools.Core.Messages;
using MailTools.Core.Statistics;

namespace MailTools.Commands
{
    /// <summary>
    /// Measure-Mailbox: what fills an account, grouped by folder, sender, domain, list, year, month, size band,
    /// attachment type or age; one pass per folder, streaming, with Get-MailMessage's filters.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Mailbox", DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(MailboxStatistic))]
    public sealed class MeasureMailboxCommand : MailboxSourceCommand
    {
        [Parameter(Position = 0)]
        public MailboxGroupBy[] GroupBy { get; set; } = { MailboxGroupBy.Folder };

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Top { get; set; }

        [Parameter] public System.DateTime Before { get; set; }
        [Parameter] public System.DateTime Since { get; set; }
        [Parameter] public object OlderThan { get; set; }
        [Parameter] public string From { get; set; }
        [Parameter] public string To { get; set; }
        [Parameter] public string Subject { get; set; }
        [Parameter] public object LargerThan { get; set; }
        [Parameter] public object SmallerThan { get; set; }
        [Parameter] public SwitchParameter Unread { get; set; }
        [Parameter] public SwitchParameter Read { get; set; }
        [Parameter] public SwitchParameter Flagged { get; set; }

        MessageQuery _query;

        protected override void Begin()
        {
            _query = Invoke(() => QueryBinder.Build(MyInvocation.BoundParameters, this));
        }

        protected override void EndProcessing()
        {
            try
            {
                foreach (var source in Sources())
                {
                    var options = new MeasureOptions { GroupBy = GroupBy, Folders = source.Value, Query = _query };
                    MailboxMeasurement measured = null;
                    if (!TryInvoke(() => measured = MailboxMeasurer.Measure(source.Key, options, this, CancellationToken, WriteFolderProblem), source.Key))
                        continue;
                    foreach (var by in System.Linq.Enumerable.Distinct(GroupBy))
                        foreach (var row in measured.Rows(by, Top))
                            WriteObject(row);
                }
            }
            finally
            {
                DisconnectOwned();
            }
        }
    }
}
