#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;

namespace MailTools
{
    /// <summary>What Test-MailAccount found for one account (MailTools.AccountTestResult). Failures are data here, not exceptions.</summary>
    public sealed class AccountTestResult
    {
        public string Account { get; set; }
        public string Server { get; set; }
        public int Port { get; set; }
        public MailProtocol Protocol { get; set; }
        public bool Success { get; set; }
        public MailSecurity Security { get; set; }
        public string TlsVersion { get; set; }
        public string[] Capabilities { get; set; } = Array.Empty<string>();
        public int Folders { get; set; }
        public int Messages { get; set; }
        public long Size { get; set; }
        public string ErrorId { get; set; }
        public string Error { get; set; }
        public TimeSpan Duration { get; set; }
        /// <summary>Test-MailAccount -Smtp: the submission server checked (AUTH only, nothing sent); null when not asked.</summary>
        public string SmtpServer { get; set; }
        public int? SmtpPort { get; set; }
        public MailSecurity? SmtpSecurity { get; set; }
        /// <summary>The submission port answered over TLS and the password was accepted; null when not asked.</summary>
        public bool? SmtpSuccess { get; set; }
        public string[] SmtpAuthenticationMechanisms { get; set; } = Array.Empty<string>();
        public long? SmtpMaxMessageSize { get; set; }
        public string SmtpError { get; set; }
    }
}
