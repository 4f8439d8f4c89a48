#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Linq;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using MailTools.Core.SignIn;

namespace MailTools.Accounts
{
    /// <summary>
    /// The OAuth2 parameters the connecting cmdlets share, turned into a sign-in method and settings. The method
    /// follows from what was given: a certificate or a secret means app-only, -Interactive the browser, else device code.
    /// </summary>
    internal sealed class SignInParameters
    {
        public string ClientId { get; set; }
        public string TenantId { get; set; }
        public string[] Scope { get; set; }
        public X509Certificate2 Certificate { get; set; }
        public string CertificateThumbprint { get; set; }
        public string CertificatePath { get; set; }
        public SecureString CertificatePassword { get; set; }
        public SecureString ClientSecret { get; set; }
        public bool Interactive { get; set; }
        public string TokenCachePath { get; set; }

        public SignInMethod Method =>
            Certificate != null || !string.IsNullOrEmpty(CertificateThumbprint) || !string.IsNullOrEmpty(CertificatePath) ? SignInMethod.MicrosoftCertificate
            : ClientSecret != null ? SignInMethod.MicrosoftClientSecret
            : Interactive ? SignInMethod.MicrosoftInteractive
            : SignInMethod.MicrosoftDeviceCode;

        public SignInSettings ToSettings() => new SignInSettings
        {
            Method = Method,
            ClientId = ClientId,
            TenantId = TenantId,
            Scopes = Scope ?? Array.Empty<string>(),
            Certificate = Certificate,
            CertificateThumbprint = CertificateThumbprint,
            CertificatePath = CertificatePath,
            CertificatePassword = CertificatePassword,
            ClientSecret = ClientSecret,
            TokenCachePath = TokenCachePath,
            AllowInteraction = IsInteractiveSession(),
        };

        /// <summary>
        /// False for `pwsh -NonInteractive` (how scheduled tasks and CI run scripts) or a process without a user
        /// session: a sign-in that would wait for a person fails at once with advice instead.
        /// </summary>
        public static bool IsInteractiveSession()
        {
            if (!Environment.UserInteractive)
                return false;
            return !Environment.GetCommandLineArgs().Skip(1).Any(a =>
                a.Length >= 5 && "-noninteractive".StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal) && a.StartsWith("-noni", StringComparison.OrdinalIgnoreCase));
        }
    }
}
