namespace MailTools
{
    /// <summary>The on-disk layouts Export-Mailbox writes and Import-Mailbox reads.</summary>
    public enum ExportFormat
    {
        /// <summary>Maildir++ (one tree per account, INBOX at the root, sub-folders as .Name.Sub), as mutt, Dovecot and mbsync read it.</summary>
        Maildir,
        /// <summary>One mboxrd file per folder (RFC 4155 From_ lines, reversible >From quoting).</summary>
        Mbox,
        /// <summary>One .eml file per message, in one directory per folder.</summary>
        Eml,
    }
}
