#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
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
        public string Name { get; set; }
        public string Server { get; set; }
        public int? Port { get; set; }
        public MailProtocol Protocol { get; set; } = MailProtocol.Imap;
        public MailSecurity Security { get; set; } = MailSecurity.Auto;
        public string UserName { get; set; }
        /// <summary>The POP3 host when it differs from <see cref="Server"/> (Compare-MailProtocol uses it).</summary>
        public string Pop3Server { get; set; }
        public int? Pop3Port { get; set; }
        /// <summary>The SMTP submission host for sending (Compare-MailProtocol, Test-MailAccount -Smtp); null: <see cref="Server"/>.</summary>
        public string SmtpServer { get; set; }
        public int? SmtpPort { get; set; }
        /// <summary>host[:port] of the DNS server that resolves this account's servers (split-horizon); null: the system's.</summary>
        public string DnsServer { get; set; }
        /// <summary>The address the account was found from (Register-MailAccount -EmailAddress).</summary>
        public string EmailAddress { get; set; }
        public bool SkipCertificateCheck { get; set; }
        public CredentialStore CredentialStore { get; set; }
        /// <summary>The SecretManagement vault; empty means the user's default vault.</summary>
        public string Vault { get; set; }
        /// <summary>The secret's name in the vault: "MailTools/&lt;account name&gt;".</summary>
        public string SecretName { get; set; }
        /// <summary>How to sign in; Password unless an OAuth2 method was chosen (Get-MailAccount shows it).</summary>
        public SignInMethod SignIn { get; set; } = SignInMethod.Password;
        /// <summary>The app registration (client) id for Microsoft 365 sign-in.</summary>
        public string ClientId { get; set; }
        /// <summary>The Microsoft 365 tenant (id or domain); empty for a user sign-in means any work account.</summary>
        public string TenantId { get; set; }
        /// <summary>The OAuth2 scopes asked for; empty means the method's defaults.</summary>
        public string[] Scopes { get; set; }
        /// <summary>App-only: the certificate's thumbprint (CurrentUser\My or LocalMachine\My), or a PFX file.</summary>
        public string CertificateThumbprint { get; set; }
        public string CertificatePath { get; set; }
        /// <summary>A token cache file only the user can read, for computers without a keyring (scheduled runs).</summary>
        public string TokenCachePath { get; set; }
        public DateTimeOffset Created { get; set; }
        public DateTimeOffset Modified { get; set; }

        public static string SecretNameFor(string accountName) => "MailTools/" + accountName;

        public MailAccount Clone() => (MailAccount)MemberwiseClone();

        public override string ToString() => Name;
    }
}
