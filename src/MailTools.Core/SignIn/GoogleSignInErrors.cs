using System;
using System.Net.Http;
using Google.Apis.Auth.OAuth2.Responses;
using MailTools.Core.Errors;

namespace MailTools.Core.SignIn
{
    /// <summary>Google sign-in failures as MailToolsAuthenticationFailed with what to do; never a token or key.</summary>
    internal static class GoogleSignInErrors
    {
        public const string WhatTheMailboxNeeds =
            "The OAuth client must be allowed the scope https://mail.google.com/ (OAuth consent screen), and IMAP must be on for the mailbox (Gmail settings, or the Workspace admin console). " +
            "A service account also needs domain-wide delegation of https://mail.google.com/ to its client id (Admin console > Security > API controls). See Get-Help about_MailTools_Authentication.";

        internal static bool IsSignInFailure(Exception? ex) =>
            ex is TokenResponseException || ex is HttpRequestException || ex is GoogleTokenSource.NoSavedSignInException
            || ex is InvalidOperationException || ex is ArgumentException || (ex is AggregateException ae && IsSignInFailure(ae.InnerException));

        internal static MailToolsException Translate(Exception ex, string what, string userName, bool interactive, bool serviceAccount)
        {
            if (ex is AggregateException ae && ae.InnerException != null)
                ex = ae.InnerException;
            switch (ex)
            {
                case GoogleTokenSource.NoSavedSignInException _:
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"There is no saved Google sign-in for {userName}, and this run is non-interactive, so MailTools did not open a browser.", userName, ex)
                    { RecommendedAction = "Sign in once interactively (Connect-MailServer -Account <name>, with the same -TokenCachePath if you use one); scheduled runs then renew silently." };
                case TokenResponseException response when response.Error?.Error == "invalid_grant" && !serviceAccount:
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"The saved Google sign-in of {userName} with {what} can no longer be renewed (invalid_grant: {response.Error.ErrorDescription}). The refresh token was revoked or expired.", userName, ex)
                    {
                        RecommendedAction = interactive ? "Sign in again and give consent in the browser. " + WhatTheMailboxNeeds
                            : "This run is non-interactive: sign in once interactively, then scheduled runs renew silently again.",
                    };
                case TokenResponseException response:
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"Google's sign-in service refused {what} for {userName}: {response.Error?.Error}: {response.Error?.ErrorDescription}", userName, ex)
                    { RecommendedAction = WhatTheMailboxNeeds };
                case HttpRequestException http:
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"Google's sign-in service cannot be reached for {what}: {http.Message.Split('\n')[0]}", userName, ex)
                    { RecommendedAction = "Check the network and proxy settings; the sign-in needs HTTPS access to oauth2.googleapis.com." };
                default:
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"The Google sign-in of {userName} with {what} failed: {ex.Message.Split('\n')[0]}", userName, ex)
                    { RecommendedAction = WhatTheMailboxNeeds };
            }
        }
    }
}
