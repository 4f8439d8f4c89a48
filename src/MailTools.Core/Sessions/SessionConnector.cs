using System;
using System.Collections.Generic;
using System.Net;
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
        /// <summary>Opens and logs in a session for <paramref name="options"/>, within the account's connection limit.</summary>
        public static MailSession Connect(ConnectionOptions options, IOutputWriter? writer, CancellationToken token)
        {
            writer = writer ?? NullOutputWriter.Instance;
            Check(options);
            var retry = new RetryPolicy(TimeSpan.FromSeconds(Math.Max(0, options.MaxWaitSeconds)));
            var slot = ConnectionGate.Enter(options, EndpointOf(options), writer, token);
            try
            {
                var client = OpenClient(options, writer, token, out var certificate, retry);
                return new MailSession(options, client, options.ResolveSecurity(), options.ResolvePort(), certificate, slot, retry);
            }
            catch
            {
                slot.Dispose();   // cleanup only: the slot is given back, the failure (translated by the envelope) goes on
                throw;
            }
        }

        /// <summary>
        /// A further connection like <paramref name="like"/>'s (same account, options and sign-in) for work split over
        /// several connections; null when the account's -MaxConnections has no free slot (never waits). Its protocol log,
        /// if any, goes to a file of its own beside the session's ("imap.conn2.log").
        /// </summary>
        internal static MailSession? ConnectExtra(MailSession like, int lane, IOutputWriter writer, CancellationToken token)
        {
            var options = like.Options.Clone();
            if (!string.IsNullOrEmpty(options.ProtocolLogPath))
                options.ProtocolLogPath = Path.Combine(Path.GetDirectoryName(options.ProtocolLogPath) ?? string.Empty,
                    $"{Path.GetFileNameWithoutExtension(options.ProtocolLogPath)}.conn{lane}{Path.GetExtension(options.ProtocolLogPath)}");
            var slot = ConnectionGate.TryEnter(options, EndpointOf(options));
            if (slot == null)
                return null;
            try
            {
                var retry = new RetryPolicy(TimeSpan.FromSeconds(Math.Max(0, options.MaxWaitSeconds)));
                var client = OpenClient(options, writer, token, out var certificate, retry);
                return new MailSession(options, client, options.ResolveSecurity(), options.ResolvePort(), certificate, slot, retry);
            }
            catch
            {
                slot.Dispose();   // cleanup only: the slot is given back, the failure (translated by the envelope) goes on
                throw;
            }
        }

        static ServerEndpoint EndpointOf(ConnectionOptions options) =>
            new ServerEndpoint(options.Server, options.ResolvePort(), options.Protocol, options.Credential.UserName, options.TimeoutSeconds, options.AccountName);

        /// <summary>
        /// Opens and logs in; a server that refuses because too many connections are open (Gmail's [ALERT], Dovecot's
        /// mail_max_userip_connections) is tried again after a wait, within the session's bounded wait.
        /// </summary>
        internal static MailService OpenClient(ConnectionOptions options, IOutputWriter writer, CancellationToken token, out CertificateCheck certificate, RetryPolicy retry)
        {
            while (true)
            {
                try
                {
                    var client = OpenOnce(options, writer, token, out certificate);
                    retry.Progressed();
                    return client;
                }
                catch (ThrottledException te) when (!te.Final && te.Signal.Kind != ThrottleKind.BandwidthExceeded)
                {
                    Throttling.WaitOut(retry, EndpointOf(options), te.Signal, writer, token, te);
                }
            }
        }

        static void Check(ConnectionOptions options)
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
        }

        static MailService OpenOnce(ConnectionOptions options, IOutputWriter writer, CancellationToken token, out CertificateCheck certificate)
        {
            Check(options);
            int port = options.ResolvePort();
            var security = options.ResolveSecurity();
            var where = new ServerEndpoint(options.Server, port, options.Protocol, options.Credential.UserName, options.TimeoutSeconds, options.AccountName);

            if (security == MailSecurity.None && !options.AllowInsecureAuthentication)
            {
                throw new MailToolsException(ErrorIds.InsecureAuthenticationRefused, MailErrorKind.SecurityError,
                    $"MailTools will not send the {(options.TokenSource != null ? "access token" : "password")} for the {where.Describe()} over an unencrypted connection. Nothing was sent.", where)
                { RecommendedAction = "Use -Security Auto, SslOnConnect or StartTls. Only on a network you trust, add -AllowInsecureAuthentication." };
            }

            var logger = new LoginReplyLogger(OpenProtocolLog(options.ProtocolLogPath, where));
            MailService client = options.Protocol == MailProtocol.Pop3 ? new Pop3Client(logger) : new ImapClient(logger);
            if (client is ImapClient imap)
                ServerAlerts.Watch(imap);

            certificate = new CertificateCheck(options.SkipCertificateCheck);
            client.ServerCertificateValidationCallback = certificate.Validate;
            // Revocation lists are often unreachable (private CAs, closed networks); a hard failure there would
            // refuse good servers. Chain, expiry and host name are still checked.
            client.CheckCertificateRevocation = false;
            client.Timeout = Math.Max(1, options.TimeoutSeconds) * 1000;

            var socketOptions = security == MailSecurity.SslOnConnect ? SecureSocketOptions.SslOnConnect
                : security == MailSecurity.StartTls ? SecureSocketOptions.StartTls
                : SecureSocketOptions.None;

            var check = certificate;
            return MailOperation.Connecting(where, check, token, () =>
            {
                try
                {
                    // The sign-in may wait for a person (device code): do it before the server's pre-login timer starts.
                    var accessToken = options.TokenSource?.GetToken(writer, token);
                    writer.Verbose($"Connecting to the {where.Describe()} ({security}).");
                    // Our own blocking socket, not MailKit's (see SocketOpener.ConnectBlocking: reads stay plain blocking reads).
                    client.Connect(Discovery.SocketOpener.ConnectBlocking(options.DnsServer, options.Server, port, client.Timeout, token),
                        options.Server, port, socketOptions, token);
                    if (client.IsSecure)
                        writer.Verbose($"TLS established with {where.Server}: {client.SslProtocol}, certificate {check.Subject} ({check.Thumbprint}).");
                    try
                    {
                        if (options.TokenSource != null)
                            TokenLogin.Authenticate(client, options.TokenSource, accessToken!, where, writer, token);   // GetToken above ran: a token source always gives one
                        else
                        {
                            writer.Verbose($"Logging in to the {where.Describe()} as '{options.Credential.UserName}'.");
                            Authenticate(client, options.Credential, writer, token);
                        }
                    }
                    catch (Exception refused) when ((refused is AuthenticationException || refused.InnerException is AuthenticationException)   // a token login's comes translated
                        && ThrottleReply.Parse(logger.LastLine, connectionDropped: true) is ThrottleSignal limit)
                    {
                        // A limit, not a wrong password (Dovecot's mail_max_userip_connections): waited out by OpenClient.
                        throw ThrottleErrors.Met(limit, where, refused);
                    }
                    logger.StopCapturing();
                    return client;
                }
                catch
                {
                    client.Dispose();   // cleanup only: the envelope translates
                    throw;
                }
            });
        }

        /// <summary>
        /// Logs in with exactly one mechanism, so a wrong password costs one failed login on the server (MailKit's
        /// Authenticate(ICredentials) would try every mechanism in turn: three failures towards a lockout, and
        /// three of the server's failure delays).
        /// </summary>
        static void Authenticate(MailService client, NetworkCredential credential, IOutputWriter writer, CancellationToken token)
        {
            string? mechanism = ChooseMechanism(client.AuthenticationMechanisms);
            if (mechanism == null)
            {
                writer.Verbose($"The server offers no SASL mechanism MailTools uses; logging in with the {(client is Pop3Client ? "USER/PASS" : "LOGIN")} command.");
                // Only the protocol's own command: the credential answers for no SASL mechanism and no APOP.
                client.Authenticate(new CommandOnlyCredentials(credential), token);
                return;
            }
            writer.Verbose($"Logging in with SASL {mechanism}.");
            client.Authenticate(mechanism == "PLAIN" ? new SaslMechanismPlain(credential) : (SaslMechanism)new SaslMechanismLogin(credential), token);
        }

        /// <summary>
        /// The one login mechanism to use, from what the server offers (IMAP AUTH=…, POP3 CAPA SASL): PLAIN, else
        /// LOGIN, else null for the protocol's own LOGIN or USER/PASS command. The connection is already TLS (or
        /// -AllowInsecureAuthentication was given), so PLAIN exposes nothing that LOGIN would hide.
        /// </summary>
        internal static string? ChooseMechanism(ICollection<string>? offered)
        {
            if (offered == null)
                return null;
            foreach (var preferred in new[] { "PLAIN", "LOGIN" })
                foreach (var name in offered)
                    if (string.Equals(name, preferred, StringComparison.OrdinalIgnoreCase))
                        return preferred;
            return null;
        }

        static IProtocolLogger? OpenProtocolLog(string? path, ServerEndpoint where)
        {
            if (path is null || path.Length == 0)   // not IsNullOrEmpty: netstandard2.0 does not tell the compiler it checks null
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
