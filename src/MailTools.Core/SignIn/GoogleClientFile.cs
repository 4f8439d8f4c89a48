using System;
using System.IO;
using System.Text.Json;
using MailTools.Core.Errors;

namespace MailTools.Core.SignIn
{
    /// <summary>
    /// The two JSON files Google's console hands out: an installed app's client_secret.json ("installed": client id,
    /// secret, auth_uri, token_uri) and a service account key ("type": "service_account", client_email, private_key,
    /// token_uri). The endpoints come from the file, as Google's tools read them, with Google's defaults.
    /// </summary>
    public sealed class GoogleClientFile
    {
        /// <summary>Google's consent page, used when the file names none.</summary>
        public const string DefaultAuthUri = "https://accounts.google.com/o/oauth2/v2/auth";
        /// <summary>Google's token endpoint, used when the file names none.</summary>
        public const string DefaultTokenUri = "https://oauth2.googleapis.com/token";
        /// <summary>Google's revocation endpoint, used when the file names none.</summary>
        public const string DefaultRevokeUri = "https://oauth2.googleapis.com/revoke";

        /// <summary>The OAuth client id (installed app) or the service account's numeric client id.</summary>
        public string? ClientId { get; private set; }
        internal string? ClientSecret { get; private set; }
        /// <summary>The service account's e-mail address, the issuer of its JWT-bearer grant; null for an installed app.</summary>
        public string? ClientEmail { get; private set; }
        internal string? PrivateKey { get; private set; }
        /// <summary>Where the browser is sent for consent (installed app).</summary>
        public string? AuthUri { get; private set; }
        /// <summary>Where codes, refresh tokens and JWT grants are exchanged for access tokens.</summary>
        public string? TokenUri { get; private set; }
        /// <summary>Where a token is revoked.</summary>
        public string? RevokeUri { get; private set; }

        /// <summary>Reads a client_secret.json; the error names the file and what to download instead.</summary>
        public static GoogleClientFile InstalledApp(string path)
        {
            using (var doc = Parse(File.Exists(path) ? File.ReadAllText(path) : null, path))
            {
                if (!doc.RootElement.TryGetProperty("installed", out var app))
                    throw Bad(path, "it has no \"installed\" section (is it the key of a web app or a service account?)",
                        "Create an OAuth client of type \"Desktop app\" in the Google Cloud console and download its JSON.");
                return new GoogleClientFile
                {
                    ClientId = Text(app, "client_id") ?? throw Bad(path, "client_id is missing", "Download the client's JSON again."),
                    ClientSecret = Text(app, "client_secret"),
                    AuthUri = Text(app, "auth_uri") ?? DefaultAuthUri,
                    TokenUri = Text(app, "token_uri") ?? DefaultTokenUri,
                    RevokeUri = Text(app, "revoke_uri") ?? DefaultRevokeUri,
                };
            }
        }

        /// <summary>Reads a service account key (from a file, or its text from the vault: <paramref name="json"/>).</summary>
        public static GoogleClientFile ServiceAccount(string? path, string? json)
        {
            string where = path ?? "the service account key from the vault";
            using (var doc = Parse(json ?? (path != null && File.Exists(path) ? File.ReadAllText(path) : null), where))
            {
                var root = doc.RootElement;
                if (Text(root, "type") != "service_account")
                    throw Bad(where, "it is not a service account key (\"type\": \"service_account\")", "Create a JSON key for the service account in the Google Cloud console.");
                return new GoogleClientFile
                {
                    ClientId = Text(root, "client_id"),
                    ClientEmail = Text(root, "client_email") ?? throw Bad(where, "client_email is missing", "Download the key again."),
                    PrivateKey = Text(root, "private_key") ?? throw Bad(where, "private_key is missing", "Download the key again."),
                    TokenUri = Text(root, "token_uri") ?? DefaultTokenUri,
                };
            }
        }

        static JsonDocument Parse(string? text, string where)
        {
            if (text == null)
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.ObjectNotFound, $"The Google credentials file '{where}' does not exist.", where)
                { RecommendedAction = "Pass the path of the JSON file downloaded from the Google Cloud console." };
            try { return JsonDocument.Parse(text); }
            catch (JsonException ex)
            {
                throw Bad(where, "it is not valid JSON (" + ex.Message.Split('\n')[0] + ")", "Download the file again from the Google Cloud console.");
            }
        }

        static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        static MailToolsException Bad(string where, string what, string todo) =>
            new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument, $"The Google credentials file '{where}' cannot be used: {what}.", where)
            { RecommendedAction = todo };
    }
}
