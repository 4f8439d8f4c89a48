using System.Management.Automation;
using MailTools.Core.Folders;

namespace MailTools.Commands
{
    /// <summary>
    /// Get-MailQuota: each account's storage against its quota (RFC 9208 / RFC 2087 GETQUOTAROOT), one object per account
    /// and quota root rather than a column repeated on Measure-Mailbox's rows; an account without a quota still gets its
    /// object (limits empty), so five accounts give five rows.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MailQuota", DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(MailQuota))]
    public sealed class GetMailQuotaCommand : MailboxSourceCommand
    {
        protected override void EndProcessing()
        {
            try
            {
                foreach (var source in Sources())
                {
                    System.Collections.Generic.IList<MailQuota>? quotas = null;
                    if (!TryInvoke(() => quotas = QuotaReader.ReadAll(source.Key, source.Value, this, CancellationToken), source.Key))
                        continue;
                    foreach (var quota in quotas!)
                        WriteObject(quota);
                }
            }
            finally
            {
                DisconnectOwned();
            }
        }
    }
}
