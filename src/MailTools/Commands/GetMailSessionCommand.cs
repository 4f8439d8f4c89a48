using System.Linq;
using System.Management.Automation;

namespace MailTools.Commands
{
    /// <summary>Get-MailSession: the sessions open in this runspace, or just the current one.</summary>
    [Cmdlet(VerbsCommon.Get, "MailSession", DefaultParameterSetName = "All")]
    [OutputType(typeof(MailSession))]
    public sealed class GetMailSessionCommand : MailToolsCmdlet
    {
        [Parameter(ParameterSetName = "Id", Position = 0)]
        public int[]? Id { get; set; }

        [Parameter(ParameterSetName = "Current", Mandatory = true)]
        public SwitchParameter Current { get; set; }

        protected override void ProcessRecord()
        {
            if (Current)
            {
                var current = SessionRegistry.Current;
                if (current != null)
                    WriteObject(current);
                return;
            }
            var all = SessionRegistry.All;
            var ids = Id;
            WriteObject(ids == null ? all : all.Where(s => ids.Contains(s.Id)), enumerateCollection: true);
        }
    }
}
