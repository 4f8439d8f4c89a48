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
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Protocol member of MailTools.types.ps1xml (JSON, CSV and views get "Imap").</summary>
        internal MailProtocol Protocol { get; set; }
        public bool Success { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Security member of MailTools.types.ps1xml (JSON, CSV and views get "SslOnConnect").</summary>
        internal MailSecurity Security { get; set; }
        public string TlsVersion { get; set; }
        public ValueList Capabilities { get; set; } = ValueList.None;
        public int Folders { get; set; }
        public int Messages { get; set; }
        public long Size { get; set; }
        public string ErrorId { get; set; }
        public string Error { get; set; }
        /// <summary>How long it took (internal: a TimeSpan becomes Ticks in JSON); <see cref="Seconds"/> is the public value.</summary>
        internal TimeSpan Duration { get; set; }
        /// <summary>How long it took, in seconds (plain in JSON and CSV).</summary>
        public double Seconds => Math.Round(Duration.TotalSeconds, 3);
        /// <summary>Test-MailAccount -Smtp: the submission server checked (AUTH only, nothing sent); null when not asked.</summary>
        public string SmtpServer { get; set; }
        public int? SmtpPort { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// SmtpSecurity member of MailTools.types.ps1xml (JSON, CSV and views get "SslOnConnect").</summary>
        internal MailSecurity? SmtpSecurity { get; set; }
        /// <summary>The submission port answered over TLS and the password was accepted; null when not asked.</summary>
        public bool? SmtpSuccess { get; set; }
        public ValueList SmtpAuthenticationMechanisms { get; set; } = ValueList.None;
        public long? SmtpMaxMessageSize { get; set; }
        public string SmtpError { get; set; }
    }
}
