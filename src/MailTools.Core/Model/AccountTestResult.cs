using System;

namespace MailTools
{
    /// <summary>What Test-MailAccount found for one account (MailTools.AccountTestResult). Failures are data here, not exceptions.</summary>
    public sealed class AccountTestResult
    {
        /// <summary>The account tested (saved name, or user@server).</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The server connected to; null when no server was known.</summary>
        public string? Server { get; set; }
        /// <summary>The port connected to.</summary>
        public int Port { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Protocol member of MailTools.types.ps1xml (JSON, CSV and views get "Imap").</summary>
        internal MailProtocol Protocol { get; set; }
        /// <summary>True when connect, login and listing all worked.</summary>
        public bool Success { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Security member of MailTools.types.ps1xml (JSON, CSV and views get "SslOnConnect").</summary>
        internal MailSecurity Security { get; set; }
        /// <summary>The TLS version negotiated (e.g. "Tls13"); null without TLS.</summary>
        public string? TlsVersion { get; set; }
        /// <summary>The capabilities the server announced after login.</summary>
        public ValueList Capabilities { get; set; } = ValueList.None;
        /// <summary>How many folders the account has.</summary>
        public int Folders { get; set; }
        /// <summary>How many messages its folders hold.</summary>
        public int Messages { get; set; }
        /// <summary>Total bytes of its folders.</summary>
        public long Size { get; set; }
        /// <summary>The ErrorId of the failure; null on success.</summary>
        public string? ErrorId { get; set; }
        /// <summary>The failure's message; null on success.</summary>
        public string? Error { get; set; }
        /// <summary>How long it took (internal: a TimeSpan becomes Ticks in JSON); <see cref="Seconds"/> is the public value.</summary>
        internal TimeSpan Duration { get; set; }
        /// <summary>How long it took, in seconds (plain in JSON and CSV).</summary>
        public double Seconds => Math.Round(Duration.TotalSeconds, 3);
        /// <summary>Test-MailAccount -Smtp: the submission server checked (AUTH only, nothing sent); null when not asked.</summary>
        public string? SmtpServer { get; set; }
        /// <summary>The SMTP port tested; null when SMTP was not tested.</summary>
        public int? SmtpPort { get; set; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// SmtpSecurity member of MailTools.types.ps1xml (JSON, CSV and views get "SslOnConnect").</summary>
        internal MailSecurity? SmtpSecurity { get; set; }
        /// <summary>The submission port answered over TLS and the password was accepted; null when not asked.</summary>
        public bool? SmtpSuccess { get; set; }
        /// <summary>The SASL mechanisms the SMTP server offers.</summary>
        public ValueList SmtpAuthenticationMechanisms { get; set; } = ValueList.None;
        /// <summary>The SMTP SIZE limit in bytes; null when the server states none.</summary>
        public long? SmtpMaxMessageSize { get; set; }
        /// <summary>Why the SMTP check failed; null when it worked or was not run.</summary>
        public string? SmtpError { get; set; }
    }
}
