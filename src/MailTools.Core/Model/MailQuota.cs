namespace MailTools
{
    /// <summary>
    /// One account's storage against its quota (RFC 9208 / RFC 2087 QUOTA), as the server counts it (MailTools.MailQuota):
    /// what Get-MailQuota writes, once per account and quota root. Limits are null when the server keeps none.
    /// </summary>
    public sealed class MailQuota
    {
        /// <summary>The account's name (its saved name, or user@server), not the session.</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The quota root's name ("User quota" on Dovecot); null when the server has none for the folder asked about.</summary>
        public string? QuotaRoot { get; set; }
        /// <summary>The folder the quota root was asked for (GETQUOTAROOT), INBOX unless -Folder says otherwise.</summary>
        public string Folder { get; set; } = "INBOX";
        /// <summary>Bytes in use by the server's count (STORAGE usage × 1024).</summary>
        public long? Used { get; set; }
        /// <summary>The storage limit in bytes (STORAGE limit × 1024); null when there is none.</summary>
        public long? Limit { get; set; }
        /// <summary>Used against Limit, 0-100 (more when the server lets an account pass it); null without a limit.</summary>
        public double? PercentUsed { get; set; }
        /// <summary>Bytes still free before the limit; null without a limit.</summary>
        public long? Free { get; set; }
        /// <summary>Messages counted against a MESSAGE quota; null when the server keeps none.</summary>
        public long? Messages { get; set; }
        /// <summary>The most messages the server allows; null when it keeps no MESSAGE quota.</summary>
        public long? MessageLimit { get; set; }

        /// <summary>One line for logs: the account and its usage against the limit.</summary>
        public override string ToString() => Limit.HasValue ? System.FormattableString.Invariant($"{Account}: {Used} of {Limit} bytes") : $"{Account}: no quota";
    }
}
