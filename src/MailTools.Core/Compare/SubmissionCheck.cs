using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MailTools.Core.Discovery;

namespace MailTools.Core.Compare
{
    /// <summary>What the sending side showed: each submission port, and whether the password was accepted.</summary>
    public sealed class SendingFacts
    {
        /// <summary>The SMTP host checked.</summary>
        public string Server { get; set; } = string.Empty;
        /// <summary>How far the sending check got.</summary>
        public SideState State { get; set; } = SideState.NotChecked;
        /// <summary>Why the check failed, in plain words; null when it worked.</summary>
        public string? Problem { get; set; }
        /// <summary>Each submission port tried, and what answered.</summary>
        public IList<MailServerCandidate> Probes { get; set; } = new List<MailServerCandidate>();
        /// <summary>Whether AUTH accepted the password.</summary>
        public SmtpLoginResult Login { get; set; }
        /// <summary>Why sending cannot be used, in plain words; null when it works.</summary>
        public string? Describe() => State == SideState.Measured && Login != SmtpLoginResult.Refused ? null : ComparisonBuilder.ProblemText(State, Problem, "SMTP");
        /// <summary>The port the login was tried on.</summary>
        public MailServerCandidate? Used { get; set; }
    }

    /// <summary>
    /// The sending side (RFC 6409 submission) with MailKit's SmtpClient: 465 (implicit TLS, RFC 8314) and 587
    /// (STARTTLS), each connected and secured with the certificate check; then one AUTH on the best port that
    /// answered securely. Never MAIL FROM or DATA: nothing can be sent. One refusal is the answer (no retry on
    /// the other port, which would only risk a lockout).
    /// </summary>
    public static class SubmissionCheck
    {
        static MailServerCandidate Target(string server, int port, MailSecurity security, NetworkCredential? credential) =>
            new MailServerCandidate
            {
                Protocol = MailServerProtocol.Smtp,
                Host = server,
                Port = port,
                Security = security,
                Source = DiscoverySource.Given,
                SourceDetail = "Compare-MailProtocol",
                UserName = credential?.UserName,
                Status = ProbeStatus.NotProbed,
            };

        /// <summary>Probes the submission ports and tries one AUTH on the best secure one; never sends mail.</summary>
        public static SendingFacts Run(string? server, IReadOnlyList<int>? ports, NetworkCredential? credential, string? dnsServer, int timeoutSeconds,
            IOutputWriter writer, CancellationToken token)
        {
            if (server == null || server.Length == 0)
                throw new ArgumentException("The SMTP server to check is missing.", nameof(server));
            writer = writer ?? NullOutputWriter.Instance;
            var facts = new SendingFacts { Server = server };
            var resolver = new DnsResolver(dnsServer, new DiscoveryCache(), offline: false);
            var timeout = TimeSpan.FromSeconds(Math.Max(1, timeoutSeconds));
            var wanted = ports == null || ports.Count == 0 ? new[] { 465, 587 } : ports.Distinct().ToArray();
            // 465 is implicit TLS and 587 STARTTLS (RFC 8314, RFC 6409); any other port is tried TLS first, then STARTTLS.
            var tasks = wanted.Select(port => Task.Run(async () =>
            {
                var modes = port == 465 ? new[] { MailSecurity.SslOnConnect }
                    : port == 587 ? new[] { MailSecurity.StartTls }
                    : new[] { MailSecurity.SslOnConnect, MailSecurity.StartTls };
                MailServerCandidate? probe = null;
                foreach (var mode in modes)
                {
                    probe = Target(server, port, mode, credential);
                    await HostProbe.ProbeAsync(probe, resolver, timeout, null, token).ConfigureAwait(false);
                    if (probe.Status == ProbeStatus.Answered || probe.Status == ProbeStatus.CertificateUntrusted
                        || probe.Status == ProbeStatus.HostNotFound || probe.Detail == "nothing listening")
                        break;
                }
                return probe ?? throw new InvalidOperationException("Every port has at least one mode to try.");
            })).ToArray();
            var targets = Task.WhenAll(tasks).GetAwaiter().GetResult().ToList();
            foreach (var t in targets)
                writer.Verbose($"Probe SMTP {t.Host}:{t.Port} {t.Security}: {t.Status}{(t.Detail != null ? " (" + t.Detail + ")" : string.Empty)}.");
            facts.Probes = targets;

            var best = targets.Where(t => t.Verified).OrderBy(t => t.Security == MailSecurity.SslOnConnect ? 0 : 1).FirstOrDefault();
            if (best == null)
            {
                var bad = targets.FirstOrDefault(t => t.Status != ProbeStatus.NotOffered && t.Status != ProbeStatus.HostNotFound);
                facts.State = bad == null ? SideState.NotOffered : SideState.Unusable;
                facts.Problem = bad?.Detail;
                return facts;
            }
            facts.Used = best;
            if (credential == null)
            {
                facts.State = SideState.Measured;
                return facts;
            }
            writer.Verbose($"Trying the password for '{credential.UserName}' on SMTP {best.Host}:{best.Port} (AUTH only; nothing is sent).");
            var again = new MailServerCandidate { Protocol = MailServerProtocol.Smtp, Host = best.Host, Port = best.Port, Security = best.Security };
            facts.Login = HostProbe.ProbeAsync(again, resolver, timeout, credential, token).GetAwaiter().GetResult();
            if (again.Status != ProbeStatus.Answered)
            {
                facts.State = SideState.Unusable;
                facts.Problem = again.Detail;
            }
            else
            {
                facts.State = facts.Login == SmtpLoginResult.Refused ? SideState.LoginRefused : SideState.Measured;
                if (facts.Login == SmtpLoginResult.Refused)
                    facts.Problem = "wrong user name or password, or sending is switched off for the account";
            }
            return facts;
        }
    }
}
