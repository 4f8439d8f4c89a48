using System;
using System.Net.Http;
using Microsoft.Identity.Client;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools.Core.SignIn
{
    /// <summary>
    /// Sign-in failures as MailToolsAuthenticationFailed with what to do. Messages carry the provider's error code
    /// and description (they never contain a token), never a stack trace.
    /// </summary>
    public static class SignInErrors
    {
        /// <summary>What a mailbox needs before a token opens it: the advice every sign-in failure ends with.</summary>
        public const string WhatTheMailboxNeeds =
            "The token must be for the mail server (scope https://outlook.office.com/IMAP.AccessAsUser.All or POP.AccessAsUser.All for a user; https://outlook.office365.com/.default for app-only), " +
            "an admin must have granted consent to the app, and IMAP/POP must be enabled for the mailbox (Set-CASMailbox <mailbox> -ImapEnabled $true). " +
            "App-only also needs New-ServicePrincipal and Add-MailboxPermission for the mailbox. See Get-Help about_MailTools_Authentication.";

        internal static bool IsSignInFailure(Exception ex) =>
            ex is MsalException || ex is HttpRequestException || (ex is AggregateException ae && ae.InnerException is MsalException);

        internal static MailToolsException Missing(string parameter, string why) =>
            new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument, why, parameter)
            { RecommendedAction = $"Pass {parameter}." };

        internal static MailToolsException WrongUser(string signedIn, string wanted) =>
            new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                $"The sign-in was completed as '{signedIn}', but the mailbox to open is '{wanted}'. MailTools did not use that token.", wanted)
            { RecommendedAction = $"Sign in again as {wanted}, or pass -UserName {signedIn}." };

        internal static MailToolsException Translate(Exception ex, string what, string userName, string authority, bool interactive)
        {
            if (ex is AggregateException ae && ae.InnerException != null)
                ex = ae.InnerException;
            switch (ex)
            {
                case MsalUiRequiredException ui:
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"The saved sign-in of {userName} with {what} can no longer be renewed ({ui.ErrorCode}: {FirstLine(ui.Message)}). The refresh token was revoked or expired, or consent was withdrawn.", userName, ex)
                    {
                        RecommendedAction = interactive
                            ? "Sign in again: Connect-MailServer -Account <name> (or -ClientId/-TenantId/-UserName), and approve the sign-in. " + WhatTheMailboxNeeds
                            : "This run is non-interactive, so MailTools did not start a new sign-in. Sign in once interactively (Connect-MailServer -Account <name> with the same -TokenCachePath), then scheduled runs renew silently again.",
                    };
                case MsalServiceException service:
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"The Microsoft sign-in service at {authority} refused {what} for {userName}: {service.ErrorCode}: {ServerDescription(service)}", userName, ex)
                    { RecommendedAction = "Check the app registration's client id, tenant and credentials, and that the API permissions are granted (admin consent). " + WhatTheMailboxNeeds };
                case MsalClientException client when client.ErrorCode == "authentication_canceled" || client.ErrorCode == "code_expired":
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"The sign-in of {userName} was not completed in time or was cancelled ({client.ErrorCode}).", userName, ex)
                    { RecommendedAction = "Run the command again and complete the sign-in in the browser before the code expires." };
                case HttpRequestException http:
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"The Microsoft sign-in service at {authority} cannot be reached: {FirstLine(http.Message)}", authority, ex)
                    { RecommendedAction = "Check the network and proxy settings; the sign-in needs HTTPS access to login.microsoftonline.com." };
                default:
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"The sign-in of {userName} with {what} failed: {(ex as MsalException)?.ErrorCode}: {FirstLine(ex.Message)}", userName, ex)
                    { RecommendedAction = WhatTheMailboxNeeds };
            }
        }

        /// <summary>The mail server refused the token (expired, wrong audience, no permission for the mailbox).</summary>
        public static MailToolsException TokenRefused(ServerEndpoint where, ITokenSource source, Exception inner)
        {
            bool renewable = !(source is StaticTokenSource);
            return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                $"The {where.Describe()} refused the access token from {source.Description} ({FirstLine(inner.Message)}). It may have expired, be meant for another service (wrong audience or scope), or lack permission for this mailbox.", where, inner)
            {
                RecommendedAction = (renewable ? "" : "A token given with -AccessToken cannot renew itself: get a new one, or let MailTools sign in with -ClientId/-TenantId. ") + WhatTheMailboxNeeds,
            };
        }

        /// <summary>The service's own error_description (MSAL's message wraps it in generic advice).</summary>
        static string ServerDescription(MsalServiceException ex)
        {
            try
            {
                using (var doc = System.Text.Json.JsonDocument.Parse(ex.ResponseBody ?? ""))
                    if (doc.RootElement.TryGetProperty("error_description", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.String)
                        return FirstLine(d.GetString());
            }
            catch (System.Text.Json.JsonException) { /* not JSON: fall back to MSAL's message */ }
            return FirstLine(ex.Message);
        }

        static string FirstLine(string? message)
        {
            string line = (message ?? string.Empty).Split('\n')[0].Trim();
            return line.Length > 300 ? line.Substring(0, 300) + "…" : line;
        }
    }
}
