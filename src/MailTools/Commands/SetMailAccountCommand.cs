using System;
using System.Management.Automation;
using MailTools.Accounts;
using MailTools.Completers;

namespace MailTools.Commands
{
    /// <summary>Set-MailAccount: changes a saved profile; only the parameters given change. -Credential replaces the saved password.</summary>
    [Cmdlet(VerbsCommon.Set, "MailAccount", SupportsShouldProcess = true)]
    [OutputType(typeof(MailAccount))]
    public sealed class SetMailAccountCommand : MailToolsCmdlet, IDynamicParameters
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter] [ValidateNotNullOrEmpty] public string? Server { get; set; }
        [Parameter] [ValidateNotNullOrEmpty] public string? UserName { get; set; }
        [Parameter] public MailProtocol Protocol { get; set; }
        [Parameter] [ValidateRange(0, 65535)] public int Port { get; set; }
        [Parameter] public MailSecurity Security { get; set; }
        [Parameter] public string? Pop3Server { get; set; }
        [Parameter] [ValidateRange(0, 65535)] public int Pop3Port { get; set; }
        [Parameter] public string? SmtpServer { get; set; }
        [Parameter] [ValidateRange(0, 65535)] public int SmtpPort { get; set; }
        [Parameter] public string? DnsServer { get; set; }
        [Parameter] public SwitchParameter SkipCertificateCheck { get; set; }
        [Parameter] [Credential] public PSCredential? Credential { get; set; }
        [Parameter] public string? Vault { get; set; }
        /// <summary>-ClientId, -TenantId, -Scope, -Interactive, certificate or -ClientSecret, -TokenCachePath, the Google files: declared once.</summary>
        readonly SignInParameters _signIn = new SignInParameters();

        /// <summary>The shared sign-in parameters (see <see cref="SignInParameters"/>).</summary>
        public object GetDynamicParameters() => _signIn;

        /// <summary>Back to the password (or any method); the OAuth2 fields stay for a later switch.</summary>
        [Parameter] public SignInMethod SignIn { get; set; }
        [Parameter] public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var store = OpenAccountStore();
            TryInvoke(() =>
            {
                var account = store.Get(Name);
                var bound = MyInvocation.BoundParameters;
                if (bound.ContainsKey(nameof(Server))) account.Server = Server ?? account.Server;   // [ValidateNotNullOrEmpty]: never null once bound
                if (bound.ContainsKey(nameof(UserName))) account.UserName = UserName ?? account.UserName;
                if (bound.ContainsKey(nameof(Protocol))) account.Protocol = Protocol;
                if (bound.ContainsKey(nameof(Port))) account.Port = Port > 0 ? Port : (int?)null;
                if (bound.ContainsKey(nameof(Security))) account.Security = Security;
                if (bound.ContainsKey(nameof(Pop3Server))) account.Pop3Server = string.IsNullOrEmpty(Pop3Server) ? null : Pop3Server;
                if (bound.ContainsKey(nameof(Pop3Port))) account.Pop3Port = Pop3Port > 0 ? Pop3Port : (int?)null;
                if (bound.ContainsKey(nameof(SmtpServer))) account.SmtpServer = string.IsNullOrEmpty(SmtpServer) ? null : SmtpServer;
                if (bound.ContainsKey(nameof(SmtpPort))) account.SmtpPort = SmtpPort > 0 ? SmtpPort : (int?)null;
                if (bound.ContainsKey(nameof(DnsServer))) account.DnsServer = string.IsNullOrEmpty(DnsServer) ? null : DnsServer;
                if (bound.ContainsKey(nameof(SkipCertificateCheck))) account.SkipCertificateCheck = SkipCertificateCheck;
                if (bound.ContainsKey(nameof(Vault))) account.Vault = string.IsNullOrEmpty(Vault) ? null : Vault;
                var given = SignInParameters.GivenNames(bound);
                SignInParameters? signIn = null;
                if (given.Length > 0)
                {
                    // What was given replaces the saved value; the rest of the saved sign-in stays.
                    signIn = SavedSignIn.From(account);
                    foreach (var name in given)
                    {
                        var property = typeof(SignInParameters).GetProperty(name)!;   // GivenNames holds only its property names
                        property.SetValue(signIn, property.GetValue(_signIn));
                    }
                    // A new key file replaces the one in the vault; a new Google or Microsoft method leaves the old key behind.
                    signIn.GoogleServiceAccountKeyInVault &= !bound.ContainsKey(nameof(SignInParameters.GoogleClientSecretPath)) && !bound.ContainsKey(nameof(SignInParameters.ClientId));
                    SavedSignIn.Apply(account, this, signIn);
                }
                if (bound.ContainsKey(nameof(SignIn))) account.SignIn = SignIn;
                if (!ShouldProcess($"{account.Name} in {store.Path}", "Set mail account"))
                    return;
                if (signIn != null && (_signIn.ClientSecret != null || signIn.ServiceAccountKey != null))
                    SavedSignIn.StoreSecrets(this, store.Path, account, signIn);
                else if (Credential != null)
                {
                    account.CredentialStore = new CredentialVault(this, store.Path).Store(account, Credential);
                    if (account.CredentialStore == CredentialStore.None)
                        WriteWarning($"The password for '{account.Name}' was not saved: this computer has no SecretManagement vault. {CredentialVault.HowToGetAVault}");
                }
                account.Modified = DateTimeOffset.Now;
                store.Save(account, replace: true);
                if (PassThru)
                    WriteObject(account);
            }, Name);
        }
    }
}
