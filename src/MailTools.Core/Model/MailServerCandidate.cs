#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
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
        public string EmailAddress { get; set; }
        public MailServerProtocol Protocol { get; set; }
        /// <summary>1 = the best candidate for this protocol.</summary>
        public int Rank { get; set; }
        public string Host { get; set; }
        public int Port { get; set; }
        /// <summary>The IP address the probe connected to.</summary>
        public string Address { get; set; }
        /// <summary>SslOnConnect (TLS from the first byte), StartTls, or None (plain, as a config file said).</summary>
        public MailSecurity Security { get; set; }
        public DiscoverySource Source { get; set; }
        /// <summary>The URL or DNS record the candidate came from.</summary>
        public string SourceDetail { get; set; }
        /// <summary>The user name the configuration asks for (from autoconfig/ISPDB); else the address.</summary>
        public string UserName { get; set; }
        /// <summary>Connected, secured, certificate valid for <see cref="Host"/>: safe to send a password to.</summary>
        public bool Verified { get; set; }
        public ProbeStatus Status { get; set; }
        /// <summary>True when the certificate is trusted and issued for <see cref="Host"/>; null when not checked.</summary>
        public bool? CertificateValid { get; set; }
        public string CertificateSubject { get; set; }
        public string TlsVersion { get; set; }
        /// <summary>The server's first line (IMAP/POP3 greeting, SMTP 220 banner).</summary>
        public string Greeting { get; set; }
        public string[] Capabilities { get; set; } = Array.Empty<string>();
        /// <summary>SASL mechanisms offered after TLS (PLAIN, LOGIN, XOAUTH2, OAUTHBEARER, …): which sign-ins the server takes.</summary>
        public string[] AuthenticationMechanisms { get; set; } = Array.Empty<string>();
        /// <summary>SMTP SIZE limit in bytes (RFC 1870), when announced.</summary>
        public long? MaxMessageSize { get; set; }
        /// <summary>Why the candidate is not verified, or a caution, in plain words.</summary>
        public string Detail { get; set; }

        public override string ToString() => $"{Protocol} {Host}:{Port} {Security} ({Source}{(Verified ? ", verified" : string.Empty)})";
    }
}
