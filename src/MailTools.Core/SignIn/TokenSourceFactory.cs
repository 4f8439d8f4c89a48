using System;
using MailTools.Core.Errors;

namespace MailTools.Core.SignIn
{
    /// <summary>The token source for a sign-in method; null for passwords.</summary>
    public static class TokenSourceFactory
    {
        /// <summary>Makes the token source a connection asks at every login; null for password sign-in.</summary>
        public static ITokenSource? Create(SignInSettings? settings, string userName, MailProtocol protocol)
        {
            if (settings == null)
                return null;
            switch (settings.Method)
            {
                case SignInMethod.Password:
                    return null;
                case SignInMethod.AccessToken:
                    if (settings.AccessToken == null)
                        throw SignInErrors.Missing("-AccessToken", "This account signs in with an access token, and none was given.");
                    return new StaticTokenSource(settings.AccessToken);
                case SignInMethod.GoogleInstalledApp:
                    if (string.IsNullOrWhiteSpace(settings.GoogleClientSecretPath))
                        throw SignInErrors.Missing("-GoogleClientSecretPath", "A Google installed-app sign-in needs the client_secret.json of a Desktop app OAuth client.");
                    return new GoogleTokenSource(settings, userName);
                case SignInMethod.GoogleServiceAccount:
                    if (string.IsNullOrWhiteSpace(settings.GoogleServiceAccountKeyPath) && settings.GoogleServiceAccountKey == null)
                        throw SignInErrors.Missing("-GoogleServiceAccountKeyPath", "A Google service account sign-in needs the account's JSON key (a file, or the key saved in the vault).");
                    return new GoogleTokenSource(settings, userName);
                default:
                    if (string.IsNullOrWhiteSpace(settings.ClientId))
                        throw SignInErrors.Missing("-ClientId", "A Microsoft 365 sign-in needs the app registration's client id.");
                    return new MicrosoftTokenSource(settings, userName, protocol);
            }
        }
    }
}
