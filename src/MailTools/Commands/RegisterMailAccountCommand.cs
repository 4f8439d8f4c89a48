using System;
using System.Management.Automation;
using MailTools.Accounts;
using MailTools.Core.Errors;
using MailTools.Core.Discovery;
using MailTools.Discovery;

namespace MailTools.Commands
{
    /// <summary>Register-MailAccount: saves an account profile (never its password) and puts the password in a safe place.</summary>
    [Cmdlet(VerbsLifecycle.Register, "MailAccount", SupportsShouldProcess = true, DefaultParameterSetName = ServerSet)]
    [OutputType(typeof(MailAccount))]
    public sealed class RegisterMailAccountCommand : MailToolsCmdlet, IDynamicParameters
    {
        const string ServerSet = "Server";
        const string EmailSet = "EmailAddress";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(@"^[^\s*?\[\]`'""][^*?\[\]`'""]*$")]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = ServerSet, Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Server { get; set; }

        [Parameter(ParameterSetName = ServerSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EmailSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? UserName { get; set; }

        /// <summary>Find the servers from the address and store what was found (IMAP or POP3, the other one, SMTP).</summary>
        [Parameter(ParameterSetName = EmailSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? EmailAddress { get; set; }

        [Parameter(ParameterSetName = EmailSet)]
        [ValidateNotNullOrEmpty]
        public string? DnsServer { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MailProtocol Protocol { get; set; } = MailProtocol.Imap;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MailSecurity Security { get; set; } = MailSecurity.Auto;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Pop3Server { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Pop3Port { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Vault { get; set; }

        /// <summary>-ClientId, -TenantId, -Scope, -Interactive, certificate or -ClientSecret, -TokenCachePath, the Google files: declared once.</summary>
        readonly SignInParameters _signIn = new SignInParameters();

        /// <summary>The shared sign-in parameters (see <see cref="SignInParameters"/>).</summary>
        public object GetDynamicParameters() => _signIn;

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var store = OpenAccountStore();
            var now = DateTimeOffset.Now;
            if (ParameterSetName == EmailSet && string.IsNullOrEmpty(Server))
            {
                MailAccount? found = null;
                if (!TryInvoke(() => found = Discovered(), EmailAddress) || found == null)
                    return;
                Save(store, found, now);
                return;
            }
            if (ParameterSetName == EmailSet)
                WriteVerbose($"-Server {Server} given: no discovery for '{EmailAddress}'.");
            var account = new MailAccount
            {
                Name = Name ?? string.Empty,   // mandatory; AccountStore refuses an empty name or server
                Server = Server ?? string.Empty,
                Port = Port > 0 ? Port : (int?)null,
                Protocol = Protocol,
                Security = Security,
                UserName = UserName ?? EmailAddress ?? string.Empty,
                EmailAddress = EmailAddress,
                DnsServer = DnsServer,
                Pop3Server = string.IsNullOrEmpty(Pop3Server) ? null : Pop3Server,
                Pop3Port = Pop3Port > 0 ? Pop3Port : (int?)null,
                SkipCertificateCheck = SkipCertificateCheck,
                Vault = Vault,
                SecretName = MailAccount.SecretNameFor(Name ?? string.Empty),
                Created = now,
                Modified = now,
            };
            Save(store, account, now);
        }

        MailAccount Discovered()
        {
            var candidates = AddressDiscovery.Find(EmailAddress!, DnsServer, 30, this, CancellationToken);   // ! : mandatory in the EmailAddress set
            var account = DiscoveredAccount.Build(Name!, EmailAddress!, Protocol, candidates, DnsServer, this);   // ! : both mandatory here
            // What the user said wins over what was found.
            if (UserName is { Length: > 0 } user) account.UserName = user;
            if (Port > 0) account.Port = Port;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Security))) account.Security = Security;
            if (!string.IsNullOrEmpty(Pop3Server)) account.Pop3Server = Pop3Server;
            if (Pop3Port > 0) account.Pop3Port = Pop3Port;
            account.SkipCertificateCheck = SkipCertificateCheck;
            account.Vault = Vault;
            WriteVerbose($"Found for '{EmailAddress}': {account.Protocol} {account.Server}:{account.Port}"
                + (account.Pop3Server != null ? $", POP3 {account.Pop3Server}:{account.Pop3Port}" : string.Empty)
                + (account.SmtpServer != null ? $", SMTP {account.SmtpServer}:{account.SmtpPort}" : ", no verified SMTP server") + ".");
            return account;
        }

        void Save(MailTools.Core.Accounts.AccountStore store, MailAccount account, DateTimeOffset now)
        {
            account.Created = now;
            account.Modified = now;
            if (SignInParameters.GivenNames(MyInvocation.BoundParameters).Length > 0
                && !TryInvoke(() => SavedSignIn.Apply(account, this, _signIn), account))
                return;
            if (!ShouldProcess($"{account.Name} ({account.UserName} on {account.Server}) in {store.Path}", "Register mail account"))
                return;
            TryInvoke(() =>
            {
                store.Register(account, Force, StoreSecret);
                WriteVerbose($"Saved account '{account.Name}' in {store.Path} (sign-in: {account.SignIn}; secret: {account.CredentialStore}).");
                if (PassThru)
                    WriteObject(account);
            }, account);
        }

        // The vault is PowerShell's (SecretManagement), so the secret is stored from here, when AccountStore.Register says.
        void StoreSecret(MailAccount account)
        {
            var path = OpenAccountStore().Path;
            if (account.SignIn != SignInMethod.Password)
                SavedSignIn.StoreSecrets(this, path, account, _signIn);
            else if (Credential != null)
            {
                account.CredentialStore = new CredentialVault(this, path).Store(account, Credential);
                if (account.CredentialStore == CredentialStore.None)
                    WriteWarning($"The password for '{account.Name}' was not saved: this computer has no SecretManagement vault. Connect-MailServer -Account {account.Name} will ask for it. {CredentialVault.HowToGetAVault}");
            }
        }
    }
}
