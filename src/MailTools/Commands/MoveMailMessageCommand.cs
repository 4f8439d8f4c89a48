using System.Management.Automation;
using MailTools.Completers;

namespace MailTools.Commands
{
    /// <summary>Move-MailMessage: moves the piped messages to another folder, per folder, with UID MOVE (RFC 6851) or COPY + exact delete.</summary>
    [Cmdlet(VerbsCommon.Move, "MailMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CleanupResult))]
    public sealed class MoveMailMessageCommand : MessageBatchCommand
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [Alias("Message")]
        public MailMessage[] InputObject { get => Messages; set => Messages = value; }

        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = null!;   // Mandatory: PowerShell binds it before ProcessRecord runs

        [Parameter] public string? LogPath { get; set; }
        [Parameter] public SwitchParameter PassThru { get; set; }

        protected override string DestinationFolder => Destination;
        protected override string Verb => "Move";
        protected override string? Log => LogPath;
        protected override bool Pass => PassThru;
    }
}
