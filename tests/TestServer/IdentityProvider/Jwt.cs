using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MailTools.IdentityProvider;

/// <summary>HS256 JWTs as Dovecot's oauth2 passdb validates them locally, and checks of MSAL's certificate assertions.</summary>
public static class Jwt
{
    public static string Sign(JsonObject claims, byte[] key, string keyId)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = keyId };
        string data = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        using var hmac = new HMACSHA256(key);
        return data + "." + Base64Url.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(data)));
    }

    /// <summary>
    /// A client assertion (RFC 7523) signed with the app's certificate: right thumbprint in the header, valid
    /// RS256/PS256 signature, issuer = subject = client id, audience = our token endpoint, not expired.
    /// </summary>
    public static string? CheckAssertion(string assertion, string clientId, X509Certificate2 certificate, string tokenEndpoint)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3) return "assertion is not a JWT";
        var header = JsonNode.Parse(Base64Url.Decode(parts[0]))!.AsObject();
        var body = JsonNode.Parse(Base64Url.Decode(parts[1]))!.AsObject();
        string alg = (string?)header["alg"] ?? "";
        string? x5t = (string?)header["x5t"];
        string? x5tS256 = (string?)header["x5t#S256"];
        bool thumbprintMatches = (x5t != null && x5t == Base64Url.Encode(certificate.GetCertHash()))
            || (x5tS256 != null && x5tS256 == Base64Url.Encode(certificate.GetCertHash(HashAlgorithmName.SHA256)));
        if (!thumbprintMatches) return "the assertion's certificate is not the one registered for the app";
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa == null) return "the registered certificate has no RSA key";
        var padding = alg == "PS256" ? RSASignaturePadding.Pss : alg == "RS256" ? RSASignaturePadding.Pkcs1 : null;
        if (padding == null) return $"unsupported assertion algorithm {alg}";
        if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2]), HashAlgorithmName.SHA256, padding))
            return "bad assertion signature";
        if ((string?)body["iss"] != clientId || (string?)body["sub"] != clientId) return "assertion issuer/subject is not the client id";
        if ((string?)body["aud"] != tokenEndpoint) return $"assertion audience is not {tokenEndpoint}";
        // MSAL writes exp as a JSON string; RFC 7519 says number. Accept both.
        var expNode = body["exp"];
        long exp = expNode == null ? 0 : expNode.GetValueKind() == System.Text.Json.JsonValueKind.String ? long.Parse(expNode.GetValue<string>()) : expNode.GetValue<long>();
        if (exp < DateTimeOffset.UtcNow.ToUnixTimeSeconds()) return "assertion expired";
        return null;
    }

    public static JsonObject Claims(params (string Name, JsonNode? Value)[] claims)
    {
        var o = new JsonObject();
        foreach (var (name, value) in claims) o[name] = value;
        return o;
    }

    public static string ClientInfo(string uid, string utid) =>
        Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(new { uid, utid }));
}
