using System;
namespace MailTools
{
    /// <summary>
    /// One server setting Find-MailServer found for an address (MailTools.MailServerCandidate): where it came from and
    /// what a connection proved (TLS, certificate, greeting, capabilities, sign-in mechanisms; never a login).
    /// Plain data, so ConvertTo-Json and Export-Csv are clean.
    /// </summary>
    public sealed class MailServerCandidate
    {
        /// <summary>The address the server was looked up for; null when probed by host name.</summary>
        public string? EmailAddress { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Protocol member of MailTools.types.ps1xml (JSON, CSV and views get "Imap").</summary>
        internal MailServerProtocol Protocol { get; set; }
        /// <summary>1 = the best candidate for this protocol.</summary>
        public int Rank { get; set; }
        /// <summary>The server's host name (every source names one).</summary>
        public string Host { get; set; } = string.Empty;
        /// <summary>The port to connect to.</summary>
        public int Port { get; set; }
        /// <summary>The IP address the probe connected to.</summary>
        public string? Address { get; set; }
        /// <summary>SslOnConnect (TLS from the first byte), StartTls, or None (plain, as a config file said).</summary>
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Security member of MailTools.types.ps1xml (JSON, CSV and views get "SslOnConnect").</summary>
        internal MailSecurity Security { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Source member of MailTools.types.ps1xml (JSON, CSV and views get "…").</summary>
        internal DiscoverySource Source { get; set; }
        /// <summary>The URL or DNS record the candidate came from.</summary>
        public string? SourceDetail { get; set; }
        /// <summary>The user name the configuration asks for (from autoconfig/ISPDB); else the address.</summary>
        public string? UserName { get; set; }
        /// <summary>Connected, secured, certificate valid for <see cref="Host"/>: safe to send a password to.</summary>
        public bool Verified { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Status member of MailTools.types.ps1xml (JSON, CSV and views get "…").</summary>
        internal ProbeStatus Status { get; set; }
        /// <summary>True when the certificate is trusted and issued for <see cref="Host"/>; null when not checked.</summary>
        public bool? CertificateValid { get; set; }
        /// <summary>The TLS certificate's subject; null without TLS or before probing.</summary>
        public string? CertificateSubject { get; set; }
        /// <summary>The TLS version negotiated; null without TLS or before probing.</summary>
        public string? TlsVersion { get; set; }
        /// <summary>The server's first line (IMAP/POP3 greeting, SMTP 220 banner).</summary>
        public string? Greeting { get; set; }
        /// <summary>The capabilities the server announced when probed.</summary>
        public ValueList Capabilities { get; set; } = ValueList.None;
        /// <summary>SASL mechanisms offered after TLS (PLAIN, LOGIN, XOAUTH2, OAUTHBEARER, …): which sign-ins the server takes.</summary>
        public ValueList AuthenticationMechanisms { get; set; } = ValueList.None;
        /// <summary>SMTP SIZE limit in bytes (RFC 1870), when announced.</summary>
        public long? MaxMessageSize { get; set; }
        /// <summary>Why the candidate is not verified, or a caution, in plain words.</summary>
        public string? Detail { get; set; }

        /// <summary>Protocol, host, port, security and where it was found, for display.</summary>
        public override string ToString() => $"{Protocol} {Host}:{Port} {Security} ({Source}{(Verified ? ", verified" : string.Empty)})";
    }
}
