using System.Collections.Generic;
using System.Management.Automation;
using MailTools.Completers;

namespace MailTools.Commands
{
    /// <summary>Get-MailAccount: the saved account profiles, by name with wildcards.</summary>
    [Cmdlet(VerbsCommon.Get, "MailAccount")]
    [OutputType(typeof(MailAccount))]
    public sealed class GetMailAccountCommand : MailToolsCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(AccountNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var store = OpenAccountStore();
            var missing = new List<string>();
            var accounts = Invoke(() => store.Find(Name, missing), store.Path);
            foreach (var name in missing)
                WriteError(ToErrorRecord(store.NotFound(name), name));
            WriteObject(accounts, enumerateCollection: true);
        }
    }
}
