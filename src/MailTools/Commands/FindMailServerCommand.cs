using System.Management.Automation;
using MailTools.Core.Discovery;
using MailTools.Discovery;

namespace MailTools.Commands
{
    /// <summary>
    /// Find-MailServer: the IMAP, POP3 and SMTP-submission settings for an address, best first, each with its source
    /// and what a connection proved (no login). Sources: autoconfig, ISPDB, MX, SRV, common host names.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "MailServer")]
    [OutputType(typeof(MailServerCandidate))]
    public sealed class FindMailServerCommand : MailToolsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("Address")]
        public string[] EmailAddress { get; set; } = null!;   // Mandatory: PowerShell binds it before ProcessRecord runs

        [Parameter]
        public MailServerProtocol[]? Protocol { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DnsServer { get; set; }

        [Parameter]
        public SwitchParameter AllowInsecureDiscovery { get; set; }

        [Parameter]
        public SwitchParameter Offline { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IspdbUrl { get; set; }

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSeconds { get; set; } = 30;

        protected override void Begin()
        {
            if (AllowInsecureDiscovery)
                WriteWarning("-AllowInsecureDiscovery: autoconfig files may be fetched over plain HTTP, which anyone on the network path can forge. Check the servers found before you send a password to them.");
        }

        protected override void ProcessRecord()
        {
            foreach (string address in EmailAddress)
            {
                var request = new DiscoveryOptions
                {
                    EmailAddress = address,
                    DnsServer = DnsServer,
                    AllowInsecureDiscovery = AllowInsecureDiscovery,
                    Offline = Offline,
                    IspdbUrl = IspdbUrl,
                    TimeoutSeconds = TimeoutSeconds,
                    Protocols = Protocol,
                };
                TryInvoke(() =>
                {
                    foreach (var candidate in MailServerFinder.Find(request, AddressDiscovery.Cache, this, CancellationToken))
                        WriteObject(candidate);
                }, address);
            }
        }
    }
}
