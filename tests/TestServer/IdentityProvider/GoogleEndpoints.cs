using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MailTools.IdentityProvider;

/// <summary>
/// Google's OAuth 2.0 endpoints under /google: the authorization endpoint (consent in the browser), and the token
/// endpoint with the authorization_code, refresh_token and JWT-bearer (service account, RFC 7523) grants. Google.Apis.Auth
/// finds them through auth_uri/token_uri in the client_secret.json or the service account key the harness writes.
/// </summary>
public static class GoogleEndpoints
{
    public static void Map(WebApplication app, ProviderState state)
    {
        app.MapGet("/google/o/oauth2/v2/auth", (HttpRequest request) =>
            Consent.Authorize(state, request, id => state.Config.GoogleClients.Any(c => c.ClientId == id)));

        app.MapPost("/google/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            string grant = form["grant_type"].ToString();
            string clientId = form["client_id"].ToString();
            switch (grant)
            {
                case "authorization_code":
                {
                    if (!ClientMatches(state, form)) return Endpoints.Error("invalid_client", "The OAuth client was not found.");
                    var (granted, problem) = Consent.Redeem(state, form);
                    if (granted == null) return Endpoints.Error("invalid_grant", problem!);
                    return Tokens(state, grant, granted.User, clientId, granted.Scope, withRefresh: true);
                }
                case "refresh_token":
                {
                    if (!ClientMatches(state, form)) return Endpoints.Error("invalid_client", "The OAuth client was not found.");
                    // Google keeps the refresh token (no rotation): it answers with a new access token only.
                    if (!state.RefreshTokens.TryGetValue(form["refresh_token"].ToString(), out var owner) || owner.ClientId != clientId)
                        return Endpoints.Error("invalid_grant", "Token has been expired or revoked.");
                    return Tokens(state, grant, owner.User, clientId, owner.Scope, withRefresh: false);
                }
                case "urn:ietf:params:oauth:grant-type:jwt-bearer":
                {
                    var (user, scope, account, problem) = CheckAssertion(state, form["assertion"].ToString(), $"{state.BaseUrl}{request.Path}");
                    if (problem != null) return Endpoints.Error(problem.Value.Code, problem.Value.Text);
                    return Tokens(state, "jwt-bearer", user!, account!, scope!, withRefresh: false);
                }
                default:
                    return Endpoints.Error("unsupported_grant_type", $"Invalid grant_type: {grant}");
            }
        });
    }

    const string GoogleAudience = "https://oauth2.googleapis.com/token";

    static bool ClientMatches(ProviderState state, IFormCollection form) =>
        state.Config.GoogleClients.Any(c => c.ClientId == form["client_id"].ToString() && c.ClientSecret == form["client_secret"].ToString());

    /// <summary>
    /// A service account's assertion: RS256 signed with the key whose public half the harness registered, iss = the
    /// account, aud = this token endpoint, sub = the mailbox to act as, scope within the delegated scopes, not expired.
    /// </summary>
    static (string? User, string? Scope, string? Account, (string Code, string Text)? Problem) CheckAssertion(ProviderState state, string assertion, string tokenEndpoint)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3) return (null, null, null, ("invalid_grant", "Invalid JWT: not three parts."));
        var header = JsonNode.Parse(Base64Url.Decode(parts[0]))!.AsObject();
        var body = JsonNode.Parse(Base64Url.Decode(parts[1]))!.AsObject();
        string iss = (string?)body["iss"] ?? "";
        var account = state.Config.ServiceAccounts.FirstOrDefault(a => a.ClientEmail == iss);
        if (account == null) return (null, null, null, ("invalid_grant", "Invalid JWT Signature: unknown service account."));
        if ((string?)header["alg"] != "RS256") return (null, null, null, ("invalid_grant", "Invalid JWT: alg must be RS256."));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(account.PublicKeyPath));
        if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            return (null, null, null, ("invalid_grant", "Invalid JWT Signature."));
        // Google documents the audience of this assertion as always https://oauth2.googleapis.com/token (a name, not
        // where the request goes); the endpoint's own URL is accepted too.
        string aud = (string?)body["aud"] ?? "";
        if (aud != GoogleAudience && aud != tokenEndpoint) return (null, null, null, ("invalid_grant", $"Invalid JWT: aud {aud} is not {GoogleAudience}."));
        long exp = body["exp"]?.GetValue<long>() ?? 0;
        if (exp < DateTimeOffset.UtcNow.ToUnixTimeSeconds()) return (null, null, null, ("invalid_grant", "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe."));
        string scope = (string?)body["scope"] ?? "";
        string? user = (string?)body["sub"];
        if (string.IsNullOrEmpty(user)) return (null, null, null, ("invalid_grant", "This test provider issues mailbox tokens only with sub (domain-wide delegation)."));
        if (scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => !account.DelegatedScopes.Contains(s)))
            return (null, null, null, ("unauthorized_client", "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."));
        return (user, scope, account.ClientEmail, null);
    }

    static IResult Tokens(ProviderState state, string grant, string user, string clientId, string scope, bool withRefresh)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // No azp claim: Dovecot looks the key up under <azp>/HS256/<kid>, and the harness writes it under "default".
        string aud = Endpoints.Audience(scope);
        string jti = ProviderState.NewSecret().Substring(0, 16);
        string access = Jwt.Sign(Jwt.Claims(("iss", $"{state.BaseUrl}/google"), ("aud", aud), ("sub", user), ("email", user),
            ("scope", scope), ("iat", now), ("nbf", now), ("exp", now + state.Lifetime), ("jti", jti)), Endpoints.SigningKey(state), state.Config.KeyId);
        state.Issued.Enqueue(new IssuedToken("google:" + grant, user, clientId, aud, now, now + state.Lifetime, jti));
        var response = new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = scope,
            ["expires_in"] = state.Lifetime,
            ["access_token"] = access,
        };
        if (withRefresh)
        {
            string refresh = ProviderState.NewSecret();
            state.RefreshTokens[refresh] = (user, clientId, scope);
            response["refresh_token"] = refresh;
        }
        return Results.Json(response);
    }
}
