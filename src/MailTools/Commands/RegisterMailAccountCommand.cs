using System;
using System.Management.Automation;
using MailTools.Accounts;
using MailTools.Core.Errors;

namespace MailTools.Commands
{
    /// <summary>Register-MailAccount: saves an account profile (never its password) and puts the password in a safe place.</summary>
    [Cmdlet(VerbsLifecycle.Register, "MailAccount", SupportsShouldProcess = true)]
    [OutputType(typeof(MailAccount))]
    public sealed class RegisterMailAccountCommand : MailToolsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(@"^[^\s*?\[\]`'""][^*?\[\]`'""]*$")]
        public string Name { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Server { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string UserName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MailProtocol Protocol { get; set; } = MailProtocol.Imap;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MailSecurity Security { get; set; } = MailSecurity.Auto;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Pop3Server { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Pop3Port { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Vault { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string TenantId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Scope { get; set; }

        [Parameter]
        public SwitchParameter Interactive { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string CertificateThumbprint { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string CertificatePath { get; set; }

        [Parameter]
        [ValidateNotNull]
        public System.Security.SecureString ClientSecret { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string TokenCachePath { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var store = OpenAccountStore();
            var now = DateTimeOffset.Now;
            var account = new MailAccount
            {
                Name = Name,
                Server = Server,
                Port = Port > 0 ? Port : (int?)null,
                Protocol = Protocol,
                Security = Security,
                UserName = UserName,
                Pop3Server = string.IsNullOrEmpty(Pop3Server) ? null : Pop3Server,
                Pop3Port = Pop3Port > 0 ? Pop3Port : (int?)null,
                SkipCertificateCheck = SkipCertificateCheck,
                Vault = Vault,
                SecretName = MailAccount.SecretNameFor(Name),
                Created = now,
                Modified = now,
            };
            if (!string.IsNullOrEmpty(ClientId))
                SavedSignIn.Apply(account, this, ClientId, TenantId, Scope, Interactive, CertificateThumbprint, CertificatePath, ClientSecret != null, TokenCachePath);

            if (!ShouldProcess($"{Name} ({UserName} on {Server}) in {store.Path}", "Register mail account"))
                return;
            TryInvoke(() =>
            {
                var existing = store.Find(new[] { Name });   // also proves the file is readable before anything is written
                if (existing.Count > 0 && !Force)
                    throw new MailToolsException(ErrorIds.AccountExists, MailErrorKind.InvalidOperation,
                        $"An account named '{Name}' is already saved in '{store.Path}'.", Name)
                    { RecommendedAction = "Change it with Set-MailAccount, or add -Force to replace it." };
                if (existing.Count > 0)
                    account.Created = existing[0].Created;

                if (ClientSecret != null)
                    SavedSignIn.StoreSecret(this, store.Path, account, ClientSecret);
                else if (Credential != null)
                {
                    account.CredentialStore = new CredentialVault(this, store.Path).Store(account, Credential);
                    if (account.CredentialStore == CredentialStore.None)
                        WriteWarning($"The password for '{Name}' was not saved: this computer has no SecretManagement vault. Connect-MailServer -Account {Name} will ask for it. {CredentialVault.HowToGetAVault}");
                }
                store.Save(account, replace: true);
                WriteVerbose($"Saved account '{Name}' in {store.Path} (sign-in: {account.SignIn}; secret: {account.CredentialStore}).");
                if (PassThru)
                    WriteObject(account);
            }, account);
        }
    }
}
