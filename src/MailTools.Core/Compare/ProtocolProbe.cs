using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Security;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools.Core.Compare
{
    /// <summary>
    /// Finds which of the usual mail ports answer (IMAP 993 TLS, 143 STARTTLS; POP3 995 TLS, 110 STARTTLS) and how
    /// securely. It connects and secures the connection only: no credentials are sent, so a probe can never lock an
    /// account or change a message. A port that is closed is a result ("not offered"), never an exception.
    /// </summary>
    public static class ProtocolProbe
    {
        const string RefusedDetail = "nothing listening";

        /// <summary>
        /// The ports and modes to try for one protocol. No ports: the two standard ones. A port with Auto: its standard
        /// mode (993/995 TLS, 143/110 STARTTLS); any other port is tried both ways, TLS first, because a non-standard
        /// port says nothing about its mode.
        /// </summary>
        public static IList<ProbeTarget> Targets(MailProtocol protocol, string server, IReadOnlyList<int>? ports, MailSecurity security)
        {
            int tlsPort = protocol == MailProtocol.Pop3 ? 995 : 993;
            int startTlsPort = protocol == MailProtocol.Pop3 ? 110 : 143;
            var list = new List<ProbeTarget>();
            if (ports == null || ports.Count == 0)
            {
                if (security == MailSecurity.Auto || security == MailSecurity.SslOnConnect)
                    list.Add(new ProbeTarget(protocol, server, tlsPort, MailSecurity.SslOnConnect));
                if (security == MailSecurity.Auto || security == MailSecurity.StartTls)
                    list.Add(new ProbeTarget(protocol, server, startTlsPort, MailSecurity.StartTls));
                if (security == MailSecurity.None)
                    list.Add(new ProbeTarget(protocol, server, startTlsPort, MailSecurity.None));
                return list;
            }
            foreach (int port in ports.Distinct())
            {
                if (security != MailSecurity.Auto)
                    list.Add(new ProbeTarget(protocol, server, port, security));
                else if (port == tlsPort)
                    list.Add(new ProbeTarget(protocol, server, port, MailSecurity.SslOnConnect));
                else if (port == startTlsPort)
                    list.Add(new ProbeTarget(protocol, server, port, MailSecurity.StartTls));
                else
                {
                    list.Add(new ProbeTarget(protocol, server, port, MailSecurity.SslOnConnect));
                    list.Add(new ProbeTarget(protocol, server, port, MailSecurity.StartTls));
                }
            }
            return list;
        }

        /// <summary>
        /// Tries the targets (each on its own short-lived connection; different ports at once, the modes of one port
        /// one after the other, stopping at the first that answers) and returns the results in the order given.
        /// </summary>
        public static IList<ProtocolProbeResult> Probe(IList<ProbeTarget> targets, bool skipCertificateCheck, int timeoutSeconds,
            IOutputWriter writer, CancellationToken token, string? dnsServer = null)
        {
            writer = writer ?? NullOutputWriter.Instance;
            var groups = targets.GroupBy(t => (t.Protocol, t.Server, t.Port)).Select(g => g.ToList()).ToList();
            var tasks = groups.Select(g => Task.Run(() =>
            {
                var done = new List<ProtocolProbeResult>();
                foreach (var t in g)
                {
                    var r = ProbeOne(t, skipCertificateCheck, timeoutSeconds, token, dnsServer);
                    done.Add(r);
                    // TLS first: when it answers, STARTTLS on the same port is not worth a second connection.
                    // Nothing listening, or no such host: the other mode would meet the same silence.
                    if (r.Status == ProbeStatus.Answered || r.Status == ProbeStatus.CertificateUntrusted || r.Status == ProbeStatus.HostNotFound
                        || (r.Status == ProbeStatus.NotOffered && r.Detail == RefusedDetail))
                        break;
                }
                return done;
            })).ToArray();
            try
            {
                Task.WaitAll(tasks, token);
            }
            catch (AggregateException ex) when (token.IsCancellationRequested)
            {
                throw new OperationCanceledException("Probing was stopped.", ex, token);
            }
            var results = tasks.SelectMany(t => t.Result).ToList();
            foreach (var r in results)
                writer.Verbose($"Probe {(r.Protocol == MailProtocol.Pop3 ? "POP3" : "IMAP")} {r.Server}:{r.Mode}: {r.Status}{(r.Detail != null ? " (" + r.Detail + ")" : string.Empty)}.");
            return Collapse(results);
        }

        // Non-standard ports are tried in both modes; one line per port reads better: the mode that worked.
        internal static IList<ProtocolProbeResult> Collapse(IList<ProtocolProbeResult> results)
        {
            var kept = new List<ProtocolProbeResult>();
            foreach (var group in results.GroupBy(r => (r.Protocol, r.Server, r.Port)))
            {
                var all = group.ToList();
                if (all.Count == 1)
                {
                    kept.Add(all[0]);
                    continue;
                }
                kept.Add(all.FirstOrDefault(r => r.Status == ProbeStatus.Answered)
                    ?? all.FirstOrDefault(r => r.Status == ProbeStatus.CertificateUntrusted)
                    ?? all.FirstOrDefault(r => r.Status == ProbeStatus.NoStartTls)
                    ?? all[0]);
            }
            return kept;
        }

        static ProtocolProbeResult ProbeOne(ProbeTarget target, bool skipCertificateCheck, int timeoutSeconds, CancellationToken token, string? dnsServer)
        {
            var result = new ProtocolProbeResult
            {
                Protocol = target.Protocol,
                Server = target.Server,
                Port = target.Port,
                Security = target.Security,
            };
            var where = new ServerEndpoint(target.Server, target.Port, target.Protocol, null, timeoutSeconds);
            var check = new CertificateCheck(skipCertificateCheck);
            using (MailService client = target.Protocol == MailProtocol.Pop3 ? (MailService)new Pop3Client() : new ImapClient())
            {
                client.ServerCertificateValidationCallback = check.Validate;
                client.CheckCertificateRevocation = false;
                client.Timeout = Math.Max(1, timeoutSeconds) * 1000;
                var options = target.Security == MailSecurity.SslOnConnect ? SecureSocketOptions.SslOnConnect
                    : target.Security == MailSecurity.StartTls ? SecureSocketOptions.StartTls
                    : SecureSocketOptions.None;
                // Our own deadline: a STARTTLS probe of a TLS-only port waits for a greeting that never comes, and
                // MailKit's Timeout does not cover that first read.
                using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(token))
                try
                {
                    deadline.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, timeoutSeconds)));
                    // The envelope translates every failure; the caller's deadline running out is the timeout.
                    MailOperation.Connecting(where, check, token, () =>
                    {
                        if (string.IsNullOrEmpty(dnsServer))
                            client.Connect(target.Server, target.Port, options, deadline.Token);
                        else
                            client.Connect(Discovery.SocketOpener.Connect(dnsServer, target.Server, target.Port, deadline.Token), target.Server, target.Port, options, deadline.Token);
                        return client;
                    });
                    result.Status = ProbeStatus.Answered;
                    result.TlsVersion = client.IsSecure ? client.SslProtocol.ToString() : "none";
                    // Logout/QUIT before any login: nothing on the server can change.
                    try { client.Disconnect(true, deadline.Token); } catch (Exception) { /* best effort: the answer is what mattered */ }
                }
                catch (MailToolsException mt) when (!token.IsCancellationRequested)
                {
                    result.Status = StatusOf(mt.ErrorId);
                    result.Detail = DetailOf(result.Status, mt, check);
                }
            }
            return result;
        }

        internal static ProbeStatus StatusOf(string errorId)
        {
            switch (errorId)
            {
                case ErrorIds.CertificateUntrusted: return ProbeStatus.CertificateUntrusted;
                case ErrorIds.TlsHandshakeFailed: return ProbeStatus.TlsFailed;
                case ErrorIds.StartTlsNotOffered: return ProbeStatus.NoStartTls;
                case ErrorIds.HostNotFound: return ProbeStatus.HostNotFound;
                default: return ProbeStatus.NotOffered; // refused, timed out, closed at once
            }
        }

        static string DetailOf(ProbeStatus status, MailToolsException mt, CertificateCheck check)
        {
            switch (status)
            {
                case ProbeStatus.NotOffered:
                    return mt.ErrorId == ErrorIds.Timeout ? "no answer in time"
                        : mt.ErrorId == ErrorIds.ConnectionRefused ? RefusedDetail
                        : "closed the connection";
                case ProbeStatus.CertificateUntrusted:
                    return $"certificate not trusted ({check.Problem})";
                case ProbeStatus.NoStartTls:
                    return "answers unencrypted only (no STARTTLS)";
                case ProbeStatus.HostNotFound:
                    return "server name not found";
                default:
                    return "TLS failed";
            }
        }
    }
}
