using System.Security.Cryptography;
using System.Text;

namespace MailTools.IdentityProvider;

/// <summary>
/// The authorization endpoint both providers have: the browser arrives with client, redirect URI, scope, state and a
/// PKCE challenge; the configured BrowserUser consents at once and the browser is sent back to the app's loopback
/// redirect URI with a one-time code. The token endpoints then trade the code (authorization_code grant).
/// </summary>
public static class Consent
{
    public static IResult Authorize(ProviderState state, HttpRequest request, Func<string, bool> knownClient)
    {
        var q = request.Query;
        string clientId = q["client_id"].ToString();
        string redirect = q["redirect_uri"].ToString();
        if (q["response_type"].ToString() != "code")
            return Results.BadRequest("response_type must be code");
        if (!knownClient(clientId))
            return Results.BadRequest($"unknown client {clientId}");
        // Installed apps redirect to loopback only (RFC 8252 7.3).
        if (!Uri.TryCreate(redirect, UriKind.Absolute, out var uri) || uri.Scheme != "http" || !(uri.IsLoopback || uri.Host == "localhost"))
            return Results.BadRequest("redirect_uri must be a loopback http URI");
        string code = ProviderState.NewSecret();
        string? challenge = q["code_challenge"].ToString();
        if (!string.IsNullOrEmpty(challenge) && q["code_challenge_method"].ToString() != "S256")
            return Results.BadRequest("code_challenge_method must be S256");
        state.Codes[code] = new AuthorizationGrant(state.Config.BrowserUser, clientId, redirect, q["scope"].ToString(), string.IsNullOrEmpty(challenge) ? null : challenge);
        if (q["response_mode"].ToString() == "form_post")
        {
            // What Microsoft answers for form_post (MSAL asks for it): a page whose form the browser posts to the app.
            string Field(string name, string value) => $"<input type=\"hidden\" name=\"{name}\" value=\"{System.Net.WebUtility.HtmlEncode(value)}\">";
            string page = $"<html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{System.Net.WebUtility.HtmlEncode(redirect)}\">"
                + Field("code", code) + Field("state", q["state"].ToString()) + "</form></body></html>";
            return Results.Content(page, "text/html");
        }
        string separator = redirect.Contains('?') ? "&" : "?";
        return Results.Redirect($"{redirect}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"].ToString())}");
    }

    /// <summary>The grant for a code, if client, redirect URI and PKCE verifier match; else the OAuth error text.</summary>
    public static (AuthorizationGrant? Grant, string? Problem) Redeem(ProviderState state, IFormCollection form)
    {
        if (!state.Codes.TryRemove(form["code"].ToString(), out var grant))
            return (null, "The authorization code is unknown, expired or already used.");
        if (grant.ClientId != form["client_id"].ToString())
            return (null, "The code was issued to another client.");
        if (grant.RedirectUri != form["redirect_uri"].ToString())
            return (null, "redirect_uri does not match the one of the authorization request.");
        if (grant.CodeChallenge != null)
        {
            string verifier = form["code_verifier"].ToString();
            string computed = Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (computed != grant.CodeChallenge)
                return (null, "The PKCE code_verifier does not match the code_challenge.");
        }
        return (grant, null);
    }
}
