using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MailTools.Accounts;
using MailTools.Completers;
using MailTools.Core.Accounts;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;
using MailTools.Core.Discovery;
using MailTools.Discovery;

namespace MailTools.Commands
{
    /// <summary>
    /// Test-MailAccount: connects to each saved account, logs in and totals its folders. A failing account is a
    /// result with Success = false and the reason, never an exception, so one bad account never hides the others.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "MailAccount", DefaultParameterSetName = "Name")]
    [OutputType(typeof(AccountTestResult))]
    public sealed class TestMailAccountCommand : MailToolsCmdlet
    {
        [Parameter(ParameterSetName = "Name", Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(AccountNameCompleter))]
        public string[]? Name { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>A token made elsewhere, used instead of the saved sign-in.</summary>
        [Parameter]
        [ValidateNotNull]
        public System.Security.SecureString? AccessToken { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 30;

        /// <summary>Test an address without a saved account: its servers come from discovery (Find-MailServer).</summary>
        [Parameter(ParameterSetName = "EmailAddress", Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? EmailAddress { get; set; }

        [Parameter(ParameterSetName = "EmailAddress")]
        [ValidateNotNullOrEmpty]
        public string? DnsServer { get; set; }

        /// <summary>Also check sending: SMTP submission (465/587), TLS, certificate, AUTH; never sends a message.</summary>
        [Parameter]
        public SwitchParameter Smtp { get; set; }

        protected override void ProcessRecord()
        {
            var store = OpenAccountStore();
            if (ParameterSetName == "EmailAddress")
            {
                TestAddress(store);
                return;
            }
            var missing = new List<string>();
            var accounts = Invoke(() => store.Find(Name, missing), store.Path);
            foreach (var name in missing)
                WriteError(ToErrorRecord(store.NotFound(name), name));
            int done = 0;
            foreach (var account in accounts)
            {
                WriteProgress(new ProgressRecord(1, "Testing mail accounts", account.Name) { PercentComplete = done++ * 100 / Math.Max(1, accounts.Count) });
                WriteObject(Test(store, account));
            }
            WriteProgress(new ProgressRecord(1, "Testing mail accounts", "Done") { RecordType = ProgressRecordType.Completed });
        }

        // The account is built from the best verified candidates and tested like a saved one; nothing is saved.
        void TestAddress(AccountStore store)
        {
            if (Credential == null)
                ThrowTerminatingError(ToErrorRecord(new MailToolsException(ErrorIds.CredentialMissing, MailErrorKind.InvalidArgument,
                    $"Test-MailAccount -EmailAddress {EmailAddress} needs -Credential: there is no saved account to take the password from.", EmailAddress)
                { RecommendedAction = "Add -Credential (Get-Credential), or save the account with Register-MailAccount -EmailAddress first." }));
            MailAccount? account = null;
            if (!TryInvoke(() =>
            {
                var candidates = AddressDiscovery.Find(EmailAddress!, DnsServer, TimeoutSeconds, this, CancellationToken);   // ! : mandatory in the EmailAddress set
                account = DiscoveredAccount.Build(EmailAddress!, EmailAddress!, MailProtocol.Imap, candidates, DnsServer, this);   // ! : mandatory in the EmailAddress set
                account.UserName = Credential!.UserName;   // ! : refused above without -Credential
            }, EmailAddress) || account == null)
                return;
            WriteObject(Test(store, account));
        }

        AccountTestResult Test(AccountStore store, MailAccount account)
        {
            var request = new AccountTestRequest(account, () => AccountCredentials.Resolve(this, store.Path, account, Credential, allowPrompt: false).GetNetworkCredential())
            {
                AccessToken = AccessToken, TimeoutSeconds = TimeoutSeconds, Interactive = SignInParameters.IsInteractiveSession(), Smtp = Smtp,
            };
            var result = Invoke(() => AccountTester.Test(request, this, CancellationToken), account);
            if (result.Success)
                RecordSuccess(account.Name);
            else
                SessionRegistry.Ledger.Failed(account.Name, MyInvocation.MyCommand.Name, result.ErrorId, result.Error);
            return result;
        }
    }
}
