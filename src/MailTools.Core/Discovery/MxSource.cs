using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MailTools.Core.Discovery
{
    /// <summary>
    /// The domain's MX hosts, used as Thunderbird does: a domain hosted by a provider (MX mx1.hoster-17.example) gets
    /// the provider's autoconfig and ISPDB entry (hoster-17.example). Without a public-suffix list the provider's
    /// domain is the MX host minus its first label, and its last two labels when that differs.
    /// </summary>
    public static class MxSource
    {
        /// <summary>The MX answer for <paramref name="domain"/> and the provider domains (at most four, from the first two MX hosts) to ask next.</summary>
        public static async Task<(DnsAnswer<string> Answer, IList<string> Domains)> FindAsync(DiscoveryContext context, string domain, CancellationToken token)
        {
            var answer = await context.Dns.MxAsync(domain, token).ConfigureAwait(false);
            context.Note("MX " + domain, answer.Outcome == DnsOutcome.Found ? string.Join(", ", answer.Records) : answer.Describe());
            var domains = new List<string>();
            foreach (string host in answer.Records.Take(2))
            {
                foreach (string candidate in ProviderDomains(host))
                    if (candidate != domain && !domains.Contains(candidate))
                        domains.Add(candidate);
            }
            return (answer, domains);
        }

        internal static IEnumerable<string> ProviderDomains(string mxHost)
        {
            var labels = mxHost.ToLowerInvariant().TrimEnd('.').Split('.');
            if (labels.Length < 3)
                yield break;
            yield return string.Join(".", labels.Skip(1));
            if (labels.Length > 3)
                yield return string.Join(".", labels.Skip(labels.Length - 2));
        }
    }
}
