using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace MailTools.IdentityProvider;

/// <summary>The routes: Microsoft identity platform v2.0 shapes under /{tenant}/, plus /admin/* for the tests.</summary>
public static class Endpoints
{
    public static void Map(WebApplication app, ProviderState state)
    {
        app.Use(async (context, next) =>
        {
            state.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await next();
        });

        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer(state, tenant),
            ["authorization_endpoint"] = $"{state.BaseUrl}/{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{state.BaseUrl}/{tenant}/oauth2/v2.0/token",
            ["device_authorization_endpoint"] = $"{state.BaseUrl}/{tenant}/oauth2/v2.0/devicecode",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "HS256" },
        }));

        // Interactive sign-in (MSAL's system browser): any public client, consent by BrowserUser.
        app.MapGet("/{tenant}/oauth2/v2.0/authorize", (string tenant, HttpRequest request) => Consent.Authorize(state, request, _ => true));

        app.MapPost("/{tenant}/oauth2/v2.0/devicecode", async (string tenant, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            string code = ProviderState.NewSecret();
            state.DeviceCodes[code] = 0;
            string userCode = code.Substring(0, 8).ToUpperInvariant();
            string uri = $"{state.BaseUrl}/devicelogin";
            return Results.Json(new Dictionary<string, object>
            {
                ["device_code"] = code,
                ["user_code"] = userCode,
                ["verification_uri"] = uri,
                ["expires_in"] = 300,
                ["interval"] = 1,
                ["message"] = $"To sign in, use a web browser to open the page {uri} and enter the code {userCode} to authenticate.",
            });
        });

        app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            string grant = form["grant_type"].ToString();
            string clientId = form["client_id"].ToString();
            string scope = form["scope"].ToString();
            switch (grant)
            {
                case "urn:ietf:params:oauth:grant-type:device_code":
                case "device_code": // what MSAL sends to the Microsoft identity platform
                    string deviceCode = form["device_code"].ToString();
                    if (!state.DeviceCodes.TryGetValue(deviceCode, out int polls))
                        return Error("expired_token", "The device code is unknown or expired.");
                    if (polls < state.Config.PendingPolls)
                    {
                        state.DeviceCodes[deviceCode] = polls + 1;
                        return Error("authorization_pending", "The user has not yet approved the sign-in.");
                    }
                    state.DeviceCodes.TryRemove(deviceCode, out _);
                    return UserTokens(state, tenant, grant, state.Config.DeviceCodeUser, clientId, scope);
                case "authorization_code":
                    var (granted, problem) = Consent.Redeem(state, form);
                    if (granted == null)
                        return Error("invalid_grant", "AADSTS70008: " + problem);
                    return UserTokens(state, tenant, grant, granted.User, clientId, string.IsNullOrEmpty(scope) ? granted.Scope : scope);
                case "refresh_token":
                    string refresh = form["refresh_token"].ToString();
                    if (!state.RefreshTokens.TryRemove(refresh, out var owner) || owner.ClientId != clientId)
                        return Error("invalid_grant", "AADSTS700082: The refresh token has expired or was revoked. The user must sign in again.");
                    return UserTokens(state, tenant, grant, owner.User, clientId, string.IsNullOrEmpty(scope) ? owner.Scope : scope);
                case "client_credentials":
                    var app = state.Config.Apps.FirstOrDefault(a => a.ClientId == clientId);
                    if (app == null)
                        return Error("unauthorized_client", $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory.");
                    string? clientProblem;
                    try { clientProblem = CheckClient(state, app, form, $"{state.BaseUrl}{request.Path}"); }
                    catch (Exception ex) { Console.Error.WriteLine(ex); clientProblem = "the client assertion could not be read: " + ex.Message; }
                    if (clientProblem != null)
                        return Error("invalid_client", "AADSTS7000215: " + clientProblem);
                    return AppToken(state, tenant, app, scope);
                default:
                    return Error("unsupported_grant_type", $"grant_type '{grant}' is not supported here.");
            }
        });

        // For the tests: what was issued, revoke every refresh token, change the lifetime of new access tokens.
        app.MapGet("/admin/issued", () => Results.Json(state.Issued.ToArray()));
        app.MapGet("/admin/requests", () => Results.Json(state.Requests.ToArray()));
        app.MapPost("/admin/revoke", () => { state.RefreshTokens.Clear(); return Results.Ok(); });
        app.MapPost("/admin/lifetime/{seconds:int}", (int seconds) => { state.Lifetime = seconds; return Results.Ok(); });
    }

    /// <summary>The HMAC key; Dovecot base64-decodes the same text from its key dict.</summary>
    internal static byte[] SigningKey(ProviderState state) => Convert.FromBase64String(state.Config.SigningKey);

    static string Issuer(ProviderState state, string tenant) => $"{state.BaseUrl}/{state.Config.TenantId}/v2.0";

    internal static IResult Error(string code, string description) =>
        Results.Json(new Dictionary<string, object> { ["error"] = code, ["error_description"] = description, ["error_codes"] = new[] { 0 } }, statusCode: 400);

    static string? CheckClient(ProviderState state, RegisteredApp app, IFormCollection form, string tokenEndpoint)
    {
        string assertion = form["client_assertion"].ToString();
        if (!string.IsNullOrEmpty(assertion))
        {
            if (app.CertificatePath == null) return "the app has no certificate registered";
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(app.CertificatePath);
            return Jwt.CheckAssertion(assertion, app.ClientId, certificate, tokenEndpoint);
        }
        string secret = form["client_secret"].ToString();
        if (app.ClientSecret == null || secret != app.ClientSecret) return "Invalid client secret provided.";
        return null;
    }

    /// <summary>The audience is the resource named by the first scope (https://outlook.office.com/IMAP.AccessAsUser.All → https://outlook.office.com).</summary>
    internal static string Audience(string scope)
    {
        string first = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => s.Contains("://")) ?? "";
        if (!Uri.TryCreate(first, UriKind.Absolute, out var uri)) return "";
        return $"{uri.Scheme}://{uri.Host}";
    }

    static IResult UserTokens(ProviderState state, string tenant, string grant, string user, string clientId, string scope)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string oid = "00000000-0000-0000-0000-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(user.PadRight(6, '0'))).Substring(0, 12).ToLowerInvariant();
        string tid = state.Config.TenantId;
        string aud = Audience(scope);
        string jti = ProviderState.NewSecret().Substring(0, 16);
        var key = SigningKey(state);
        string access = Jwt.Sign(Jwt.Claims(("iss", Issuer(state, tenant)), ("aud", aud), ("sub", oid), ("oid", oid), ("tid", tid),
            ("email", user), ("preferred_username", user), ("appid", clientId), ("scp", ResourceScopes(scope)),
            ("iat", now), ("nbf", now), ("exp", now + state.Lifetime), ("uti", jti)), key, state.Config.KeyId);
        string idToken = Jwt.Sign(Jwt.Claims(("iss", Issuer(state, tenant)), ("aud", clientId), ("sub", oid), ("oid", oid), ("tid", tid),
            ("preferred_username", user), ("name", user), ("ver", "2.0"), ("iat", now), ("nbf", now), ("exp", now + 3600)), key, state.Config.KeyId);
        string refresh = ProviderState.NewSecret();
        state.RefreshTokens[refresh] = (user, clientId, scope);
        state.Issued.Enqueue(new IssuedToken(grant, user, clientId, aud, now, now + state.Lifetime, jti));
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = scope,
            ["expires_in"] = state.Lifetime,
            ["ext_expires_in"] = state.Lifetime,
            ["access_token"] = access,
            ["refresh_token"] = refresh,
            ["id_token"] = idToken,
            ["client_info"] = Jwt.ClientInfo(oid, tid),
        });
    }

    static IResult AppToken(ProviderState state, string tenant, RegisteredApp app, string scope)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string aud = Audience(scope);
        string jti = ProviderState.NewSecret().Substring(0, 16);
        // Exchange checks Add-MailboxPermission per mailbox; Dovecot can only compare the user name, so the app's
        // token names the one mailbox it was granted.
        string mailbox = app.Mailboxes.FirstOrDefault() ?? "";
        string access = Jwt.Sign(Jwt.Claims(("iss", Issuer(state, tenant)), ("aud", aud), ("sub", app.ClientId), ("appid", app.ClientId),
            ("tid", state.Config.TenantId), ("roles", new JsonArray("IMAP.AccessAsApp", "POP.AccessAsApp")), ("email", mailbox),
            ("iat", now), ("nbf", now), ("exp", now + state.Lifetime), ("uti", jti)), SigningKey(state), state.Config.KeyId);
        state.Issued.Enqueue(new IssuedToken("client_credentials", mailbox, app.ClientId, aud, now, now + state.Lifetime, jti));
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = state.Lifetime,
            ["ext_expires_in"] = state.Lifetime,
            ["access_token"] = access,
        });
    }

    static string ResourceScopes(string scope) =>
        string.Join(' ', scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => s.Contains("://")).Select(s => s.Substring(s.LastIndexOf('/') + 1)));
}
