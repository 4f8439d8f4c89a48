#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using MailTools.Core.Errors;

namespace MailTools.Core.SignIn
{
    /// <summary>The token source for a sign-in method; null for passwords.</summary>
    public static class TokenSourceFactory
    {
        public static ITokenSource Create(SignInSettings settings, string userName, MailProtocol protocol)
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
                default:
                    if (string.IsNullOrWhiteSpace(settings.ClientId))
                        throw SignInErrors.Missing("-ClientId", "A Microsoft 365 sign-in needs the app registration's client id.");
                    return new MicrosoftTokenSource(settings, userName, protocol);
            }
        }
    }
}
