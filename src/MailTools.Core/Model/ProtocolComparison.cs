using System;

namespace MailTools
{
    /// <summary>
    /// IMAP and POP3 side by side for one account (MailTools.ProtocolComparison): the rows a person reads, and the
    /// measured numbers a script uses. Plain data only (no session, no MailKit object), so ConvertTo-Json is clean.
    /// Numbers are null when they could not be measured (protocol not offered, -Reference).
    /// </summary>
    public sealed class ProtocolComparison
    {
        /// <summary>user@server, or "(general comparison)" for -Reference.</summary>
        public string Account { get; set; } = string.Empty;
        public string? ImapServer { get; set; }
        public string? Pop3Server { get; set; }
        /// <summary>True for Compare-MailProtocol -Reference: general facts, nothing measured.</summary>
        public bool IsReference { get; set; }
        public DateTimeOffset ComparedAt { get; set; } = DateTimeOffset.Now;

        /// <summary>IMAP answered and the login worked (null: not checked).</summary>
        public bool? ImapAvailable { get; set; }
        public bool? Pop3Available { get; set; }
        /// <summary>Why a protocol could not be used, in plain words ("not offered", "login refused: …").</summary>
        public string? ImapProblem { get; set; }
        public string? Pop3Problem { get; set; }
        public string? ImapTlsVersion { get; set; }
        public string? Pop3TlsVersion { get; set; }

        public int? ImapFolderCount { get; set; }
        public int? ImapMessageCount { get; set; }
        /// <summary>Bytes, as the server counts them (RFC822.SIZE).</summary>
        public long? ImapSize { get; set; }
        public int? InboxCount { get; set; }
        public long? InboxSize { get; set; }
        /// <summary>Inbox messages marked \Deleted but not yet removed (IMAP still counts them).</summary>
        public int? InboxDeletedCount { get; set; }
        /// <summary>POP3 STAT: what a POP3 client sees (the inbox only).</summary>
        public int? Pop3Count { get; set; }
        public long? Pop3Size { get; set; }
        /// <summary>Messages with a unique id (UIDL); null when the server has no UIDL.</summary>
        public int? Pop3UidCount { get; set; }
        /// <summary>Messages outside the inbox: there over IMAP, invisible to a POP3 client.</summary>
        public int? InvisibleToPop3Count { get; set; }
        public long? InvisibleToPop3Size { get; set; }
        public int? InvisibleToPop3FolderCount { get; set; }
        public int? UnreadCount { get; set; }
        public int? InboxFlaggedCount { get; set; }
        public string? SentFolder { get; set; }
        public int? SentCount { get; set; }
        /// <summary>Storage used and allowed in bytes, from the IMAP QUOTA extension (RFC 9208); null when not offered.</summary>
        public long? QuotaUsed { get; set; }
        public long? QuotaLimit { get; set; }
        public double? QuotaPercent { get; set; }

        public bool? ImapIdle { get; set; }
        public bool? ImapNotify { get; set; }
        public bool? Pop3Uidl { get; set; }
        public bool? Pop3Top { get; set; }
        public bool? Pop3Pipelining { get; set; }
        /// <summary>RFC 2449 EXPIRE in days (-1: NEVER), when announced.</summary>
        public int? Pop3ExpireDays { get; set; }
        /// <summary>RFC 2449 LOGIN-DELAY in seconds, when announced.</summary>
        public int? Pop3LoginDelaySeconds { get; set; }

        /// <summary>The SMTP submission server checked for sending (null: not checked).</summary>
        public string? SmtpServer { get; set; }
        /// <summary>A submission port answered over TLS with a trusted certificate (null: not checked).</summary>
        public bool? SmtpAvailable { get; set; }
        /// <summary>Whether the password was accepted by AUTH (nothing is ever sent).</summary>
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// SmtpLogin member of MailTools.types.ps1xml (JSON, CSV and views get "…").</summary>
        internal MailTools.Core.Discovery.SmtpLoginResult SmtpLogin { get; set; }
        public string? SmtpProblem { get; set; }
        public ValueList SmtpAuthenticationMechanisms { get; set; } = ValueList.None;
        /// <summary>The SIZE limit in bytes (RFC 1870), when announced.</summary>
        public long? SmtpMaxMessageSize { get; set; }
        /// <summary>Each submission port tried (465 TLS, 587 STARTTLS), and what answered. Internal, like Probes and Folders:
        /// ConvertTo-Json reads nested objects by their public .NET properties only, so their enums would be numbers or
        /// missing; PowerShell reads them through hidden members (MailTools.types.ps1xml), and Rows carry the same facts as text.</summary>
        internal MailServerCandidate[] SmtpProbes { get; set; } = Array.Empty<MailServerCandidate>();

        /// <summary>Each port and mode tried, and what answered (internal: see <see cref="SmtpProbes"/>).</summary>
        internal ProtocolProbeResult[] Probes { get; set; } = Array.Empty<ProtocolProbeResult>();
        /// <summary>The IMAP folders measured, and whether a POP3 client can see each (internal: see <see cref="SmtpProbes"/>).</summary>
        internal ProtocolComparisonFolder[] Folders { get; set; } = Array.Empty<ProtocolComparisonFolder>();

        /// <summary>The plain-English verdict for this account.</summary>
        public string? Recommendation { get; set; }
        public ItemList<ProtocolComparisonRow> Rows { get; set; } = new ItemList<ProtocolComparisonRow>(null);

        public override string ToString() => $"{Account}: {Recommendation}";
    }

    /// <summary>One aspect compared (MailTools.ProtocolComparisonRow): what IMAP does, what POP3 does, and what that means for you.</summary>
    public sealed class ProtocolComparisonRow
    {
        public ProtocolComparisonRow() { }

        public ProtocolComparisonRow(string aspect, string? imap, string? pop3, string? meaning)
        {
            Aspect = aspect;
            Imap = imap;
            Pop3 = pop3;
            Meaning = meaning;
        }

        public string Aspect { get; set; } = string.Empty;
        public string? Imap { get; set; }
        public string? Pop3 { get; set; }
        public string? Meaning { get; set; }

        public override string ToString() => $"{Aspect}: IMAP {Imap}; POP3 {Pop3}";
    }

    /// <summary>One IMAP folder as the comparison counted it.</summary>
    public sealed class ProtocolComparisonFolder
    {
        public string FullName { get; set; } = string.Empty;
        public int Count { get; set; }
        public int? Unread { get; set; }
        public long Size { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// SpecialUse member of MailTools.types.ps1xml (JSON, CSV and views get "Inbox").</summary>
        internal MailSpecialUse SpecialUse { get; set; }
        /// <summary>Only the inbox is visible to a POP3 client (RFC 1939 has no folders).</summary>
        public bool VisibleToPop3 { get; set; }

        public override string ToString() => FullName;
    }

    /// <summary>One port and mode tried (MailTools.ProtocolProbeResult): did it answer, how securely.</summary>
    public sealed class ProtocolProbeResult
    {
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Protocol member of MailTools.types.ps1xml (JSON, CSV and views get "Imap").</summary>
        internal MailProtocol Protocol { get; set; }
        public string? Server { get; set; }
        public int Port { get; set; }
        /// <summary>SslOnConnect (TLS from the first byte) or StartTls.</summary>
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Security member of MailTools.types.ps1xml (JSON, CSV and views get "SslOnConnect").</summary>
        internal MailSecurity Security { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Status member of MailTools.types.ps1xml (JSON, CSV and views get "…").</summary>
        internal ProbeStatus Status { get; set; }
        public string? TlsVersion { get; set; }
        /// <summary>What went wrong, in words, when Status is not Answered.</summary>
        public string? Detail { get; set; }

        /// <summary>"993 TLS", "143 STARTTLS".</summary>
        public string Mode => $"{Port} {(Security == MailSecurity.SslOnConnect ? "TLS" : Security == MailSecurity.StartTls ? "STARTTLS" : "plain")}";

        public override string ToString() => $"{Protocol} {Mode}: {Status}";
    }

    /// <summary>What a probe found on one port. Not offered is an answer, not an error.</summary>
    public enum ProbeStatus
    {
        /// <summary>Connected and secured with a trusted certificate.</summary>
        Answered,
        /// <summary>Nothing listening (connection refused) or no reply in time.</summary>
        NotOffered,
        /// <summary>The certificate is not trusted; nothing was sent.</summary>
        CertificateUntrusted,
        /// <summary>Something answered but TLS failed (wrong mode for this port, or old TLS).</summary>
        TlsFailed,
        /// <summary>Answered in plain text and does not offer STARTTLS.</summary>
        NoStartTls,
        /// <summary>The name does not resolve.</summary>
        HostNotFound,
        /// <summary>Not connected to (Find-MailServer -Offline, or the overall time ran out first).</summary>
        NotProbed,
    }
}
