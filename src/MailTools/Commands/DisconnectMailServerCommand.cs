using System.Management.Automation;

namespace MailTools.Commands
{
    /// <summary>Disconnect-MailServer: logs out and closes a session (the current one by default, or all with -All).</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "MailServer", DefaultParameterSetName = "Session")]
    [OutputType(typeof(void))]
    public sealed class DisconnectMailServerCommand : MailToolsCmdlet
    {
        [Parameter(ParameterSetName = "Session", Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public MailSession? Session { get; set; }

        [Parameter(ParameterSetName = "All", Mandatory = true)]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == "All")
            {
                foreach (var s in SessionRegistry.All)
                    Close(s);
                return;
            }
            // Nothing to close is not an error: scripts call this in finally blocks.
            var session = Session ?? SessionRegistry.Current;
            if (session == null)
            {
                WriteVerbose(SessionRegistry.All.Count == 0 ? "No mail session is open." : "No mail session is current (the last Connect-MailServer failed); pass -Session or -All.");
                return;
            }
            Close(session);
        }

        void Close(MailSession session)
        {
            WriteVerbose($"Disconnecting session {session.Id} ({session}).");
            session.Disconnect();
            SessionRegistry.Remove(session);
        }
    }
}
