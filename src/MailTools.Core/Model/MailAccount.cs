using System;

namespace MailTools
{
    /// <summary>Where an account's password is kept. Never in the profile file.</summary>
    public enum CredentialStore
    {
        /// <summary>Not stored: Connect-MailServer asks for it, or takes -Credential.</summary>
        None,
        /// <summary>In the user's SecretManagement vault, under <see cref="MailAccount.SecretName"/>.</summary>
        SecretManagement,
        /// <summary>Windows only: DPAPI-protected for the current user, in a file beside the profiles.</summary>
        Dpapi,
    }

    /// <summary>A saved account profile (MailTools.MailAccount): how to reach an account, never its password.</summary>
    public sealed class MailAccount
    {
        /// <summary>The profile's name, used with -Account.</summary>
        public string Name { get; set; } = string.Empty;
        /// <summary>The IMAP (or POP3) host.</summary>
        public string Server { get; set; } = string.Empty;
        /// <summary>The port; null means the protocol's default for the security mode.</summary>
        public int? Port { get; set; }
        /// <summary>Internal (ConvertTo-Json would write a number); PowerShell reads the name through MailTools.types.ps1xml.
        /// [JsonInclude] keeps it in accounts.json.</summary>
        [System.Text.Json.Serialization.JsonInclude]
        internal MailProtocol Protocol { get; set; } = MailProtocol.Imap;
        /// <summary>Internal (ConvertTo-Json would write a number); PowerShell reads the name through MailTools.types.ps1xml.
        /// [JsonInclude] keeps it in accounts.json.</summary>
        [System.Text.Json.Serialization.JsonInclude]
        internal MailSecurity Security { get; set; } = MailSecurity.Auto;
        /// <summary>The login name.</summary>
        public string UserName { get; set; } = string.Empty;
        /// <summary>The POP3 host when it differs from <see cref="Server"/> (Compare-MailProtocol uses it).</summary>
        public string? Pop3Server { get; set; }
        /// <summary>The POP3 port; null means the default.</summary>
        public int? Pop3Port { get; set; }
        /// <summary>The SMTP submission host for sending (Compare-MailProtocol, Test-MailAccount -Smtp); null: <see cref="Server"/>.</summary>
        public string? SmtpServer { get; set; }
        /// <summary>The SMTP submission port; null means the default.</summary>
        public int? SmtpPort { get; set; }
        /// <summary>host[:port] of the DNS server that resolves this account's servers (split-horizon); null: the system's.</summary>
        public string? DnsServer { get; set; }
        /// <summary>The address the account was found from (Register-MailAccount -EmailAddress).</summary>
        public string? EmailAddress { get; set; }
        /// <summary>Accept any TLS certificate (test servers only).</summary>
        public bool SkipCertificateCheck { get; set; }
        /// <summary>Internal (ConvertTo-Json would write a number); PowerShell reads the name through MailTools.types.ps1xml.
        /// [JsonInclude] keeps it in accounts.json.</summary>
        [System.Text.Json.Serialization.JsonInclude]
        internal CredentialStore CredentialStore { get; set; }
        /// <summary>The SecretManagement vault; empty means the user's default vault.</summary>
        public string? Vault { get; set; }
        /// <summary>The secret's name in the vault: "MailTools/&lt;account name&gt;".</summary>
        public string? SecretName { get; set; }
        /// <summary>How to sign in; Password unless an OAuth2 method was chosen (Get-MailAccount shows it).</summary>
        /// <summary>Internal (ConvertTo-Json would write a number); PowerShell reads the name through MailTools.types.ps1xml.
        /// [JsonInclude] keeps it in accounts.json.</summary>
        [System.Text.Json.Serialization.JsonInclude]
        internal SignInMethod SignIn { get; set; } = SignInMethod.Password;
        /// <summary>The app registration (client) id for Microsoft 365 sign-in.</summary>
        public string? ClientId { get; set; }
        /// <summary>The Microsoft 365 tenant (id or domain); empty for a user sign-in means any work account.</summary>
        public string? TenantId { get; set; }
        /// <summary>The OAuth2 scopes asked for; empty means the method's defaults.</summary>
        /// <summary>Internal, kept in accounts.json ([JsonInclude]); PowerShell reads it as a ValueList (MailTools.types.ps1xml),
        /// so Export-Csv writes the names, not "System.String[]".</summary>
        [System.Text.Json.Serialization.JsonInclude]
        internal string[]? Scopes { get; set; }
        /// <summary>App-only: the certificate's thumbprint (CurrentUser\My or LocalMachine\My), or a PFX file.</summary>
        public string? CertificateThumbprint { get; set; }
        /// <summary>App-only: a PFX file holding the certificate and key.</summary>
        public string? CertificatePath { get; set; }
        /// <summary>Google installed app: the client_secret.json file (the app's client id is saved in ClientId).</summary>
        public string? GoogleClientSecretPath { get; set; }
        /// <summary>Google service account: its JSON key file; empty when the key is in the vault.</summary>
        public string? GoogleServiceAccountKeyPath { get; set; }
        /// <summary>A token cache file only the user can read, for computers without a keyring (scheduled runs).</summary>
        public string? TokenCachePath { get; set; }
        /// <summary>When the profile was first saved.</summary>
        public DateTimeOffset Created { get; set; }
        /// <summary>When the profile was last changed.</summary>
        public DateTimeOffset Modified { get; set; }

        /// <summary>The vault secret's name for an account: "MailTools/" + its name.</summary>
        public static string SecretNameFor(string accountName) => "MailTools/" + accountName;

        /// <summary>A shallow copy, to change without touching the stored profile.</summary>
        public MailAccount Clone() => (MailAccount)MemberwiseClone();

        /// <summary>The profile's name.</summary>
        public override string ToString() => Name;
    }
}
