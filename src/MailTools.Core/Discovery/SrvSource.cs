using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MailTools.Core.Discovery
{
    /// <summary>RFC 6186 SRV records (and RFC 8314's _submissions): a target of "." means the service is not offered.</summary>
    public static class SrvSource
    {
        static readonly (string Service, MailServerProtocol Protocol, MailSecurity Security)[] s_services =
        {
            ("_imaps._tcp", MailServerProtocol.Imap, MailSecurity.SslOnConnect),
            ("_imap._tcp", MailServerProtocol.Imap, MailSecurity.StartTls),
            ("_pop3s._tcp", MailServerProtocol.Pop3, MailSecurity.SslOnConnect),
            ("_pop3._tcp", MailServerProtocol.Pop3, MailSecurity.StartTls),
            ("_submissions._tcp", MailServerProtocol.Smtp, MailSecurity.SslOnConnect),
            ("_submission._tcp", MailServerProtocol.Smtp, MailSecurity.StartTls),
        };

        /// <summary>Candidates from the RFC 6186 SRV records of <paramref name="domain"/> for the wanted protocols; a "." target adds none.</summary>
        public static async Task<IList<MailServerCandidate>> FindAsync(DiscoveryContext context, string domain, CancellationToken token)
        {
            var wanted = s_services.Where(s => Wanted(context.Request, s.Protocol)).ToList();
            var answers = await Task.WhenAll(wanted.Select(s => context.Dns.SrvAsync($"{s.Service}.{domain}", token))).ConfigureAwait(false);
            var list = new List<MailServerCandidate>();
            for (int i = 0; i < wanted.Count; i++)
            {
                string name = $"{wanted[i].Service}.{domain}";
                var answer = answers[i];
                if (answer.Outcome == DnsOutcome.Found && answer.Records.All(r => r.NotOffered))
                {
                    context.Note("SRV " + name, "\".\": not offered");
                    continue;
                }
                context.Note("SRV " + name, answer.Describe());
                foreach (var record in answer.Records.Where(r => !r.NotOffered))
                {
                    list.Add(new MailServerCandidate
                    {
                        EmailAddress = context.Request.EmailAddress,
                        Protocol = wanted[i].Protocol,
                        Host = record.Target.ToLowerInvariant(),
                        Port = record.Port,
                        Security = wanted[i].Security,
                        Source = DiscoverySource.Srv,
                        SourceDetail = $"{name} SRV {record.Priority} {record.Weight} {record.Port} {record.Target}",
                        UserName = context.Request.EmailAddress,
                        Status = ProbeStatus.NotProbed,
                    });
                }
            }
            return list;
        }

        internal static bool Wanted(DiscoveryOptions request, MailServerProtocol protocol) =>
            request.Protocols == null || request.Protocols.Length == 0 || request.Protocols.Contains(protocol);
    }
}
