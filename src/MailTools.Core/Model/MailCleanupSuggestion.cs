#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
namespace MailTools
{
    /// <summary>
    /// One suggested clean-up rule for one account (MailTools.MailCleanupSuggestion): what it would do and what it would
    /// free, counted by the clean-up's own -WhatIf plan, so Invoke-MailCleanup -Policy gives the same numbers.
    /// </summary>
    public sealed class MailCleanupSuggestion
    {
        public string Account { get; set; }
        public string Rule { get; set; }
        /// <summary>Delete or Archive (the action's name).</summary>
        public string Action { get; set; }
        public string[] Folders { get; set; }
        /// <summary>The rule's conditions in words ("older than 30d").</summary>
        public string Conditions { get; set; }
        /// <summary>Messages the rule would act on (flagged ones are never counted: they are left alone).</summary>
        public int Count { get; set; }
        /// <summary>Bytes it would free on the server (RFC822.SIZE).</summary>
        public long Size { get; set; }
        /// <summary>Flagged messages the rule matched and leaves alone.</summary>
        public int SkippedFlagged { get; set; }
        public string Reason { get; set; }

        public override string ToString() => $"{Rule}: {Count} message(s), {Size} bytes";
    }
}
