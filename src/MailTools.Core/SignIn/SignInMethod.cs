namespace MailTools
{
    /// <summary>How MailTools signs in to an account. Saved with the account profile; no secret is part of it.</summary>
    public enum SignInMethod
    {
        /// <summary>User name and password (SASL PLAIN/LOGIN), from -Credential or the vault.</summary>
        Password,
        /// <summary>An OAuth2 access token made elsewhere (-AccessToken); it cannot renew itself.</summary>
        AccessToken,
        /// <summary>Microsoft 365, one user: device-code sign-in (works over SSH), then silent renewal from the token cache.</summary>
        MicrosoftDeviceCode,
        /// <summary>Microsoft 365, one user: sign-in in the system browser, then silent renewal from the token cache.</summary>
        MicrosoftInteractive,
        /// <summary>Microsoft 365 app-only (client credentials) with a certificate; the mailbox is the user name.</summary>
        MicrosoftCertificate,
        /// <summary>Microsoft 365 app-only (client credentials) with a client secret kept in the vault.</summary>
        MicrosoftClientSecret,
        /// <summary>Google, one user: installed-app sign-in in the system browser (loopback redirect), then silent renewal with the kept refresh token.</summary>
        GoogleInstalledApp,
        /// <summary>Google Workspace: a service account with domain-wide delegation acting as the user name's mailbox.</summary>
        GoogleServiceAccount,
    }
}
