using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MailTools.IdentityProvider;

/// <summary>Device codes waiting for approval, live refresh tokens, and a log of every token issued (for the tests).</summary>
public sealed class ProviderState
{
    public ProviderState(ProviderConfig config)
    {
        Config = config;
        Lifetime = config.AccessTokenLifetimeSeconds;
    }

    public ProviderConfig Config { get; }
    public string BaseUrl { get; set; } = "";
    public int Lifetime { get; set; }
    public ConcurrentDictionary<string, int> DeviceCodes { get; } = new();
    /// <summary>refresh token → (user, client id, scope); removed when used (rotation) or revoked.</summary>
    public ConcurrentDictionary<string, (string User, string ClientId, string Scope)> RefreshTokens { get; } = new();
    /// <summary>authorization code → what it was given for (one use).</summary>
    public ConcurrentDictionary<string, AuthorizationGrant> Codes { get; } = new();
    public ConcurrentQueue<IssuedToken> Issued { get; } = new();
    public ConcurrentQueue<string> Requests { get; } = new();

    public static string NewSecret() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
}

/// <summary>A consent given in the browser: for whom, which client and redirect, and the PKCE challenge.</summary>
public sealed record AuthorizationGrant(string User, string ClientId, string RedirectUri, string Scope, string? CodeChallenge);

/// <summary>One access token handed out (never the token itself: tests look at who, what and when).</summary>
public sealed record IssuedToken(string Grant, string User, string ClientId, string Audience, long IssuedAt, long ExpiresAt, string Id);

public static class Base64Url
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        string s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
