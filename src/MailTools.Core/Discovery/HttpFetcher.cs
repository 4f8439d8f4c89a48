using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace MailTools.Core.Discovery
{
    /// <summary>What one autoconfig/ISPDB fetch gave: the document, or why there is none.</summary>
    public sealed class FetchResult
    {
        /// <summary>The document's text; null when there is none (see <see cref="Problem"/>).</summary>
        public string? Body { get; set; }
        /// <summary>Where the document came from after redirects; set together with <see cref="Body"/>.</summary>
        public string? FinalUrl { get; set; }
        /// <summary>Plain words for the trace ("404", "redirect to another domain refused", …); null when Body is set.</summary>
        public string? Problem { get; set; }
        /// <summary>A refusal the user should hear about as a warning (cross-domain redirect, HTTPS downgrade).</summary>
        public bool Refused { get; set; }
    }

    /// <summary>
    /// GETs an autoconfig document. Redirects are followed here, not by HttpClient, so that only those within
    /// the allowed domain (and never from HTTPS to HTTP) are taken. On .NET (PowerShell 7) host names go through
    /// our <see cref="DnsResolver"/> (so -DnsServer and the session cache apply) via SocketsHttpHandler's
    /// ConnectCallback; TLS and certificate validation stay the platform's. Windows PowerShell uses the system resolver.
    /// </summary>
    public sealed class HttpFetcher : IDisposable
    {
        const int MaxRedirects = 5;
        const int MaxBytes = 1 << 20;
        const string NoAnswer = "no answer in time";
        readonly HttpClient _http;
        readonly DiscoveryCache _cache;
        readonly bool _offline;

        /// <summary>
        /// A fetcher resolving host names through <paramref name="resolver"/> (PowerShell 7), keeping documents in
        /// <paramref name="cache"/>, fetching nothing when <paramref name="offline"/>, and using the system proxy when <paramref name="useProxy"/>.
        /// </summary>
        public HttpFetcher(DnsResolver resolver, DiscoveryCache cache, bool offline, bool useProxy)
        {
            _cache = cache ?? throw new ArgumentNullException(nameof(cache));
            _offline = offline;
            _http = new HttpClient(CreateHandler(resolver, useProxy)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd("MailTools-Find-MailServer/1.0");
        }

        /// <summary>Closes the HTTP connections.</summary>
        public void Dispose() => _http.Dispose();

        /// <summary>The document at <paramref name="url"/>, from the cache or the network; never throws for a network problem (see <see cref="FetchResult.Problem"/>).</summary>
        /// <param name="url">The document's address, http or https.</param>
        /// <param name="allowedDomain">Redirects must stay on this domain or its subdomains.</param>
        /// <param name="token">Cancels the request (Ctrl+C or the discovery's deadline).</param>
        public async Task<FetchResult> GetAsync(string url, string allowedDomain, CancellationToken token)
        {
            string key = "http|" + url;
            var cached = _cache.Get<FetchResult>(key);
            if (cached != null)
                return cached;
            if (_offline)
                return new FetchResult { Problem = "not cached (-Offline)" };
            var result = await FetchAsync(new Uri(url), allowedDomain, token).ConfigureAwait(false);
            // A server that did not answer in time is asked again next time; any other answer is kept.
            if (result.Problem != NoAnswer)
                _cache.Set(key, result);
            return result;
        }

        async Task<FetchResult> FetchAsync(Uri uri, string allowedDomain, CancellationToken token)
        {
            for (int hop = 0; ; hop++)
            {
                HttpResponseMessage response;
                try
                {
                    response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    return new FetchResult { Problem = Innermost(ex) };
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    return new FetchResult { Problem = NoAnswer };
                }
                using (response)
                {
                    int code = (int)response.StatusCode;
                    if (code >= 300 && code < 400 && response.Headers.Location != null)
                    {
                        var next = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(uri, response.Headers.Location);
                        if (hop >= MaxRedirects)
                            return new FetchResult { Problem = "too many redirects" };
                        if (!IsWithin(next.Host, allowedDomain))
                            return new FetchResult { Problem = $"redirect to {next.Host} refused (another domain than {allowedDomain})", Refused = true };
                        if (uri.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
                            return new FetchResult { Problem = $"redirect from HTTPS to {next.Scheme} refused", Refused = true };
                        uri = next;
                        continue;
                    }
                    if (!response.IsSuccessStatusCode)
                        return new FetchResult { Problem = $"HTTP {code}" };
                    if (response.Content.Headers.ContentLength > MaxBytes)
                        return new FetchResult { Problem = "document too large" };
#if NET
                    string body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
#else
                    // netstandard2.0 has no overload with a token; the request's timeout still bounds the read.
                    string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
                    return new FetchResult { Body = body, FinalUrl = uri.ToString() };
                }
            }
        }

        /// <summary>True when <paramref name="host"/> is <paramref name="domain"/> or one of its subdomains (case and trailing dot ignored).</summary>
        public static bool IsWithin(string? host, string? domain)
        {
            host = (host ?? string.Empty).TrimEnd('.').ToLowerInvariant();
            domain = (domain ?? string.Empty).TrimEnd('.').ToLowerInvariant();
            return host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
        }

        static string Innermost(Exception ex)
        {
            while (ex.InnerException != null)
                ex = ex.InnerException;
            if (ex is SocketException se)
                return se.SocketErrorCode == SocketError.ConnectionRefused ? "nothing listening" : se.Message;
            if (ex is System.Security.Authentication.AuthenticationException)
                return "TLS failed or the certificate is not trusted for this name";
            return ex.Message;
        }

        // PowerShell 7 (net8.0): host names resolve through our resolver, so -DnsServer applies to autoconfig too.
        // Windows PowerShell 5.1 (netstandard2.0) has no connect hook: the system resolver answers there.
        static HttpMessageHandler CreateHandler(DnsResolver resolver, bool useProxy)
        {
#if NET
            return new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = useProxy,
                ConnectCallback = async (context, token) =>
                {
                    var endpoint = context.DnsEndPoint;
                    var socket = await SocketOpener.ConnectAsync(resolver, endpoint.Host, endpoint.Port, token).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            };
#else
            return new HttpClientHandler { AllowAutoRedirect = false, UseProxy = useProxy, CheckCertificateRevocationList = false };
#endif
        }
    }
}
