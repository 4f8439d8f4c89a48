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
}
