#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
namespace MailTools
{
    /// <summary>The role a folder plays, from the server's special-use attributes (RFC 6154), whatever its localised name.</summary>
    public enum MailSpecialUse
    {
        None,
        Inbox,
        Sent,
        Drafts,
        Trash,
        Junk,
        Archive,
        All,
        Flagged,
    }

    /// <summary>One server folder with its counts and size (MailTools.MailFolder).</summary>
    public sealed class MailFolder
    {
        public string Name { get; set; }
        public string FullName { get; set; }
        public int Count { get; set; }
        /// <summary>Unseen messages; null over POP3, which has no read state.</summary>
        public int? Unread { get; set; }
        /// <summary>Total size in bytes (RFC822.SIZE, as the server counts it).</summary>
        public long Size { get; set; }
        public MailSpecialUse SpecialUse { get; set; }
        public string Account { get; set; }
        public MailSession Session { get; set; }
        public char Separator { get; set; }
        public uint UidValidity { get; set; }
        /// <summary>False for a \Noselect folder that only holds other folders.</summary>
        public bool IsSelectable { get; set; } = true;

        public override string ToString() => FullName;
    }
}
