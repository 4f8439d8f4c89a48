using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.InteropServices;
using MailTools.Core.Accounts;

namespace MailTools.Completers
{
    /// <summary>Tab completion for saved account names (reads the profile file; no network).</summary>
    public sealed class AccountNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            try
            {
                var store = new AccountStore(AccountStore.DefaultPath(Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows)));
                return store.Find(new[] { typed + "*" })
                    .Select(a => new CompletionResult(a.Name.IndexOf(' ') >= 0 ? "'" + a.Name.Replace("'", "''") + "'" : a.Name, a.Name,
                        CompletionResultType.ParameterValue, $"{a.UserName} on {a.Server}"))
                    .ToList();
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>(); // a broken profile file must not break typing
            }
        }
    }
}
