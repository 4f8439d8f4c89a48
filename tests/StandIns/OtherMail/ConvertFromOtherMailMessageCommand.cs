using System.Linq;
using System.Management.Automation;
using System.Reflection;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace OtherMail
{
    /// <summary>
    /// Parses a message file with this module's own MimeKit and, given -Server, opens a TLS connection with its own
    /// MailKit; reports which MailKit/MimeKit builds did the work.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "OtherMailMessage")]
    public sealed class ConvertFromOtherMailMessageCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public string Path { get; set; }

        [Parameter]
        public string Server { get; set; }

        [Parameter]
        public int Port { get; set; }

        protected override void ProcessRecord()
        {
            MimeMessage message = MimeMessage.Load(GetUnresolvedProviderPathFromPSPath(Path));
            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("Subject", message.Subject));
            result.Properties.Add(new PSNoteProperty("From", message.From.ToString()));
            result.Properties.Add(new PSNoteProperty("Parts", message.BodyParts.Count()));
            result.Properties.Add(new PSNoteProperty("MimeKit", Describe(typeof(MimeMessage).Assembly)));
            result.Properties.Add(new PSNoteProperty("MailKit", Describe(typeof(ImapClient).Assembly)));
            using (var client = new ImapClient())
            {
                if (!string.IsNullOrEmpty(Server))
                {
                    client.CheckCertificateRevocation = false;   // the test CA publishes no CRL
                    client.Connect(Server, Port, SecureSocketOptions.SslOnConnect);
                    result.Properties.Add(new PSNoteProperty("ImapCapabilities", client.Capabilities.ToString()));
                    client.Disconnect(true);
                }
            }
            WriteObject(result);
        }

        static string Describe(Assembly assembly) =>
            assembly.GetName().Version + " " + assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
    }
}
