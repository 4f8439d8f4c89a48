using System.Management.Automation;
using MailTools.Core.Sessions;

namespace MailTools.Commands
{
    /// <summary>Connect-MailServer: opens a logged-in IMAP or POP3 session and makes it the current one.</summary>
    [Cmdlet(VerbsCommunications.Connect, "MailServer")]
    [OutputType(typeof(MailSession))]
    public sealed class ConnectMailServerCommand : MailToolsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("ComputerName", "HostName")]
        public string Server { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MailProtocol Protocol { get; set; } = MailProtocol.Imap;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MailSecurity Security { get; set; } = MailSecurity.Auto;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter]
        public SwitchParameter AllowInsecureAuthentication { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ProtocolLogPath { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 60;

        protected override void ProcessRecord()
        {
            if (SkipCertificateCheck)
                WriteWarning($"Certificate checking is off for {Server}: anyone between you and the server could read the password and the mail. Use -SkipCertificateCheck only for a server you know.");

            var options = new ConnectionOptions
            {
                Server = Server,
                Port = Port > 0 ? Port : (int?)null,
                Protocol = Protocol,
                Security = Security,
                Credential = Credential.GetNetworkCredential(),
                SkipCertificateCheck = SkipCertificateCheck,
                AllowInsecureAuthentication = AllowInsecureAuthentication,
                ProtocolLogPath = string.IsNullOrEmpty(ProtocolLogPath) ? null : GetUnresolvedProviderPathFromPSPath(ProtocolLogPath),
                TimeoutSeconds = TimeoutSeconds,
            };

            var session = Invoke(() => SessionConnector.Connect(options, this, CancellationToken), Server);
            SessionRegistry.Add(session);
            WriteObject(session);
        }
    }
}
