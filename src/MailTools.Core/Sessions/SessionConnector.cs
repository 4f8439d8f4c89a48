using System;
using System.IO;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Security;
using MailTools.Core.Errors;
using MailTools.Core.SignIn;

namespace MailTools.Core.Sessions
{
    /// <summary>Opens and logs in a MailKit client with MailTools' security rules.</summary>
    public static class SessionConnector
    {
        public static MailSession Connect(ConnectionOptions options, IOutputWriter writer, CancellationToken token)
        {
            writer = writer ?? NullOutputWriter.Instance;
            var client = OpenClient(options, writer, token, out var certificate);
            return new MailSession(options, client, options.ResolveSecurity(), options.ResolvePort(), certificate);
        }

        internal static MailService OpenClient(ConnectionOptions options, IOutputWriter writer, CancellationToken token, out CertificateCheck certificate)
        {
            if (options == null)
                throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrWhiteSpace(options.Server))
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument, "No server name was given.", null)
                { RecommendedAction = "Pass the server name with -Server, for example imap.example.com." };
            if (options.Credential == null || string.IsNullOrEmpty(options.Credential.UserName))
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    $"No user name was given for {options.Server}.", options.Server)
                { RecommendedAction = "Pass -Credential (Get-Credential) with the account's user name and password." };

            int port = options.ResolvePort();
            var security = options.ResolveSecurity();
            var where = new ServerEndpoint(options.Server, port, options.Protocol, options.Credential.UserName, options.TimeoutSeconds, options.AccountName);

            if (security == MailSecurity.None && !options.AllowInsecureAuthentication)
            {
                throw new MailToolsException(ErrorIds.InsecureAuthenticationRefused, MailErrorKind.SecurityError,
                    $"MailTools will not send the {(options.TokenSource != null ? "access token" : "password")} for the {where.Describe()} over an unencrypted connection. Nothing was sent.", where)
                { RecommendedAction = "Use -Security Auto, SslOnConnect or StartTls. Only on a network you trust, add -AllowInsecureAuthentication." };
            }

            IProtocolLogger logger = OpenProtocolLog(options.ProtocolLogPath, where);
            MailService client = options.Protocol == MailProtocol.Pop3
                ? (MailService)(logger != null ? new Pop3Client(logger) : new Pop3Client())
                : (logger != null ? new ImapClient(logger) : new ImapClient());

            certificate = new CertificateCheck(options.SkipCertificateCheck);
            client.ServerCertificateValidationCallback = certificate.Validate;
            // Revocation lists are often unreachable (private CAs, closed networks); a hard failure there would
            // refuse good servers. Chain, expiry and host name are still checked.
            client.CheckCertificateRevocation = false;
            client.Timeout = Math.Max(1, options.TimeoutSeconds) * 1000;

            var socketOptions = security == MailSecurity.SslOnConnect ? SecureSocketOptions.SslOnConnect
                : security == MailSecurity.StartTls ? SecureSocketOptions.StartTls
                : SecureSocketOptions.None;

            try
            {
                // The sign-in may wait for a person (device code): do it before the server's pre-login timer starts.
                var accessToken = options.TokenSource?.GetToken(writer, token);
                writer.Verbose($"Connecting to the {where.Describe()} ({security}).");
                client.Connect(options.Server, port, socketOptions, token);
                if (client.IsSecure)
                    writer.Verbose($"TLS established with {where.Server}: {client.SslProtocol}, certificate {certificate.Subject} ({certificate.Thumbprint}).");
                if (options.TokenSource != null)
                {
                    TokenLogin.Authenticate(client, options.TokenSource, accessToken, where, writer, token);
                    return client;
                }
                writer.Verbose($"Logging in to the {where.Describe()} as '{options.Credential.UserName}'.");
                client.Authenticate(options.Credential, token);
                return client;
            }
            catch (Exception ex)
            {
                client.Dispose();
                if (ex is OperationCanceledException && !token.IsCancellationRequested)
                    throw MailErrorTranslator.Timeout(where, ex);
                throw MailErrorTranslator.Translate(ex, where, certificate);
            }
        }

        static IProtocolLogger OpenProtocolLog(string path, ServerEndpoint where)
        {
            if (string.IsNullOrEmpty(path))
                return null;
            try
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(dir))
                    Directory.CreateDirectory(dir);
                // MailKit's own logger, with its credential redaction explicitly on.
                return new ProtocolLogger(path, append: true) { RedactSecrets = true, LogTimestamps = true };
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new MailToolsException(ErrorIds.ProtocolLogNotWritable, MailErrorKind.WriteError,
                    $"The protocol log '{path}' for {where.Describe()} cannot be written: {ex.Message}", path, ex)
                { RecommendedAction = "Choose a -ProtocolLogPath in a folder you can write to." };
            }
        }
    }
}
