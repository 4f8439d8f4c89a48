using System.Collections.Generic;
using System.Management.Automation;
using MailTools.Accounts;
using MailTools.Completers;

namespace MailTools.Commands
{
    /// <summary>
    /// Unregister-MailAccount: forgets saved profiles (names or wildcards) and removes their saved passwords. The
    /// mailboxes themselves are not touched. Asks for each account (ConfirmImpact High): a saved password is gone for good.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "MailAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class UnregisterMailAccountCommand : MailToolsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(AccountNameCompleter))]
        public string[] Name { get; set; } = null!;   // Mandatory: PowerShell binds it before ProcessRecord runs

        protected override void ProcessRecord()
        {
            var store = OpenAccountStore();
            var missing = new List<string>();
            IList<MailAccount>? accounts = null;
            // `accounts == null`: the compiler cannot see that a successful TryInvoke ran the assignment.
            if (!TryInvoke(() => accounts = store.Find(Name, missing), store.Path) || accounts == null)
                return;
            foreach (var name in missing)
                WriteMailError(store.NotFound(name));
            foreach (var account in accounts)
            {
                if (!ShouldProcess($"{account.Name} ({account.UserName} on {account.Server}) from {store.Path}", "Unregister mail account and remove its saved password"))
                    continue;
                TryInvoke(() =>
                {
                    new CredentialVault(this, store.Path).Remove(account);
                    store.Remove(account.Name);
                }, account);
            }
        }
    }
}
