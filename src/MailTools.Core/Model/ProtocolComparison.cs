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
        /// <summary>The IMAP server compared; null when none was given.</summary>
        public string? ImapServer { get; set; }
        /// <summary>The POP3 server compared; null when none was given.</summary>
        public string? Pop3Server { get; set; }
        /// <summary>True for Compare-MailProtocol -Reference: general facts, nothing measured.</summary>
        public bool IsReference { get; set; }
        /// <summary>When the comparison was made.</summary>
        public DateTimeOffset ComparedAt { get; set; } = DateTimeOffset.Now;

        /// <summary>IMAP answered and the login worked (null: not checked).</summary>
        public bool? ImapAvailable { get; set; }
        /// <summary>POP3 answered and the login worked (null: not checked).</summary>
        public bool? Pop3Available { get; set; }
        /// <summary>Why a protocol could not be used, in plain words ("not offered", "login refused: …").</summary>
        public string? ImapProblem { get; set; }
        /// <summary>Why POP3 could not be used, in plain words; null when it could.</summary>
        public string? Pop3Problem { get; set; }
        /// <summary>The TLS version of the IMAP connection; null when not connected.</summary>
        public string? ImapTlsVersion { get; set; }
        /// <summary>The TLS version of the POP3 connection; null when not connected.</summary>
        public string? Pop3TlsVersion { get; set; }

        /// <summary>How many IMAP folders the account has.</summary>
        public int? ImapFolderCount { get; set; }
        /// <summary>How many messages its IMAP folders hold.</summary>
        public int? ImapMessageCount { get; set; }
        /// <summary>Bytes, as the server counts them (RFC822.SIZE).</summary>
        public long? ImapSize { get; set; }
        /// <summary>Messages in the inbox over IMAP.</summary>
        public int? InboxCount { get; set; }
        /// <summary>Bytes in the inbox over IMAP.</summary>
        public long? InboxSize { get; set; }
        /// <summary>Inbox messages marked \Deleted but not yet removed (IMAP still counts them).</summary>
        public int? InboxDeletedCount { get; set; }
        /// <summary>POP3 STAT: what a POP3 client sees (the inbox only).</summary>
        public int? Pop3Count { get; set; }
        /// <summary>Bytes POP3 STAT reports.</summary>
        public long? Pop3Size { get; set; }
        /// <summary>Messages with a unique id (UIDL); null when the server has no UIDL.</summary>
        public int? Pop3UidCount { get; set; }
        /// <summary>Messages outside the inbox: there over IMAP, invisible to a POP3 client.</summary>
        public int? InvisibleToPop3Count { get; set; }
        /// <summary>Bytes in folders outside the inbox, which POP3 cannot reach.</summary>
        public long? InvisibleToPop3Size { get; set; }
        /// <summary>How many folders outside the inbox hold messages.</summary>
        public int? InvisibleToPop3FolderCount { get; set; }
        /// <summary>Unread messages over IMAP (POP3 has no read state).</summary>
        public int? UnreadCount { get; set; }
        /// <summary>Flagged messages in the inbox (POP3 has no flags).</summary>
        public int? InboxFlaggedCount { get; set; }
        /// <summary>The Sent folder's full name; null when the account has none.</summary>
        public string? SentFolder { get; set; }
        /// <summary>Messages in the Sent folder.</summary>
        public int? SentCount { get; set; }
        /// <summary>Storage used and allowed in bytes, from the IMAP QUOTA extension (RFC 9208); null when not offered.</summary>
        public long? QuotaUsed { get; set; }
        /// <summary>The quota limit in bytes; null when not offered.</summary>
        public long? QuotaLimit { get; set; }
        /// <summary>Used as a percentage of the limit; null without a quota.</summary>
        public double? QuotaPercent { get; set; }

        /// <summary>The server offers IDLE (new mail pushed, RFC 2177).</summary>
        public bool? ImapIdle { get; set; }
        /// <summary>The server offers NOTIFY (changes in other folders pushed, RFC 5465).</summary>
        public bool? ImapNotify { get; set; }
        /// <summary>The POP3 server offers UIDL (stable message ids).</summary>
        public bool? Pop3Uidl { get; set; }
        /// <summary>The POP3 server offers TOP (headers without the body).</summary>
        public bool? Pop3Top { get; set; }
        /// <summary>The POP3 server offers PIPELINING (RFC 2449).</summary>
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
        /// <summary>Why SMTP submission could not be used; null when it could or was not checked.</summary>
        public string? SmtpProblem { get; set; }
        /// <summary>The SASL mechanisms the submission server offers.</summary>
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
        /// <summary>The aspects compared, one row each, as the view shows them.</summary>
        public ItemList<ProtocolComparisonRow> Rows { get; set; } = new ItemList<ProtocolComparisonRow>(null);

        /// <summary>Account and recommendation, for display.</summary>
        public override string ToString() => $"{Account}: {Recommendation}";
    }

    /// <summary>One aspect compared (MailTools.ProtocolComparisonRow): what IMAP does, what POP3 does, and what that means for you.</summary>
    public sealed class ProtocolComparisonRow
    {
        /// <summary>An empty row, for deserialisers.</summary>
        public ProtocolComparisonRow() { }

        /// <summary>A row for <paramref name="aspect"/>: what IMAP and POP3 do, and what that means.</summary>
        public ProtocolComparisonRow(string aspect, string? imap, string? pop3, string? meaning)
        {
            Aspect = aspect;
            Imap = imap;
            Pop3 = pop3;
            Meaning = meaning;
        }

        /// <summary>What is compared ("Folders", "Read state"…).</summary>
        public string Aspect { get; set; } = string.Empty;
        /// <summary>What IMAP does; null when not known.</summary>
        public string? Imap { get; set; }
        /// <summary>What POP3 does; null when not known.</summary>
        public string? Pop3 { get; set; }
        /// <summary>What that means for the user; null when nothing to add.</summary>
        public string? Meaning { get; set; }

        /// <summary>Aspect with both sides, for display.</summary>
        public override string ToString() => $"{Aspect}: IMAP {Imap}; POP3 {Pop3}";
    }

    /// <summary>One IMAP folder as the comparison counted it.</summary>
    public sealed class ProtocolComparisonFolder
    {
        /// <summary>The folder's full name.</summary>
        public string FullName { get; set; } = string.Empty;
        /// <summary>Messages in the folder.</summary>
        public int Count { get; set; }
        /// <summary>Unread messages; null when not measured.</summary>
        public int? Unread { get; set; }
        /// <summary>Bytes in the folder.</summary>
        public long Size { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// SpecialUse member of MailTools.types.ps1xml (JSON, CSV and views get "Inbox").</summary>
        internal MailSpecialUse SpecialUse { get; set; }
        /// <summary>Only the inbox is visible to a POP3 client (RFC 1939 has no folders).</summary>
        public bool VisibleToPop3 { get; set; }

        /// <summary>The folder's full name.</summary>
        public override string ToString() => FullName;
    }

    /// <summary>One port and mode tried (MailTools.ProtocolProbeResult): did it answer, how securely.</summary>
    public sealed class ProtocolProbeResult
    {
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Protocol member of MailTools.types.ps1xml (JSON, CSV and views get "Imap").</summary>
        internal MailProtocol Protocol { get; set; }
        /// <summary>The host tried; null when none was known.</summary>
        public string? Server { get; set; }
        /// <summary>The port tried.</summary>
        public int Port { get; set; }
        /// <summary>SslOnConnect (TLS from the first byte) or StartTls.</summary>
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Security member of MailTools.types.ps1xml (JSON, CSV and views get "SslOnConnect").</summary>
        internal MailSecurity Security { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Status member of MailTools.types.ps1xml (JSON, CSV and views get "…").</summary>
        internal ProbeStatus Status { get; set; }
        /// <summary>The TLS version negotiated; null without TLS.</summary>
        public string? TlsVersion { get; set; }
        /// <summary>What went wrong, in words, when Status is not Answered.</summary>
        public string? Detail { get; set; }

        /// <summary>"993 TLS", "143 STARTTLS".</summary>
        public string Mode => $"{Port} {(Security == MailSecurity.SslOnConnect ? "TLS" : Security == MailSecurity.StartTls ? "STARTTLS" : "plain")}";

        /// <summary>Protocol, mode and status, for display.</summary>
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
