#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System.Collections.Generic;
using MailTools.Core.Messages;

namespace MailTools.Core.Cleanup
{
    /// <summary>What a clean-up does with the messages a rule matches.</summary>
    public enum CleanupAction
    {
        /// <summary>Move to the account's Trash folder (RFC 6154 \Trash): the recoverable default.</summary>
        Trash,
        /// <summary>Remove for good: UID STORE +FLAGS.SILENT (\Deleted), then UID EXPUNGE of exactly those UIDs (RFC 4315).</summary>
        Delete,
        /// <summary>Move to -Destination: UID MOVE (RFC 6851), or COPY then an exact delete.</summary>
        Move,
        /// <summary>Write to -ArchivePath with the Export-Mailbox writer, verify, then delete exactly the verified messages.</summary>
        Archive,
    }

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

    /// <summary>A clean-up policy: ordered rules, and optionally where to archive and log.</summary>
    public sealed class CleanupPolicy
    {
        public IList<CleanupRule> Rules { get; } = new List<CleanupRule>();
        public string ArchivePath { get; set; }
        /// <summary>How Archive writes its copies; null = the cmdlet's -ArchiveFormat (Maildir by default).</summary>
        public ExportFormat? ArchiveFormat { get; set; }
        public string LogPath { get; set; }
        public string Source { get; set; }
    }
}
