using MailTools.Core.Export;

namespace MailTools.Core.Cleanup
{
    /// <summary>How a clean-up run behaves; the cmdlet fills it from its parameters. Approval and per-folder errors go through the host (<see cref="IOutputWriter"/>).</summary>
    public sealed class CleanupOptions
    {
        /// <summary>
        /// Plan and report only, without asking the host (Export-MailReport's policy preview, the clean-up advisor):
        /// folders are opened read-only (EXAMINE) so not even \Recent changes. Invoke-MailCleanup leaves it off and
        /// acts or previews folder by folder as the host's ShouldProcess answers.
        /// </summary>
        public bool PlanOnly { get; set; }
        /// <summary>Where the Archive action writes its copies (an Export-Mailbox folder), and in which layout.</summary>
        public string? ArchivePath { get; set; }
        /// <summary>The layout of the archive copies: Maildir (default), mbox or EML.</summary>
        public ExportFormat ArchiveFormat { get; set; } = ExportFormat.Maildir;
        /// <summary>Where each deleted or moved message is recorded (-LogPath); null when nothing is logged.</summary>
        public DeletionLog? Log { get; set; }
        /// <summary>
        /// Nobody is shown the plan (-Force without -Confirm): where the server can, a folder is then planned by its
        /// UID SEARCH alone (see <see cref="SearchPlanner"/>), so skipped messages are not counted.
        /// </summary>
        public bool Unattended { get; set; }
        /// <summary>Connections to clean folders over at once (1 or 2), within the account's -MaxConnections.</summary>
        public int ConnectionCount { get; set; } = 1;

        internal CleanupOptions Clone() => (CleanupOptions)MemberwiseClone();
    }
}
