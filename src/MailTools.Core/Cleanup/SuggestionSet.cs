using System.Collections.Generic;

namespace MailTools.Core.Cleanup
{
    /// <summary>What the advisor found for one account: the suggestions and the policy that carries them out.</summary>
    public sealed class SuggestionSet
    {
        /// <summary>The suggested rules for one account, each with what it would remove.</summary>
        public IList<MailCleanupSuggestion> Suggestions { get; } = new List<MailCleanupSuggestion>();
        /// <summary>The rules in the order the suggestions list them (a message is acted on by the first rule only).</summary>
        public CleanupPolicy Policy { get; } = new CleanupPolicy();
    }
}
