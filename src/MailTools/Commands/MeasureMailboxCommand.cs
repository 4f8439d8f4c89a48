using System.Management.Automation;
using MailTools.Core.Messages;
using MailTools.Core.Sessions;
using MailTools.Core.Statistics;
using MailTools.Parameters;

namespace MailTools.Commands
{
    /// <summary>
    /// Measure-Mailbox: what fills an account, grouped by folder, sender, domain, list, year, month, size band,
    /// attachment type or age (several values: their cross product, Sender × Year); one pass per folder, streaming,
    /// with Get-MailMessage's filters. Quota is Get-MailQuota's: one object per account, not a column on every row.
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

        /// <summary>Connections to measure different folders over at once (IMAP), within the account's -MaxConnections.</summary>
        [Parameter]
        [ValidateRange(1, ConnectionLanes.MaxLanes)]
        public int ConnectionCount { get; set; } = 2;

        /// <summary>Get-MailMessage's filters, declared once (see <see cref="MessageFilterParameters"/>).</summary>
        readonly MessageFilterParameters _filter = new MessageFilterParameters();
        MessageQuery? _query;

        public object GetDynamicParameters() => _filter;

        protected override void Begin()
        {
            _query = Invoke(() => MessageFilterParameters.Bind(MyInvocation.BoundParameters));
        }

        /// <summary>Each dimension's part of the key as a property named after it (Sender, Year): Where-Object, Sort-Object and Export-Csv see them.</summary>
        static PSObject WithParts(MailboxStatistic row, MailboxGroupBy[] by, System.Collections.Generic.IReadOnlyList<string> parts)
        {
            var o = PSObject.AsPSObject(row);
            for (int i = 0; i < by.Length; i++)
                o.Properties.Add(new PSNoteProperty(by[i].ToString(), parts[i]));
            return o;
        }

        protected override void EndProcessing()
        {
            try
            {
                foreach (var source in Sources())
                {
                    var by = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Distinct(GroupBy));
                    var options = new MeasureOptions
                    {
                        GroupBy = System.Array.Empty<MailboxGroupBy>(), CrossProduct = by, Folders = source.Value, Query = _query, ReadQuota = false,
                        ConnectionCount = ConnectionCount,
                    };
                    MailboxMeasurement? measured = null;
                    if (!TryInvoke(() => measured = MailboxMeasurer.Measure(source.Key, options, this, CancellationToken), source.Key) || measured == null)
                        continue;
                    foreach (var (row, parts) in measured.RowsWithParts(by, Top))
                        WriteObject(WithParts(row, by, parts));
                }
            }
            finally
            {
                DisconnectOwned();
            }
        }
    }
}
