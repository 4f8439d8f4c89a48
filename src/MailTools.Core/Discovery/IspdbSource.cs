using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MailTools.Core.Discovery
{
    /// <summary>
    /// Thunderbird's ISPDB (https://autoconfig.thunderbird.net/v1.1/&lt;domain&gt;): settings for the big providers
    /// that publish no autoconfig of their own. The base URL is configurable (-IspdbUrl, MAILTOOLS_ISPDB_URL).
    /// </summary>
    public static class IspdbSource
    {
        /// <summary>The ISPDB's candidates for <paramref name="domain"/>; empty when it has none or is plain HTTP without -AllowInsecureDiscovery.</summary>
        public static async Task<IList<MailServerCandidate>> FindAsync(DiscoveryContext context, string domain, CancellationToken token)
        {
            string baseUrl = context.Request.ResolveIspdbUrl();
            var uri = new Uri(baseUrl);
            if (uri.Scheme != Uri.UriSchemeHttps && !context.Request.AllowInsecureDiscovery)
            {
                context.Note("ISPDB " + baseUrl, "not used: plain HTTP (add -AllowInsecureDiscovery to allow it)");
                return Array.Empty<MailServerCandidate>();
            }
            // Redirects stay on the ISPDB's own host domain.
            var list = await AutoconfigSource.TryAsync(context, baseUrl + Uri.EscapeDataString(domain), uri.Host, DiscoverySource.Ispdb, token).ConfigureAwait(false);
            return list ?? (IList<MailServerCandidate>)Array.Empty<MailServerCandidate>();
        }
    }
}
