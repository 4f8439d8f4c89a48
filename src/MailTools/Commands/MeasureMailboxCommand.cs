#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System.Management.Automation;
using MailTools.Core.Messages;
using MailTools.Core.Statistics;
using MailTools.Parameters;

namespace MailTools.Commands
{
    /// <summary>
    /// Measure-Mailbox: what fills an account, grouped by folder, sender, domain, list, year, month, size band,
    /// attachment type or age; one pass per folder, streaming, with Get-MailMessage's filters.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Mailbox", DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(MailboxStatistic))]
    public sealed class MeasureMailboxCommand : MailboxSourceCommand, IDynamicParameters
    {
        [Parameter(Position = 0)]
        public MailboxGroupBy[] GroupBy { get; set; } = { MailboxGroupBy.Folder };

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Top { get; set; }

        /// <summary>Get-MailMessage's filters, declared once (see <see cref="MessageFilterParameters"/>).</summary>
        readonly MessageFilterParameters _filter = new MessageFilterParameters();
        MessageQuery _query;

        public object GetDynamicParameters() => _filter;

        protected override void Begin()
        {
            _query = Invoke(() => MessageFilterParameters.Bind(MyInvocation.BoundParameters));
        }

        protected override void EndProcessing()
        {
            try
            {
                foreach (var source in Sources())
                {
                    var options = new MeasureOptions { GroupBy = GroupBy, Folders = source.Value, Query = _query };
                    MailboxMeasurement measured = null;
                    if (!TryInvoke(() => measured = MailboxMeasurer.Measure(source.Key, options, this, CancellationToken), source.Key))
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
