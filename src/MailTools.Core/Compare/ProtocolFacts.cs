#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
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
        public SideState State { get; set; } = SideState.Measured;
        public string Problem { get; set; }
        public string Server { get; set; }
        public int Port { get; set; }
        public MailSecurity Security { get; set; }
        public string TlsVersion { get; set; }
        public IList<ProtocolComparisonFolder> Folders { get; set; } = new List<ProtocolComparisonFolder>();
        public int InboxDeleted { get; set; }
        public int InboxFlagged { get; set; }
        public bool Idle { get; set; }
        public bool Notify { get; set; }
        public bool QuotaOffered { get; set; }
        public long? QuotaUsed { get; set; }
        public long? QuotaLimit { get; set; }
    }

    /// <summary>What was measured over POP3 (read-only: CAPA, STAT, UIDL, QUIT — never DELE).</summary>
    public sealed class Pop3Facts
    {
        public SideState State { get; set; } = SideState.Measured;
        public string Problem { get; set; }
        public string Server { get; set; }
        public int Port { get; set; }
        public MailSecurity Security { get; set; }
        public string TlsVersion { get; set; }
        public int Count { get; set; }
        public long Size { get; set; }
        public int? UidCount { get; set; }
        public bool Uidl { get; set; }
        public bool Top { get; set; }
        public bool Pipelining { get; set; }
        /// <summary>RFC 2449 EXPIRE days (-1 = NEVER) when announced.</summary>
        public int? ExpireDays { get; set; }
        /// <summary>RFC 2449 LOGIN-DELAY seconds when announced.</summary>
        public int? LoginDelaySeconds { get; set; }
    }
}
