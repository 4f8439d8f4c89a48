using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailTools.Core.Compare;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools.Core.Discovery
{
    /// <summary>
    /// Connects to one candidate with MailKit's client for its protocol: TCP, TLS (implicit or STARTTLS) with the
    /// module's certificate check, greeting, capabilities and SASL mechanisms. No login, unless an SMTP credential is
    /// given: then AUTH only, never MAIL FROM, so nothing can be sent. The result is written into the candidate.
    /// </summary>
    public static class HostProbe
    {
        /// <summary>Probes <paramref name="candidate"/> within <paramref name="timeout"/> and fills in what it found; an SMTP login only with <paramref name="smtpCredential"/>.</summary>
        public static async Task<SmtpLoginResult> ProbeAsync(MailServerCandidate candidate, DnsResolver resolver, TimeSpan timeout,
            NetworkCredential? smtpCredential, CancellationToken token)
        {
            var recorder = new GreetingRecorder();
            var check = new CertificateCheck(skipCertificateCheck: false);
            var protocol = candidate.Protocol == MailServerProtocol.Pop3 ? MailProtocol.Pop3 : MailProtocol.Imap;
            var where = new ServerEndpoint(candidate.Host, candidate.Port, protocol, smtpCredential?.UserName, (int)Math.Ceiling(timeout.TotalSeconds));
            var login = SmtpLoginResult.NotTried;
            using (var client = Create(candidate.Protocol, recorder))
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                client.ServerCertificateValidationCallback = check.Validate;
                // As in SessionConnector: revocation lists are often unreachable; chain, expiry and name are checked.
                client.CheckCertificateRevocation = false;
                client.Timeout = (int)Math.Max(1000, timeout.TotalMilliseconds);
                deadline.CancelAfter(timeout);
                try
                {
                    // The envelope translates every failure; after the deadline, whatever failed is the timeout.
                    login = await MailOperation.ConnectingAsync(where, check, token, deadline.Token, async () =>
                    {
                        var socket = await SocketOpener.ConnectAsync(resolver, candidate.Host, candidate.Port, deadline.Token).ConfigureAwait(false);
                        candidate.Address = (socket.RemoteEndPoint as IPEndPoint)?.Address.ToString();
                        // MailKit's netstandard2.0 build cannot cancel a TLS handshake; closing the socket at the deadline
                        // ends one with a server that accepted and then fell silent.
                        deadline.Token.Register(() => socket.Dispose());
                        await client.ConnectAsync(socket, candidate.Host, candidate.Port, SocketOptions(candidate.Security), deadline.Token).ConfigureAwait(false);
                        candidate.Status = ProbeStatus.Answered;
                        candidate.TlsVersion = client.IsSecure ? client.SslProtocol.ToString() : "none";
                        candidate.CertificateValid = client.IsSecure ? true : (bool?)null;
                        candidate.AuthenticationMechanisms = client.AuthenticationMechanisms.OrderBy(m => m, StringComparer.Ordinal).ToArray();
                        Describe(client, candidate);
                        return smtpCredential != null && client is SmtpClient smtp && client.IsSecure
                            ? await LoginAsync(smtp, smtpCredential, deadline.Token).ConfigureAwait(false)
                            : SmtpLoginResult.NotTried;
                    }).ConfigureAwait(false);
                    try { await client.DisconnectAsync(true, deadline.Token).ConfigureAwait(false); } catch (Exception) { /* best effort: the answer is what mattered */ }
                }
                catch (MailToolsException mt) when (!token.IsCancellationRequested)
                {
                    candidate.Status = ProtocolProbe.StatusOf(mt.ErrorId);
                    candidate.Detail = DetailOf(candidate.Status, mt, check);
                    if (candidate.Status == ProbeStatus.CertificateUntrusted)
                        candidate.CertificateValid = false;
                }
                candidate.CertificateSubject = check.Subject;
                candidate.Greeting = recorder.Greeting;
                candidate.Verified = candidate.Status == ProbeStatus.Answered && candidate.CertificateValid == true;
                if (candidate.Status == ProbeStatus.Answered && !candidate.Verified)
                    candidate.Detail = "answers without encryption: a password would be sent in clear text";
            }
            return login;
        }

        static async Task<SmtpLoginResult> LoginAsync(SmtpClient smtp, NetworkCredential credential, CancellationToken token)
        {
            try
            {
                await smtp.AuthenticateAsync(credential, token).ConfigureAwait(false);
                return SmtpLoginResult.Accepted;
            }
            catch (AuthenticationException)
            {
                return SmtpLoginResult.Refused;
            }
        }

        static MailService Create(MailServerProtocol protocol, IProtocolLogger logger)
        {
            switch (protocol)
            {
                case MailServerProtocol.Pop3: return new Pop3Client(logger);
                case MailServerProtocol.Smtp: return new SmtpClient(logger);
                default: return new ImapClient(logger);
            }
        }

        static SecureSocketOptions SocketOptions(MailSecurity security) =>
            security == MailSecurity.SslOnConnect ? SecureSocketOptions.SslOnConnect
            : security == MailSecurity.StartTls ? SecureSocketOptions.StartTls
            : SecureSocketOptions.None;

        static void Describe(MailService client, MailServerCandidate candidate)
        {
            string flags;
            switch (client)
            {
                case ImapClient imap: flags = imap.Capabilities.ToString(); break;
                case Pop3Client pop3: flags = pop3.Capabilities.ToString(); break;
                case SmtpClient smtp:
                    flags = smtp.Capabilities.ToString();
                    if (smtp.MaxSize > 0)
                        candidate.MaxMessageSize = smtp.MaxSize;
                    break;
                default: flags = string.Empty; break;
            }
            candidate.Capabilities = flags.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.Trim()).Where(s => s != "None").ToArray();
        }

        static string DetailOf(ProbeStatus status, MailToolsException mt, CertificateCheck check)
        {
            switch (status)
            {
                case ProbeStatus.CertificateUntrusted: return $"certificate not valid for this name: {check.Problem}";
                case ProbeStatus.NoStartTls: return "answers unencrypted only (no STARTTLS)";
                case ProbeStatus.HostNotFound: return "host name not found";
                case ProbeStatus.TlsFailed: return "TLS failed";
                default:
                    return mt.ErrorId == ErrorIds.Timeout ? "no answer in time"
                        : mt.ErrorId == ErrorIds.ConnectionRefused ? "nothing listening"
                        : "closed the connection";
            }
        }
    }
}
