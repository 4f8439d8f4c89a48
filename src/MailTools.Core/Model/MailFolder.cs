namespace MailTools
{
    /// <summary>The role a folder plays, from the server's special-use attributes (RFC 6154), whatever its localised name.</summary>
    public enum MailSpecialUse
    {
        /// <summary>No special use.</summary>
        None,
        /// <summary>The inbox.</summary>
        Inbox,
        /// <summary>Sent messages.</summary>
        Sent,
        /// <summary>Drafts.</summary>
        Drafts,
        /// <summary>Deleted messages.</summary>
        Trash,
        /// <summary>Spam.</summary>
        Junk,
        /// <summary>Archived messages.</summary>
        Archive,
        /// <summary>Every message (Gmail's All Mail).</summary>
        All,
        /// <summary>Every flagged message (a virtual folder).</summary>
        Flagged,
    }

    /// <summary>One server folder with its counts and size (MailTools.MailFolder).</summary>
    public sealed class MailFolder
    {
        /// <summary>The last part of the name.</summary>
        public string Name { get; set; } = string.Empty;
        /// <summary>The full path on the server, with its separator.</summary>
        public string FullName { get; set; } = string.Empty;
        /// <summary>How many messages it holds.</summary>
        public int Count { get; set; }
        /// <summary>Unseen messages; null over POP3, which has no read state.</summary>
        public int? Unread { get; set; }
        /// <summary>Total size in bytes (RFC822.SIZE, as the server counts it).</summary>
        public long Size { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// SpecialUse member of MailTools.types.ps1xml (JSON, CSV and views get "Inbox").</summary>
        internal MailSpecialUse SpecialUse { get; set; }
        /// <summary>The account (session name) it belongs to.</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The session the object came from: internal so ConvertTo-Json/Export-Csv never embed a live connection;
        /// PowerShell still binds it by property name through the hidden Session member of MailTools.types.ps1xml.</summary>
        internal MailSession? Session { get; set; }
        /// <summary>The server's hierarchy separator ('/' or '.').</summary>
        public char Separator { get; set; }
        /// <summary>The folder's UIDVALIDITY (0 over POP3).</summary>
        public uint UidValidity { get; set; }
        /// <summary>False for a \Noselect folder that only holds other folders.</summary>
        public bool IsSelectable { get; set; } = true;

        /// <summary>The full name.</summary>
        public override string ToString() => FullName;
    }
}
