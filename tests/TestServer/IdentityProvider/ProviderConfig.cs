using System.Text.Json;

namespace MailTools.IdentityProvider;

/// <summary>What the harness writes: TLS files, the JWT key, who approves device codes, the registered apps.</summary>
public sealed class ProviderConfig
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public string CertificatePath { get; set; } = "";
    public string KeyPath { get; set; } = "";
    /// <summary>Base64 HMAC key; Dovecot's local_validation_key_dict holds the same value.</summary>
    public string SigningKey { get; set; } = "";
    public string KeyId { get; set; } = "mailtools-test";
    public string TenantId { get; set; } = "11111111-2222-3333-4444-555555555555";
    /// <summary>The user who "approves" device codes in the browser.</summary>
    public string DeviceCodeUser { get; set; } = "alice";
    /// <summary>Token endpoint answers authorization_pending this many times before it hands out tokens.</summary>
    public int PendingPolls { get; set; } = 2;
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;
    public List<RegisteredApp> Apps { get; set; } = new();
    /// <summary>Who gives consent when a browser opens an authorize URL (Microsoft's or Google's).</summary>
    public string BrowserUser { get; set; } = "alice";
    /// <summary>Google OAuth clients of type "Desktop app".</summary>
    public List<GoogleClient> GoogleClients { get; set; } = new();
    /// <summary>Google service accounts; DelegatedScopes stands in for the Workspace admin's domain-wide delegation.</summary>
    public List<GoogleServiceAccount> ServiceAccounts { get; set; } = new();
}

public sealed class GoogleClient
{
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
}

public sealed class GoogleServiceAccount
{
    public string ClientEmail { get; set; } = "";
    /// <summary>PEM of the public key (SubjectPublicKeyInfo) whose private half is in the key file the harness wrote.</summary>
    public string PublicKeyPath { get; set; } = "";
    public List<string> DelegatedScopes { get; set; } = new();
}

/// <summary>An app registration. Mailboxes stands in for Exchange's Add-MailboxPermission for app-only tokens.</summary>
public sealed class RegisteredApp
{
    public string ClientId { get; set; } = "";
    public string? ClientSecret { get; set; }
    /// <summary>PEM or DER file of the public certificate uploaded to the registration.</summary>
    public string? CertificatePath { get; set; }
    public List<string> Mailboxes { get; set; } = new();
}
