#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
namespace MailTools.Core.Export
{
    /// <summary>What Export-Mailbox -WhatIf says it would do for one folder.</summary>
    public sealed class ExportPreviewResult
    {
        public string Folder { get; set; }
        /// <summary>Messages a real run would write now.</summary>
        public int Messages { get; set; }
        /// <summary>Their size as the server reports it (RFC822.SIZE, or the POP3 LIST size).</summary>
        public long Bytes { get; set; }
        /// <summary>Messages already in the export, which a real run skips.</summary>
        public int AlreadyExported { get; set; }

        public string Describe(ExportFormat format) =>
            $"Export {Messages} message(s), {Cleanup.CleanupPlan.FormatBytes(Bytes)}, as {format}" +
            (AlreadyExported > 0 ? $" ({AlreadyExported} already exported are skipped)" : string.Empty);
    }
}
