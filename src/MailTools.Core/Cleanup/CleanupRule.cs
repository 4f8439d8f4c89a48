using System.Collections.Generic;
using MailTools.Core.Messages;

namespace MailTools.Core.Cleanup
{
    /// <summary>One clean-up rule: which folders, which messages, what to do.</summary>
    public sealed class CleanupRule
    {
        /// <summary>The name shown in -WhatIf, results and the deletion log ("(parameters)" when built from cmdlet parameters).</summary>
        public string Name { get; set; } = string.Empty;
        /// <summary>Folder names, wildcards, or special-use roles (@Trash, @Junk, @Sent, @Archive, @Drafts, @Inbox).</summary>
        public IList<string> Folders { get; set; } = new List<string>();
        /// <summary>Which messages the rule matches (server-side search plus exact time checks).</summary>
        public MessageQuery Query { get; set; } = new MessageQuery();
        /// <summary>What the rule does with what it matches.</summary>
        public CleanupAction Action { get; set; } = CleanupAction.Trash;
        /// <summary>The folder (name or role) for Move.</summary>
        public string? Destination { get; set; }
        /// <summary>Act on flagged (starred) messages too; off by default.</summary>
        public bool IncludeFlagged { get; set; }
        /// <summary>The policy line the rule starts on (0 when it came from parameters).</summary>
        public int Line { get; set; }

        /// <summary>The rule's name.</summary>
        public override string ToString() => Name;
    }
}
