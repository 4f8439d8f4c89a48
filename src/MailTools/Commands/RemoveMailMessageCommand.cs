using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MailTools.Core.Cleanup;

namespace MailTools.Commands
{
    /// <summary>Remove-MailMessage: deletes the piped messages for good, per folder, with one UID STORE + UID EXPUNGE per UID-set chunk.</summary>
    [Cmdlet(VerbsCommon.Remove, "MailMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(CleanupResult))]
    public sealed class RemoveMailMessageCommand : MessageBatchCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Message")]
        public MailMessage[] InputObject { get => Messages; set => Messages = value; }

        [Parameter] public string? LogPath { get; set; }
        [Parameter] public SwitchParameter PassThru { get; set; }

        protected override string? DestinationFolder => null;
        protected override string Verb => "Remove (delete for good)";
        protected override string? Log => LogPath;
        protected override bool Pass => PassThru;
    }
}
