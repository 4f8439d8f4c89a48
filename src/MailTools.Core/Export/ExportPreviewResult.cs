namespace MailTools.Core.Export
{
    /// <summary>What Export-Mailbox -WhatIf says it would do for one folder.</summary>
    public sealed class ExportPreviewResult
    {
        /// <summary>The server folder previewed.</summary>
        public string Folder { get; set; } = string.Empty;
        /// <summary>Messages a real run would write now.</summary>
        public int Messages { get; set; }
        /// <summary>Their size as the server reports it (RFC822.SIZE, or the POP3 LIST size).</summary>
        public long Bytes { get; set; }
        /// <summary>Messages already in the export, which a real run skips.</summary>
        public int AlreadyExported { get; set; }

        /// <summary>The -WhatIf text: "Export 120 message(s), 3.4 MB, as Maildir", plus how many are skipped as already exported.</summary>
        public string Describe(ExportFormat format) =>
            $"Export {Messages} message(s), {Cleanup.CleanupPlan.FormatBytes(Bytes)}, as {format}" +
            (AlreadyExported > 0 ? $" ({AlreadyExported} already exported are skipped)" : string.Empty);
    }
}
