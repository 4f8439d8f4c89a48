using System.Collections.Generic;

namespace MailTools.Core.Compare
{
    /// <summary>How far we got with one protocol.</summary>
    public enum SideState
    {
        /// <summary>Logged in and measured.</summary>
        Measured,
        /// <summary>No port of this protocol answered.</summary>
        NotOffered,
        /// <summary>A port answered but the login was refused.</summary>
        LoginRefused,
        /// <summary>A port answered but could not be used safely (untrusted certificate, no TLS) or failed.</summary>
        Unusable,
        /// <summary>Not looked at (no session of this protocol was given).</summary>
        NotChecked,
    }

    /// <summary>What was measured over IMAP (read-only: LIST-STATUS, EXAMINE, SEARCH, GETQUOTAROOT).</summary>
    public sealed class ImapFacts
    {
        /// <summary>How far the IMAP side got.</summary>
        public SideState State { get; set; } = SideState.Measured;
        /// <summary>Why IMAP could not be used, in plain words; null when it could.</summary>
        public string? Problem { get; set; }
        /// <summary>The IMAP host.</summary>
        public string? Server { get; set; }
        /// <summary>The IMAP port used.</summary>
        public int Port { get; set; }
        /// <summary>How the IMAP connection was secured.</summary>
        public MailSecurity Security { get; set; }
        /// <summary>The TLS version negotiated; null without TLS.</summary>
        public string? TlsVersion { get; set; }
        /// <summary>Every folder with its counts and size.</summary>
        public IList<ProtocolComparisonFolder> Folders { get; set; } = new List<ProtocolComparisonFolder>();
        /// <summary>Inbox messages marked \Deleted but not yet expunged.</summary>
        public int InboxDeleted { get; set; }
        /// <summary>Flagged inbox messages.</summary>
        public int InboxFlagged { get; set; }
        /// <summary>The server offers IDLE (RFC 2177).</summary>
        public bool Idle { get; set; }
        /// <summary>The server offers NOTIFY (RFC 5465).</summary>
        public bool Notify { get; set; }
        /// <summary>The server offers QUOTA (RFC 9208).</summary>
        public bool QuotaOffered { get; set; }
        /// <summary>Bytes used under the quota root of INBOX; null without a quota.</summary>
        public long? QuotaUsed { get; set; }
        /// <summary>The quota limit in bytes; null without a quota.</summary>
        public long? QuotaLimit { get; set; }
    }

    /// <summary>What was measured over POP3 (read-only: CAPA, STAT, UIDL, QUIT — never DELE).</summary>
    public sealed class Pop3Facts
    {
        /// <summary>How far the POP3 side got.</summary>
        public SideState State { get; set; } = SideState.Measured;
        /// <summary>Why POP3 could not be used, in plain words; null when it could.</summary>
        public string? Problem { get; set; }
        /// <summary>The POP3 host.</summary>
        public string? Server { get; set; }
        /// <summary>The POP3 port used.</summary>
        public int Port { get; set; }
        /// <summary>How the POP3 connection was secured.</summary>
        public MailSecurity Security { get; set; }
        /// <summary>The TLS version negotiated; null without TLS.</summary>
        public string? TlsVersion { get; set; }
        /// <summary>Messages STAT reports.</summary>
        public int Count { get; set; }
        /// <summary>Bytes STAT reports.</summary>
        public long Size { get; set; }
        /// <summary>Messages UIDL lists; null without UIDL.</summary>
        public int? UidCount { get; set; }
        /// <summary>The server offers UIDL.</summary>
        public bool Uidl { get; set; }
        /// <summary>The server offers TOP.</summary>
        public bool Top { get; set; }
        /// <summary>The server offers PIPELINING.</summary>
        public bool Pipelining { get; set; }
        /// <summary>RFC 2449 EXPIRE days (-1 = NEVER) when announced.</summary>
        public int? ExpireDays { get; set; }
        /// <summary>RFC 2449 LOGIN-DELAY seconds when announced.</summary>
        public int? LoginDelaySeconds { get; set; }
    }
}
