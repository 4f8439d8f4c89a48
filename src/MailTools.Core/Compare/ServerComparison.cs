using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools.Core.Compare
{
    /// <summary>What Compare-MailProtocol -Server asks for.</summary>
    public sealed class ServerComparisonRequest
    {
        /// <summary>The server to compare (the IMAP host).</summary>
        public string ImapServer { get; set; } = string.Empty;
        /// <summary>The POP3 host; null means the IMAP host.</summary>
        public string? Pop3Server { get; set; }
        /// <summary>IMAP ports to try; null or empty for the protocol's usual ports.</summary>
        public IReadOnlyList<int>? ImapPorts { get; set; }
        /// <summary>POP3 ports to try; null or empty for the protocol's usual ports.</summary>
        public IReadOnlyList<int>? Pop3Ports { get; set; }
        /// <summary>How to secure the connections (Auto: whatever the port answers securely; None is refused).</summary>
        public MailSecurity Security { get; set; } = MailSecurity.Auto;
        /// <summary>The login; a missing user name is refused before anything is sent.</summary>
        public NetworkCredential Credential { get; set; } = new NetworkCredential();
        /// <summary>Accept any TLS certificate (test servers only).</summary>
        public bool SkipCertificateCheck { get; set; }
        /// <summary>The SMTP submission host (sending side); null: the IMAP server. Empty ports: 465 and 587.</summary>
        public string? SmtpServer { get; set; }
        /// <summary>SMTP submission ports to try; null or empty for 465 and 587.</summary>
        public IReadOnlyList<int>? SmtpPorts { get; set; }
        /// <summary>host[:port] of the DNS server that resolves the servers (-DnsServer); null: the system's.</summary>
        public string? DnsServer { get; set; }
        /// <summary>False skips the sending side.</summary>
        public bool CheckSmtp { get; set; } = true;
        /// <summary>OAuth2 instead of the password (Credential then names only the mailbox); scopes follow each protocol.</summary>
        public SignIn.SignInSettings? SignIn { get; set; }
        /// <summary>Per connection; probes of closed ports on a filtering firewall wait this long at most.</summary>
        public int TimeoutSeconds { get; set; } = 15;

        /// <summary>The request for a saved account: its server, POP3 server and ports, with the password found for it.</summary>
        public static ServerComparisonRequest ForAccount(MailAccount account, NetworkCredential credential, int timeoutSeconds, bool interactive = true)
        {
            bool imapProfile = account.Protocol == MailProtocol.Imap;
            return new ServerComparisonRequest
            {
                ImapServer = account.Server,
                Pop3Server = !string.IsNullOrEmpty(account.Pop3Server) ? account.Pop3Server : account.Server,
                ImapPorts = imapProfile && account.Port.HasValue ? new[] { account.Port.Value } : null,
                Pop3Ports = !imapProfile && account.Port.HasValue ? new[] { account.Port.Value }
                    : account.Pop3Port.HasValue ? new[] { account.Pop3Port.Value } : null,
                // The comparison never sends a password in clear text, whatever the profile allows.
                Security = account.Security == MailSecurity.None ? MailSecurity.Auto : account.Security,
                Credential = credential,
                SkipCertificateCheck = account.SkipCertificateCheck,
                TimeoutSeconds = timeoutSeconds,
                SmtpServer = !string.IsNullOrEmpty(account.SmtpServer) ? account.SmtpServer : account.Server,
                SmtpPorts = account.SmtpPort.HasValue ? new[] { account.SmtpPort.Value } : null,
                DnsServer = account.DnsServer,
                SignIn = account.SignIn == SignInMethod.Password ? null : Accounts.AccountConnection.SignInFor(account, credential, interactive),
            };
        }
    }

    /// <summary>
    /// Compare-MailProtocol -Server: probe the four usual ports, log in once per protocol on the first port that
    /// answered securely (TLS before STARTTLS), measure read-only, log out. A protocol that is not offered, or whose
    /// login is refused while the other works, is a value in the result; only when neither can be used is it an error.
    /// </summary>
    public static class ServerComparison
    {
        /// <summary>Probes, logs in once per protocol, measures read-only and logs out; throws only when neither protocol can be used.</summary>
        public static ProtocolComparison Run(ServerComparisonRequest request, IOutputWriter writer, CancellationToken token)
        {
            if (request == null)
                throw new ArgumentNullException(nameof(request));
            writer = writer ?? NullOutputWriter.Instance;
            if (request.Credential == null || string.IsNullOrEmpty(request.Credential.UserName))
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    $"No user name was given for {request.ImapServer}.", request.ImapServer)
                { RecommendedAction = "Pass -Credential (Get-Credential) with the account's user name and password." };
            if (request.Security == MailSecurity.None)
                throw new MailToolsException(ErrorIds.InsecureAuthenticationRefused, MailErrorKind.SecurityError,
                    $"Compare-MailProtocol does not log in to {request.ImapServer} without encryption. Nothing was sent.", request.ImapServer)
                { RecommendedAction = "Use -Security Auto, SslOnConnect or StartTls." };

            var targets = ProtocolProbe.Targets(MailProtocol.Imap, request.ImapServer, request.ImapPorts, request.Security)
                .Concat(ProtocolProbe.Targets(MailProtocol.Pop3, request.Pop3Server ?? request.ImapServer, request.Pop3Ports, request.Security))
                .ToList();
            writer.Progress(new ProgressInfo(50, $"Comparing IMAP and POP3 on {request.ImapServer}", $"Trying {targets.Count} ports", 0));
            var probes = ProtocolProbe.Probe(targets, request.SkipCertificateCheck, Math.Min(request.TimeoutSeconds, 10), writer, token, request.DnsServer);
            writer.Progress(new ProgressInfo(50, $"Comparing IMAP and POP3 on {request.ImapServer}", "Done", 100, completed: true));

            if (probes.All(p => p.Status == ProbeStatus.HostNotFound))
                throw new MailToolsException(ErrorIds.HostNotFound, MailErrorKind.ObjectNotFound,
                    $"The server name '{request.ImapServer}' could not be found (DNS).", request.ImapServer)
                { RecommendedAction = "Check the spelling of -Server, or use the server's IP address." };

            MailSession? imap = null, pop3 = null;
            try
            {
                imap = Open(MailProtocol.Imap, probes, request, writer, token, out var imapFacts, out var imapError);
                pop3 = Open(MailProtocol.Pop3, probes, request, writer, token, out var pop3Facts, out var pop3Error);
                if (imap == null && pop3 == null)
                    throw NothingUsable(request, probes, imapError, pop3Error);
                if (imap == null && imapFacts.State == SideState.LoginRefused)
                    writer.Warning($"The IMAP login for '{request.Credential.UserName}' on {request.ImapServer} was refused, but POP3 worked: the comparison shows IMAP as 'login refused'.");
                if (pop3 == null && pop3Facts.State == SideState.LoginRefused)
                    writer.Warning($"The POP3 login for '{request.Credential.UserName}' on {request.Pop3Server ?? request.ImapServer} was refused, but IMAP worked: POP3 may be switched off for this account.");
                var comparison = ProtocolComparer.Compare(imap, pop3, probes,
                    new ImapFacts { State = imapFacts.State, Problem = imapFacts.Problem, Server = request.ImapServer },
                    new Pop3Facts { State = pop3Facts.State, Problem = pop3Facts.Problem, Server = request.Pop3Server ?? request.ImapServer },
                    writer, token);
                if (request.CheckSmtp && !request.SkipCertificateCheck)
                    SendingRows.Apply(comparison, SubmissionCheck.Run(request.SmtpServer ?? request.ImapServer, request.SmtpPorts,
                        request.Credential, request.DnsServer, Math.Min(request.TimeoutSeconds, 10), writer, token));
                return comparison;
            }
            finally
            {
                // LOGOUT / QUIT. No DELE was ever sent, so POP3's QUIT commits nothing (RFC 1939 6).
                imap?.Disconnect();
                pop3?.Disconnect();
            }
        }

        static MailSession? Open(MailProtocol protocol, IList<ProtocolProbeResult> probes, ServerComparisonRequest request,
            IOutputWriter writer, CancellationToken token, out FactsState facts, out MailToolsException? error)
        {
            facts = new FactsState();
            error = null;
            var mine = probes.Where(p => p.Protocol == protocol).ToList();
            // TLS from the first byte before STARTTLS; otherwise the order asked for.
            var usable = mine.Where(p => p.Status == ProbeStatus.Answered)
                .OrderBy(p => p.Security == MailSecurity.SslOnConnect ? 0 : 1).ToList();
            if (usable.Count == 0)
            {
                var bad = mine.FirstOrDefault(p => p.Status != ProbeStatus.NotOffered && p.Status != ProbeStatus.HostNotFound);
                facts.State = bad == null ? SideState.NotOffered : SideState.Unusable;
                facts.Problem = bad?.Detail;
                return null;
            }
            foreach (var probe in usable)
            {
                var options = new ConnectionOptions
                {
                    Server = probe.Server!, // answered probes come from ProtocolProbe.ProbeOne, which always copies the target host
                    Port = probe.Port,
                    Protocol = protocol,
                    Security = probe.Security,
                    Credential = request.Credential,
                    SkipCertificateCheck = request.SkipCertificateCheck,
                    TimeoutSeconds = request.TimeoutSeconds,
                    DnsServer = request.DnsServer,
                    TokenSource = SignIn.TokenSourceFactory.Create(request.SignIn, request.Credential.UserName, protocol),
                };
                try
                {
                    return SessionConnector.Connect(options, writer, token);
                }
                catch (MailToolsException ex) when (ex.ErrorId == ErrorIds.AuthenticationFailed)
                {
                    // One refusal is the answer: trying the same password on another port only risks a lockout.
                    facts.State = SideState.LoginRefused;
                    facts.Problem = "wrong user name or password, or this protocol is switched off for the account";
                    error = ex;
                    return null;
                }
                catch (MailToolsException ex) when (ex.Kind != MailErrorKind.OperationStopped)
                {
                    facts.State = SideState.Unusable;
                    facts.Problem = ex.Message;
                    error = ex;
                }
            }
            return null;
        }

        static MailToolsException NothingUsable(ServerComparisonRequest request, IList<ProtocolProbeResult> probes,
            MailToolsException? imapError, MailToolsException? pop3Error)
        {
            // A refused login is the most useful thing to report; the caller can fix it.
            var refused = new[] { imapError, pop3Error }.FirstOrDefault(e => e?.ErrorId == ErrorIds.AuthenticationFailed);
            if (refused != null)
                return refused;
            if ((imapError ?? pop3Error) is { } failed)
                return failed;
            string tried = string.Join(", ", probes.Select(p => $"{(p.Protocol == MailProtocol.Pop3 ? "POP3" : "IMAP")} {p.Mode}: {p.Detail ?? p.Status.ToString()}"));
            var untrusted = probes.FirstOrDefault(p => p.Status == ProbeStatus.CertificateUntrusted);
            if (untrusted != null)
                return new MailToolsException(ErrorIds.CertificateUntrusted, MailErrorKind.SecurityError,
                    $"Neither IMAP nor POP3 on {request.ImapServer} could be used safely ({tried}). No password was sent.", request.ImapServer)
                {
                    RecommendedAction = "Connect using the host name on the certificate, or install the issuing CA as trusted. Only if you know this certificate is the server's, add -SkipCertificateCheck.",
                };
            return new MailToolsException(ErrorIds.ConnectionRefused, MailErrorKind.ConnectionError,
                $"Neither IMAP nor POP3 answered securely on {request.ImapServer} ({tried}).", request.ImapServer)
            {
                RecommendedAction = "Check the server name, and pass -ImapPort / -Pop3Port if the account uses other ports than 993/143 and 995/110.",
            };
        }
    }

    /// <summary>Why one protocol could not be measured; becomes the facts of that side.</summary>
    internal sealed class FactsState
    {
        public SideState State { get; set; } = SideState.NotOffered;
        public string? Problem { get; set; }
    }
}
