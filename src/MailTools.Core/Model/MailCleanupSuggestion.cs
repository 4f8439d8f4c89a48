namespace MailTools
{
    /// <summary>
    /// One suggested clean-up rule for one account (MailTools.MailCleanupSuggestion): what it would do and what it would
    /// free, counted by the clean-up's own -WhatIf plan, so Invoke-MailCleanup -Policy gives the same numbers.
    /// </summary>
    public sealed class MailCleanupSuggestion
    {
        /// <summary>The account the suggestion is for.</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The name of the suggested rule.</summary>
        public string Rule { get; set; } = string.Empty;
        /// <summary>Delete or Archive (the action's name).</summary>
        public string Action { get; set; } = string.Empty;
        /// <summary>The folders the rule would look at.</summary>
        public ValueList Folders { get; set; } = ValueList.None;
        /// <summary>The rule's conditions in words ("older than 30d").</summary>
        public string? Conditions { get; set; }
        /// <summary>Messages the rule would act on (flagged ones are never counted: they are left alone).</summary>
        public int Count { get; set; }
        /// <summary>Bytes it would free on the server (RFC822.SIZE).</summary>
        public long Size { get; set; }
        /// <summary>Flagged messages the rule matched and leaves alone.</summary>
        public int SkippedFlagged { get; set; }
        /// <summary>Why the rule is suggested (the dominant sender or list, the folder's role); null when obvious.</summary>
        public string? Reason { get; set; }

        /// <summary>A one-line summary: rule, message count and bytes.</summary>
        public override string ToString() => $"{Rule}: {Count} message(s), {Size} bytes";
    }
}
