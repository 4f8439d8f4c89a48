using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace MailTools.Core.Discovery
{
    /// <summary>What every source shares during one discovery: the request, DNS, HTTP, the output writer and the trace.</summary>
    public sealed class DiscoveryContext
    {
        readonly ConcurrentQueue<string> _tried = new ConcurrentQueue<string>();

        public DiscoveryContext(DiscoveryOptions request, DnsResolver dns, HttpFetcher http, IOutputWriter writer)
        {
            Request = request;
            Dns = dns;
            Http = http;
            Writer = writer ?? NullOutputWriter.Instance;
        }

        public DiscoveryOptions Request { get; }
        public DnsResolver Dns { get; }
        public HttpFetcher Http { get; }
        public IOutputWriter Writer { get; }

        /// <summary>"source: what happened", one per lookup; named in verbose output and in the not-found error.</summary>
        public IList<string> Tried => _tried.ToList();

        public void Note(string source, string outcome)
        {
            string line = $"{source}: {outcome}";
            _tried.Enqueue(line);
            Writer.Verbose("Find-MailServer " + line + ".");
        }
    }
}
