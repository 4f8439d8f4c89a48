using System.Management.Automation;

namespace MailTools.Commands
{
    /// <summary>
    /// Get-MailRunSummary: how many accounts the MailTools commands of this runspace finished for and how many
    /// failed (and why). A scheduled script ends with `exit (Get-MailRunSummary).ExitCode`.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MailRunSummary")]
    [OutputType(typeof(RunSummary))]
    public sealed class GetMailRunSummaryCommand : MailToolsCmdlet
    {
        /// <summary>Start counting afresh (after writing the summary so far).</summary>
        [Parameter]
        public SwitchParameter Reset { get; set; }

        protected override void ProcessRecord()
        {
            WriteObject(SessionRegistry.Ledger.Summarize());
            if (Reset)
                SessionRegistry.Ledger.Reset();
        }
    }
}
