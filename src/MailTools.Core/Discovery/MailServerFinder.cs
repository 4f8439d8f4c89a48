using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailTools.Core.Errors;

namespace MailTools.Core.Discovery
{
    /// <summary>
    /// Find-MailServer: from an address to IMAP, POP3 and SMTP-submission candidates, best first. Sources in
    /// Thunderbird's order (autoconfig, ISPDB, the same for the MX host's domain, then RFC 6186 SRV, then common host
    /// names), each candidate probed without a login. The whole run stays within TimeoutSeconds: what did not answer
    /// in time is reported as such, not waited for.
    /// </summary>
    public static class MailServerFinder
    {
        const int ParallelProbes = 8;

        /// <summary>
        /// The candidates for <paramref name="request"/>'s address, ranked per protocol and probed unless offline; answers
        /// are kept in <paramref name="cache"/> (null: none kept). Throws InvalidEmailAddress or MailServerNotFound, naming every source tried.
        /// </summary>
        public static IList<MailServerCandidate> Find(DiscoveryOptions request, DiscoveryCache? cache, IOutputWriter? writer, CancellationToken token)
        {
            if (request == null)
                throw new ArgumentNullException(nameof(request));
            request.Validate();
            cache = cache ?? new DiscoveryCache();
            writer = writer ?? NullOutputWriter.Instance;
            var overall = TimeSpan.FromSeconds(Math.Max(1, request.TimeoutSeconds));
            var started = DateTime.UtcNow;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                deadline.CancelAfter(overall);
                var dns = new DnsResolver(request.DnsServer, cache, request.Offline);
                using (var fetcher = new HttpFetcher(dns, cache, request.Offline, useProxy: string.IsNullOrEmpty(request.DnsServer)))
                {
                    var context = new DiscoveryContext(request, dns, fetcher, writer);
                    var found = new List<MailServerCandidate>();
                    DnsAnswer<string>? mx = null;
                    bool timedOut = false;
                    writer.Progress(new ProgressInfo(60, $"Finding the mail servers for {request.EmailAddress}", "Autoconfig, ISPDB, MX, SRV", 10));
                    try
                    {
                        RunAsync(context, found, a => mx = a, deadline.Token).GetAwaiter().GetResult();
                    }
                    catch (OperationCanceledException) when (!token.IsCancellationRequested)
                    {
                        timedOut = true;
                        context.Note("discovery", $"stopped after {request.TimeoutSeconds} s (-TimeoutSeconds)");
                    }
                    context.Flush();
                    var candidates = Deduplicate(found.Where(c => SrvSource.Wanted(request, c.Protocol)));
                    if (candidates.Count == 0)
                        throw NotFound(request, context, mx, timedOut);

                    writer.Progress(new ProgressInfo(60, $"Finding the mail servers for {request.EmailAddress}", $"Probing {candidates.Count} candidates", 50));
                    ProbeAll(candidates, dns, cache, request, started + overall, token);
                    writer.Progress(new ProgressInfo(60, $"Finding the mail servers for {request.EmailAddress}", "Done", 100, completed: true));
                    return Rank(candidates);
                }
            }
        }

        static async Task RunAsync(DiscoveryContext context, List<MailServerCandidate> found, Action<DnsAnswer<string>> setMx, CancellationToken token)
        {
            string domain = context.Request.Domain;
            var autoconfig = AutoconfigSource.FindAsync(context, domain, token);
            var ispdb = IspdbSource.FindAsync(context, domain, token);
            var srv = SrvSource.FindAsync(context, domain, token);
            var mx = MxSource.FindAsync(context, domain, token);
            found.AddRange(await autoconfig.ConfigureAwait(false));
            found.AddRange(await ispdb.ConfigureAwait(false));
            var (mxAnswer, providerDomains) = await mx.ConfigureAwait(false);
            setMx(mxAnswer);
            foreach (string provider in providerDomains)
            {
                // The provider's settings name the provider's hosts, so its domain bounds the redirects.
                var fromProvider = await AutoconfigSource.FindAsync(context, provider, token).ConfigureAwait(false);
                if (fromProvider.Count == 0)
                    fromProvider = await IspdbSource.FindAsync(context, provider, token).ConfigureAwait(false);
                found.AddRange(fromProvider);
            }
            found.AddRange(await srv.ConfigureAwait(false));
            var missing = new[] { MailServerProtocol.Imap, MailServerProtocol.Pop3, MailServerProtocol.Smtp }
                .Where(p => SrvSource.Wanted(context.Request, p) && !found.Any(c => c.Protocol == p)).ToList();
            if (missing.Count > 0)
                found.AddRange(await HostNameSource.FindAsync(context, domain, missing, token).ConfigureAwait(false));
        }

        static List<MailServerCandidate> Deduplicate(IEnumerable<MailServerCandidate> all)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return all.Where(c => seen.Add($"{c.Protocol}|{c.Host}|{c.Port}|{c.Security}")).ToList();
        }

        static void ProbeAll(IList<MailServerCandidate> candidates, DnsResolver dns, DiscoveryCache cache, DiscoveryOptions request,
            DateTime deadlineUtc, CancellationToken token)
        {
            using (var gate = new SemaphoreSlim(ParallelProbes))
            {
                var tasks = candidates.Select(async c =>
                {
                    string key = $"probe|{request.DnsServer}|{c.Protocol}|{c.Host}|{c.Port}|{c.Security}";
                    var known = cache.Get<MailServerCandidate>(key);
                    if (known != null)
                    {
                        CopyProbe(known, c);
                        return;
                    }
                    if (request.Offline || !request.Probe)
                    {
                        c.Detail = request.Offline ? "not probed (-Offline)" : "not probed";
                        return;
                    }
                    await gate.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        var left = deadlineUtc - DateTime.UtcNow;
                        if (left <= TimeSpan.FromMilliseconds(200))
                        {
                            c.Detail = $"not probed: -TimeoutSeconds {request.TimeoutSeconds} ran out";
                            return;
                        }
                        await HostProbe.ProbeAsync(c, dns, left, null, token).ConfigureAwait(false);
                        if (c.Status != ProbeStatus.NotOffered || c.Detail != "no answer in time")
                            cache.Set(key, c);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }).ToArray();
                Task.WhenAll(tasks).GetAwaiter().GetResult();
            }
        }

        static void CopyProbe(MailServerCandidate from, MailServerCandidate to)
        {
            to.Status = from.Status;
            to.Verified = from.Verified;
            to.CertificateValid = from.CertificateValid;
            to.CertificateSubject = from.CertificateSubject;
            to.TlsVersion = from.TlsVersion;
            to.Greeting = from.Greeting;
            to.Capabilities = from.Capabilities;
            to.AuthenticationMechanisms = from.AuthenticationMechanisms;
            to.MaxMessageSize = from.MaxMessageSize;
            to.Detail = from.Detail;
        }

        /// <summary>Per protocol (IMAP, POP3, SMTP): verified first, then the more trusted source, then TLS before STARTTLS.</summary>
        internal static IList<MailServerCandidate> Rank(IList<MailServerCandidate> candidates)
        {
            var ranked = new List<MailServerCandidate>();
            foreach (var group in candidates.Select((c, i) => (c, i)).GroupBy(x => x.c.Protocol).OrderBy(g => g.Key))
            {
                int rank = 1;
                foreach (var x in group.OrderByDescending(x => x.c.Verified)
                    .ThenBy(x => x.c.Status == ProbeStatus.Answered ? 0 : x.c.Status == ProbeStatus.NotProbed ? 1 : 2)
                    .ThenBy(x => x.c.Source)
                    .ThenBy(x => x.c.Security == MailSecurity.SslOnConnect ? 0 : x.c.Security == MailSecurity.StartTls ? 1 : 2)
                    .ThenBy(x => x.i))
                {
                    x.c.Rank = rank++;
                    ranked.Add(x.c);
                }
            }
            return ranked;
        }

        static MailToolsException NotFound(DiscoveryOptions request, DiscoveryContext context, DnsAnswer<string>? mx, bool timedOut)
        {
            string why = mx?.Outcome == DnsOutcome.NameNotFound ? $"The domain '{request.Domain}' does not exist in DNS, and no source knows it."
                : timedOut ? $"Nothing was found within {request.TimeoutSeconds} s."
                : request.Offline ? $"Nothing about '{request.Domain}' is cached in this session (-Offline)."
                : $"No source names a mail server for '{request.Domain}'.";
            return new MailToolsException(ErrorIds.MailServerNotFound, MailErrorKind.ObjectNotFound,
                $"No mail server was found for '{request.EmailAddress}'. {why} Tried: {string.Join("; ", context.Tried)}.", request.EmailAddress)
            {
                RecommendedAction = request.Offline
                    ? "Run Find-MailServer once without -Offline, or give the server with -Server."
                    : "Check the spelling of the address; on a company network pass its DNS server with -DnsServer; or give the server with -Server.",
            };
        }
    }
}
