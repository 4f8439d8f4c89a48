using System.Management.Automation;
using MailTools.Accounts;
using MailTools.Completers;

namespace MailTools.Commands
{
    /// <summary>Unregister-MailAccount: forgets a saved profile and removes its saved password. The mailbox itself is not touched.</summary>
    [Cmdlet(VerbsLifecycle.Unregister, "MailAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class UnregisterMailAccountCommand : MailToolsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNameCompleter))]
        public string Name { get; set; }

        protected override void ProcessRecord()
        {
            var store = OpenAccountStore();
            TryInvoke(() =>
            {
                var account = store.Get(Name);
                if (!ShouldProcess($"{account.Name} ({account.UserName} on {account.Server}) from {store.Path}", "Unregister mail account"))
                    return;
                new CredentialVault(this, store.Path).Remove(account);
                store.Remove(account.Name);
            }, Name);
        }
    }
}
