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
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// SpecialUse member of MailTools.types.ps1xml (JSON, CSV and views get "Inbox").</summary>
        internal MailSpecialUse SpecialUse { get; set; }
        public string Account { get; set; }
        /// <summary>The session the object came from: internal so ConvertTo-Json/Export-Csv never embed a live connection;
        /// PowerShell still binds it by property name through the hidden Session member of MailTools.types.ps1xml.</summary>
        internal MailSession Session { get; set; }
        public char Separator { get; set; }
        public uint UidValidity { get; set; }
        /// <summary>False for a \Noselect folder that only holds other folders.</summary>
        public bool IsSelectable { get; set; } = true;

        public override string ToString() => FullName;
    }
}
