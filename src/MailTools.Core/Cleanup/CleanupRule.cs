#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System.Collections.Generic;
using MailTools.Core.Messages;

namespace MailTools.Core.Cleanup
{
    /// <summary>One clean-up rule: which folders, which messages, what to do.</summary>
    public sealed class CleanupRule
    {
        public string Name { get; set; }
        /// <summary>Folder names, wildcards, or special-use roles (@Trash, @Junk, @Sent, @Archive, @Drafts, @Inbox).</summary>
        public IList<string> Folders { get; set; } = new List<string>();
        public MessageQuery Query { get; set; } = new MessageQuery();
        public CleanupAction Action { get; set; } = CleanupAction.Trash;
        /// <summary>The folder (name or role) for Move.</summary>
        public string Destination { get; set; }
        /// <summary>Act on flagged (starred) messages too; off by default.</summary>
        public bool IncludeFlagged { get; set; }
        /// <summary>The policy line the rule starts on (0 when it came from parameters).</summary>
        public int Line { get; set; }

        public override string ToString() => Name;
    }
}
