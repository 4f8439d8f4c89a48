using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MailTools.Core.Discovery
{
    /// <summary>
    /// The last resort, as in every mail client: the common host names (imap., mail., pop., smtp.) on the standard
    /// ports, TLS first (993/995/465) then STARTTLS (143/110/587). Only names that resolve become candidates; the
    /// probe then proves or refutes each one.
    /// </summary>
    public static class HostNameSource
    {
        static readonly (MailServerProtocol Protocol, string[] Prefixes, int TlsPort, int StartTlsPort)[] s_guesses =
        {
            (MailServerProtocol.Imap, new[] { "imap", "mail" }, 993, 143),
            (MailServerProtocol.Pop3, new[] { "pop", "pop3", "mail" }, 995, 110),
            (MailServerProtocol.Smtp, new[] { "smtp", "mail" }, 465, 587),
        };

        /// <summary>Candidates on the common host names of <paramref name="domain"/> that resolve, for the <paramref name="protocols"/> no other source named.</summary>
        public static async Task<IList<MailServerCandidate>> FindAsync(DiscoveryContext context, string domain,
            ICollection<MailServerProtocol> protocols, CancellationToken token)
        {
            var guesses = s_guesses.Where(g => protocols.Contains(g.Protocol)).ToList();
            var names = guesses.SelectMany(g => g.Prefixes).Distinct().Select(p => $"{p}.{domain}").ToList();
            var answers = await Task.WhenAll(names.Select(n => context.Dns.AddressesAsync(n, token))).ConfigureAwait(false);
            var resolved = new HashSet<string>();
            for (int i = 0; i < names.Count; i++)
            {
                context.Note("host name " + names[i], answers[i].Outcome == DnsOutcome.Found ? "resolves" : answers[i].Describe());
                if (answers[i].Outcome == DnsOutcome.Found)
                    resolved.Add(names[i]);
            }
            var list = new List<MailServerCandidate>();
            foreach (var g in guesses)
            {
                foreach (string host in g.Prefixes.Select(p => $"{p}.{domain}").Where(resolved.Contains))
                {
                    list.Add(Guess(context, g.Protocol, host, g.TlsPort, MailSecurity.SslOnConnect));
                    list.Add(Guess(context, g.Protocol, host, g.StartTlsPort, MailSecurity.StartTls));
                }
            }
            return list;
        }

        static MailServerCandidate Guess(DiscoveryContext context, MailServerProtocol protocol, string host, int port, MailSecurity security) =>
            new MailServerCandidate
            {
                EmailAddress = context.Request.EmailAddress,
                Protocol = protocol,
                Host = host,
                Port = port,
                Security = security,
                Source = DiscoverySource.HostName,
                SourceDetail = $"common name {host}:{port}",
                UserName = context.Request.EmailAddress,
                Status = ProbeStatus.NotProbed,
            };
    }
}
