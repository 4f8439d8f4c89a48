using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MailTools.Core.Text;

namespace MailTools.Completers
{
    /// <summary>
    /// Tab completion for folder names, from the folders the session last listed (no round trip while typing).
    /// Uses -Session when it is a variable already bound, else the current session.
    /// </summary>
    public sealed class FolderNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = fakeBoundParameters?["Session"] as MailSession ?? SessionRegistry.Current;
            if (session == null)
                return Enumerable.Empty<CompletionResult>();

            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new NamePattern(typed + "*");
            return session.KnownFolderNames
                .Where(pattern.IsMatch)
                .OrderBy(n => n, System.StringComparer.OrdinalIgnoreCase)
                .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n));
        }

        static string Quote(string name) =>
            name.IndexOfAny(new[] { ' ', '\'', '$', '`', '(', ')', '{', '}', ';', ',', '&', '@', '#' }) >= 0
                ? "'" + name.Replace("'", "''") + "'"
                : name;
    }
}
