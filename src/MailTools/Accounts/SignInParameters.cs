using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using MailTools.Core.SignIn;

namespace MailTools.Accounts
{
    /// <summary>
    /// The OAuth2 sign-in parameters, declared once: Connect-MailServer, Register-MailAccount and Set-MailAccount return
    /// an instance from IDynamicParameters.GetDynamicParameters, so PowerShell binds, completes and documents them like
    /// the cmdlet's own. They belong to every parameter set; each cmdlet says where they make sense
    /// (<see cref="GivenNames"/>). The method follows from what was given: a Google file means Google, a certificate or
    /// a secret app-only, -Interactive the browser, else device code. -AccessToken stays on each cmdlet: its parameter
    /// sets differ from one cmdlet to the next.
    /// </summary>
    public sealed class SignInParameters
    {
        /// <summary>The application (client) id of the Microsoft Entra app registration.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? ClientId { get; set; }
        /// <summary>The Microsoft 365 tenant (id or domain); "organizations" when left out for a user sign-in.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? TenantId { get; set; }
        /// <summary>Scopes instead of the method's defaults.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string[]? Scope { get; set; }
        /// <summary>Microsoft user sign-in in the browser instead of a device code.</summary>
        [Parameter] public SwitchParameter Interactive { get; set; }
        /// <summary>App-only: the app's certificate (with its private key).</summary>
        [Parameter] [ValidateNotNull] public X509Certificate2? Certificate { get; set; }
        /// <summary>App-only: the thumbprint of the app's certificate in the user's or machine's store.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? CertificateThumbprint { get; set; }
        /// <summary>App-only: a .pfx/.p12 or PEM file with the app's certificate and key.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? CertificatePath { get; set; }
        /// <summary>The password of -CertificatePath.</summary>
        [Parameter] public SecureString? CertificatePassword { get; set; }
        /// <summary>App-only: the app's client secret (saved accounts keep it in the vault).</summary>
        [Parameter] [ValidateNotNull] public SecureString? ClientSecret { get; set; }
        /// <summary>A token cache file only the user can read, for machines without a keyring.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? TokenCachePath { get; set; }
        /// <summary>Google installed app: the client_secret.json of a "Desktop app" OAuth client (its path is saved).</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? GoogleClientSecretPath { get; set; }
        /// <summary>Google Workspace: a service account's JSON key (a saved account keeps the key itself in the vault).</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? GoogleServiceAccountKeyPath { get; set; }

        /// <summary>A saved account whose service account key is in the vault (no file named).</summary>
        internal bool GoogleServiceAccountKeyInVault { get; set; }

        /// <summary>The service account key read from -GoogleServiceAccountKeyPath by <see cref="SavedSignIn.Apply"/>, waiting for the vault.</summary>
        internal SecureString? ServiceAccountKey { get; set; }

        /// <summary>The names of these parameters, for "was any of them given" checks.</summary>
        public static readonly string[] Names = typeof(SignInParameters).GetProperties()
            .Where(p => p.GetCustomAttributes(typeof(ParameterAttribute), false).Length > 0).Select(p => p.Name).ToArray();

        /// <summary>The sign-in parameters the user gave (bound parameters include dynamic ones).</summary>
        public static string[] GivenNames(IDictionary<string, object> bound) => Names.Where(bound.ContainsKey).ToArray();

        /// <summary>The method these parameters describe.</summary>
        public SignInMethod Method =>
            !string.IsNullOrEmpty(GoogleServiceAccountKeyPath) || GoogleServiceAccountKeyInVault ? SignInMethod.GoogleServiceAccount
            : !string.IsNullOrEmpty(GoogleClientSecretPath) ? SignInMethod.GoogleInstalledApp
            : Certificate != null || !string.IsNullOrEmpty(CertificateThumbprint) || !string.IsNullOrEmpty(CertificatePath) ? SignInMethod.MicrosoftCertificate
            : ClientSecret != null ? SignInMethod.MicrosoftClientSecret
            : Interactive ? SignInMethod.MicrosoftInteractive
            : SignInMethod.MicrosoftDeviceCode;

        /// <summary>What a token source needs, for a sign-in made now (Connect-MailServer).</summary>
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
            GoogleClientSecretPath = GoogleClientSecretPath,
            GoogleServiceAccountKeyPath = GoogleServiceAccountKeyPath,
            AllowInteraction = IsInteractiveSession(),
        };

        /// <summary>File parameters as full file-system paths (relative to PowerShell's location, not the process's).</summary>
        public SignInParameters ResolvePaths(PSCmdlet cmdlet)
        {
            CertificatePath = Resolve(cmdlet, CertificatePath);
            TokenCachePath = Resolve(cmdlet, TokenCachePath);
            GoogleClientSecretPath = Resolve(cmdlet, GoogleClientSecretPath);
            GoogleServiceAccountKeyPath = Resolve(cmdlet, GoogleServiceAccountKeyPath);
            return this;
        }

        static string? Resolve(PSCmdlet cmdlet, string? path) => string.IsNullOrEmpty(path) ? null : cmdlet.GetUnresolvedProviderPathFromPSPath(path);

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
