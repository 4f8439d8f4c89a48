using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace MailTools.Core.Discovery
{
    /// <summary>What every source shares during one discovery: the request, DNS, HTTP, the output writer and the trace.</summary>
    public sealed class DiscoveryContext
    {
        readonly ConcurrentQueue<string> _tried = new ConcurrentQueue<string>();
        // Sources run on thread-pool threads, and PowerShell takes WriteVerbose/WriteWarning only on the pipeline
        // thread: messages wait here until Flush, which the caller's thread runs.
        readonly ConcurrentQueue<(bool Warning, string Text)> _pending = new ConcurrentQueue<(bool, string)>();

        /// <summary>The context for one discovery of <paramref name="request"/>; <paramref name="writer"/> null: messages are dropped.</summary>
        public DiscoveryContext(DiscoveryOptions request, DnsResolver dns, HttpFetcher http, IOutputWriter? writer)
        {
            Request = request;
            Dns = dns;
            Http = http;
            _writer = writer ?? NullOutputWriter.Instance;
        }

        readonly IOutputWriter _writer;

        /// <summary>What is being looked for (validated: Domain and LocalPart are set).</summary>
        public DiscoveryOptions Request { get; }
        /// <summary>The resolver every source asks, sharing the session's cache.</summary>
        public DnsResolver Dns { get; }
        /// <summary>The fetcher for autoconfig and ISPDB documents.</summary>
        public HttpFetcher Http { get; }

        /// <summary>Queues a warning for the user; written by <see cref="Flush"/>.</summary>
        public void Warning(string text) => _pending.Enqueue((true, text));

        /// <summary>Writes the queued verbose lines and warnings; call on the thread that may write to the host.</summary>
        public void Flush()
        {
            while (_pending.TryDequeue(out var m))
            {
                if (m.Warning) _writer.Warning(m.Text);
                else _writer.Verbose(m.Text);
            }
        }

        /// <summary>"source: what happened", one per lookup; named in verbose output and in the not-found error.</summary>
        public IList<string> Tried => _tried.ToList();

        /// <summary>Records what one lookup gave in <see cref="Tried"/> and queues it as a verbose line.</summary>
        public void Note(string source, string outcome)
        {
            string line = $"{source}: {outcome}";
            _tried.Enqueue(line);
            _pending.Enqueue((false, "Find-MailServer " + line + "."));
        }
    }
}
