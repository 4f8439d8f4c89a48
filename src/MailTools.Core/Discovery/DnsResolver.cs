using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;
using MailTools.Core.Errors;

namespace MailTools.Core.Discovery
{
    /// <summary>How one DNS question ended.</summary>
    public enum DnsOutcome
    {
        /// <summary>At least one record of that type.</summary>
        Found,
        /// <summary>The name exists but has no record of that type.</summary>
        NoRecords,
        /// <summary>NXDOMAIN: the name does not exist.</summary>
        NameNotFound,
        /// <summary>No answer (timeout, refused, server unreachable).</summary>
        Failed,
        /// <summary>-Offline and not asked before in this session.</summary>
        NotCached,
    }

    /// <summary>The answer to one question, with the records as plain values (cacheable, no DnsClient types).</summary>
    public sealed class DnsAnswer<T>
    {
        /// <summary>An answer with <paramref name="records"/> (null: none) and, for a failure, the resolver's words in <paramref name="detail"/>.</summary>
        public DnsAnswer(DnsOutcome outcome, IList<T>? records, string? detail = null)
        {
            Outcome = outcome;
            Records = records ?? Array.Empty<T>();
            Detail = detail;
        }

        /// <summary>How the question ended.</summary>
        public DnsOutcome Outcome { get; }
        /// <summary>The records, in the order to try them; empty unless <see cref="Outcome"/> is Found.</summary>
        public IList<T> Records { get; }
        /// <summary>Why there was no answer (timeout, refused…); null otherwise.</summary>
        public string? Detail { get; }

        /// <summary>The outcome in a few words, for the discovery trace ("2 found", "name does not exist").</summary>
        public string Describe() =>
            Outcome == DnsOutcome.Found ? $"{Records.Count} found"
            : Outcome == DnsOutcome.NoRecords ? "no record"
            : Outcome == DnsOutcome.NameNotFound ? "name does not exist"
            : Outcome == DnsOutcome.NotCached ? "not cached (-Offline)"
            : "no answer" + (string.IsNullOrEmpty(Detail) ? string.Empty : $" ({Detail})");
    }

    /// <summary>An SRV record (RFC 2782); Target "." means the service is not offered (RFC 6186 section 3.4).</summary>
    public sealed class SrvAnswer
    {
        /// <summary>The host offering the service, without the trailing dot; "." when it is not offered.</summary>
        public string Target { get; set; } = ".";
        /// <summary>The port the service listens on.</summary>
        public int Port { get; set; }
        /// <summary>Lower is tried first (RFC 2782).</summary>
        public int Priority { get; set; }
        /// <summary>Among records of the same priority, higher is tried more often (RFC 2782).</summary>
        public int Weight { get; set; }
        /// <summary>True for the "." target: the domain says it does not offer this service.</summary>
        public bool NotOffered => string.IsNullOrEmpty(Target) || Target == ".";
    }

    /// <summary>
    /// DNS through the DnsClient library: SRV and MX always, and A/AAAA when a -DnsServer is given (a split-horizon
    /// name is only known there); without one, host names go through the system resolver, which also reads the hosts
    /// file. Every answer is cached in the session's <see cref="DiscoveryCache"/>.
    /// </summary>
    public sealed class DnsResolver
    {
        readonly LookupClient? _client;   // null when offline: nothing may be asked
        readonly string _serverKey;
        readonly DiscoveryCache _cache;
        readonly bool _offline;
        readonly bool _customServer;

        /// <summary>
        /// A resolver asking <paramref name="dnsServer"/> (host[:port]; null or blank: the system's), keeping answers in
        /// <paramref name="cache"/> (null: a private one), and asking nothing at all when <paramref name="offline"/>.
        /// Throws InvalidDnsServer when the server's name or port is unusable.
        /// </summary>
        public DnsResolver(string? dnsServer, DiscoveryCache? cache, bool offline)
        {
            _cache = cache ?? new DiscoveryCache();
            _offline = offline;
            string server = dnsServer?.Trim() ?? string.Empty;
            _customServer = server.Length > 0;
            _serverKey = _customServer ? server.ToLowerInvariant() : "system";
            if (offline)
                return;
            var options = _customServer ? new LookupClientOptions(new NameServer(ParseServer(server))) : new LookupClientOptions();
            options.UseCache = false;   // our cache: per session, and readable offline
            options.Retries = 1;
            options.UseTcpFallback = true;
            options.ThrowDnsErrors = false;
            options.Timeout = TimeSpan.FromSeconds(3);
            _client = new LookupClient(options);
        }

        /// <summary>"host", "host:port", "[v6]:port" → an endpoint; port 53 by default.</summary>
        public static IPEndPoint ParseServer(string text)
        {
            if (text == null)
                throw new ArgumentNullException(nameof(text));
            string host = text.Trim();
            int port = 53;
            int colon = host.LastIndexOf(':');
            bool bracketed = host.StartsWith("[", StringComparison.Ordinal);
            if (colon > 0 && (bracketed ? host.IndexOf(']') < colon : host.IndexOf(':') == colon))
            {
                if (!int.TryParse(host.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
                    throw Invalid(text, "the port is not a number from 1 to 65535");
                host = host.Substring(0, colon);
            }
            host = host.Trim('[', ']');
            if (IPAddress.TryParse(host, out var ip))
                return new IPEndPoint(ip, port);
            try
            {
                var found = Dns.GetHostAddresses(host).FirstOrDefault();
                if (found != null)
                    return new IPEndPoint(found, port);
            }
            catch (SocketException) { /* reported below */ }
            catch (ArgumentException) { /* reported below */ }
            throw Invalid(text, "its name does not resolve");
        }

        static MailToolsException Invalid(string text, string why) =>
            new MailToolsException(ErrorIds.InvalidDnsServer, MailErrorKind.InvalidArgument,
                $"The DNS server '{text}' cannot be used: {why}.", text)
            { RecommendedAction = "Give -DnsServer as host or host:port, for example 10.0.0.53 or 10.0.0.53:5353." };

        /// <summary>The SRV records of <paramref name="name"/> (e.g. _imaps._tcp.example.com), by priority then weight.</summary>
        public Task<DnsAnswer<SrvAnswer>> SrvAsync(string name, CancellationToken token) =>
            CachedAsync("SRV", name, token, async client =>
            {
                var response = await client.QueryAsync(name, QueryType.SRV, QueryClass.IN, token).ConfigureAwait(false);
                return Convert(response, r => r.Answers.SrvRecords().Select(s => new SrvAnswer
                {
                    Target = s.Target.Value.TrimEnd('.').Length == 0 ? "." : s.Target.Value.TrimEnd('.'),
                    Port = s.Port,
                    Priority = s.Priority,
                    Weight = s.Weight,
                }).OrderBy(s => s.Priority).ThenByDescending(s => s.Weight).ToList());
            });

        /// <summary>MX hosts, most preferred first.</summary>
        public Task<DnsAnswer<string>> MxAsync(string domain, CancellationToken token) =>
            CachedAsync("MX", domain, token, async client =>
            {
                var response = await client.QueryAsync(domain, QueryType.MX, QueryClass.IN, token).ConfigureAwait(false);
                return Convert(response, r => r.Answers.MxRecords().OrderBy(m => m.Preference)
                    .Select(m => m.Exchange.Value.TrimEnd('.')).Where(h => h.Length > 0).ToList());
            });

        /// <summary>The addresses of a host: from -DnsServer when given, else the system resolver.</summary>
        public Task<DnsAnswer<IPAddress>> AddressesAsync(string host, CancellationToken token)
        {
            if (IPAddress.TryParse(host, out var literal))
                return Task.FromResult(new DnsAnswer<IPAddress>(DnsOutcome.Found, new[] { literal }));
            return CachedAsync("A", host, token, async client =>
            {
                if (!_customServer)
                {
                    try
                    {
                        var system = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
                        return new DnsAnswer<IPAddress>(system.Length > 0 ? DnsOutcome.Found : DnsOutcome.NoRecords, system);
                    }
                    catch (SocketException ex) when (ex.SocketErrorCode == SocketError.HostNotFound || ex.SocketErrorCode == SocketError.NoData)
                    {
                        return new DnsAnswer<IPAddress>(DnsOutcome.NameNotFound, null);
                    }
                    catch (SocketException ex)
                    {
                        return new DnsAnswer<IPAddress>(DnsOutcome.Failed, null, ex.Message);
                    }
                }
                var v4 = await client.QueryAsync(host, QueryType.A, QueryClass.IN, token).ConfigureAwait(false);
                var answer = Convert(v4, r => r.Answers.ARecords().Select(a => a.Address).ToList());
                if (answer.Outcome != DnsOutcome.NoRecords)
                    return answer;
                var v6 = await client.QueryAsync(host, QueryType.AAAA, QueryClass.IN, token).ConfigureAwait(false);
                return Convert(v6, r => r.Answers.AaaaRecords().Select(a => a.Address).ToList());
            });
        }

        async Task<DnsAnswer<T>> CachedAsync<T>(string type, string name, CancellationToken token, Func<LookupClient, Task<DnsAnswer<T>>> ask)
        {
            string key = $"dns|{_serverKey}|{type}|{name.TrimEnd('.').ToLowerInvariant()}";
            var cached = _cache.Get<DnsAnswer<T>>(key);
            if (cached != null)
                return cached;
            if (_offline || _client == null)
                return new DnsAnswer<T>(DnsOutcome.NotCached, null);
            token.ThrowIfCancellationRequested();
            DnsAnswer<T> answer;
            try
            {
                answer = await ask(_client).ConfigureAwait(false);
            }
            catch (DnsResponseException ex)
            {
                answer = new DnsAnswer<T>(DnsOutcome.Failed, null, ex.DnsError ?? ex.Message);
            }
            // A failed question is asked again next time; an answer (even "no such name") is kept.
            if (answer.Outcome != DnsOutcome.Failed)
                _cache.Set(key, answer);
            return answer;
        }

        static DnsAnswer<T> Convert<T>(IDnsQueryResponse response, Func<IDnsQueryResponse, IList<T>> pick)
        {
            if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
                return new DnsAnswer<T>(DnsOutcome.NameNotFound, null);
            if (response.HasError)
                return new DnsAnswer<T>(DnsOutcome.Failed, null, response.ErrorMessage);
            var records = pick(response);
            return new DnsAnswer<T>(records.Count > 0 ? DnsOutcome.Found : DnsOutcome.NoRecords, records);
        }
    }
}
