using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using MailTools.Core;
using MailTools.Core.Discovery;

namespace MailTools.Discovery
{
    /// <summary>
    /// Discovery as the cmdlets use it: one <see cref="DiscoveryCache"/> per runspace (so answers are reused for the
    /// session, and -Offline can rely on them), and the shared call behind Find-MailServer and every -EmailAddress.
    /// </summary>
    internal static class AddressDiscovery
    {
        static readonly ConditionalWeakTable<Runspace, DiscoveryCache> s_caches = new ConditionalWeakTable<Runspace, DiscoveryCache>();
        static readonly DiscoveryCache s_noRunspace = new DiscoveryCache();

        public static DiscoveryCache Cache
        {
            get
            {
                var rs = Runspace.DefaultRunspace;
                return rs == null ? s_noRunspace : s_caches.GetValue(rs, _ => new DiscoveryCache());
            }
        }

        public static IList<MailServerCandidate> Find(string address, string? dnsServer, int timeoutSeconds, IOutputWriter writer,
            CancellationToken token, params MailServerProtocol[] protocols)
        {
            writer.Verbose($"Looking up the mail servers for '{address}' (autoconfig, ISPDB, MX, SRV, common names).");
            var request = new DiscoveryOptions
            {
                EmailAddress = address,
                DnsServer = dnsServer,
                TimeoutSeconds = timeoutSeconds,
                Protocols = protocols == null || protocols.Length == 0 ? null : protocols,
            };
            return MailServerFinder.Find(request, Cache, writer, token);
        }
    }
}
