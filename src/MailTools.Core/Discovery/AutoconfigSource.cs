using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MailTools.Core.Discovery
{
    /// <summary>
    /// The provider's own autoconfig file (Thunderbird's first source): https://autoconfig.&lt;domain&gt;/mail/config-v1.1.xml
    /// and https://&lt;domain&gt;/.well-known/autoconfig/mail/config-v1.1.xml. Plain HTTP only with -AllowInsecureDiscovery,
    /// because anyone on the network path could answer it. A malformed file is skipped with a warning.
    /// </summary>
    public static class AutoconfigSource
    {
        /// <summary>The candidates from the domain's own autoconfig file; empty when it has none (each try noted in the trace).</summary>
        public static async Task<IList<MailServerCandidate>> FindAsync(DiscoveryContext context, string domain, CancellationToken token)
        {
            var request = context.Request;
            string address = Uri.EscapeDataString(request.EmailAddress);
            var paths = new[]
            {
                $"autoconfig.{domain}/mail/config-v1.1.xml?emailaddress={address}",
                $"{domain}/.well-known/autoconfig/mail/config-v1.1.xml",
            };
            var found = new List<MailServerCandidate>();
            foreach (string path in paths)
            {
                var list = await TryAsync(context, "https://" + path, domain, DiscoverySource.Autoconfig, token).ConfigureAwait(false);
                if (list == null && request.AllowInsecureDiscovery)
                {
                    list = await TryAsync(context, "http://" + path, domain, DiscoverySource.Autoconfig, token).ConfigureAwait(false);
                    if (list != null)
                        context.Warning($"The mail settings for {domain} came over plain HTTP (http://{path.Split('?')[0]}), which anyone on the network path could have forged. Check the servers below before you use them.");
                }
                if (list != null)
                {
                    found.AddRange(list);
                    break;
                }
            }
            if (found.Count == 0 && !request.AllowInsecureDiscovery)
                context.Note($"autoconfig over plain HTTP for {domain}", "not tried (add -AllowInsecureDiscovery to allow it)");
            return found;
        }

        /// <summary>Fetches and reads one config document; null when there is none or it is unusable (noted in the trace).</summary>
        internal static async Task<IList<MailServerCandidate>?> TryAsync(DiscoveryContext context, string url, string allowedDomain,
            DiscoverySource source, CancellationToken token)
        {
            string label = source == DiscoverySource.Ispdb ? "ISPDB " + url : "autoconfig " + url.Split('?')[0];
            var fetched = await context.Http.GetAsync(url, allowedDomain, token).ConfigureAwait(false);
            if (fetched.Body == null || fetched.FinalUrl == null)
            {
                context.Note(label, fetched.Problem ?? "no document");
                if (fetched.Refused)
                    context.Warning($"Find-MailServer did not follow {label}: {fetched.Problem}. A provider's settings must come from its own domain.");
                return null;
            }
            try
            {
                var list = ConfigV11Reader.Read(fetched.Body, context.Request, source, fetched.FinalUrl);
                context.Note(label, $"{list.Count} server setting(s)");
                return list;
            }
            catch (ConfigFormatException ex)
            {
                context.Note(label, "skipped: " + ex.Message);
                context.Warning($"The mail settings at {fetched.FinalUrl} were skipped: {ex.Message}.");
                return null;
            }
        }
    }
}
