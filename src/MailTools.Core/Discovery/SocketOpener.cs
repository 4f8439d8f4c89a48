using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace MailTools.Core.Discovery
{
    /// <summary>Connects a TCP socket to a host name resolved through discovery's <see cref="DnsResolver"/>.</summary>
    public static class SocketOpener
    {
        const int Connecting = 0, Connected = 1, TimedOut = 2;

        /// <summary>For the synchronous connectors (sessions, Compare's probes) when -DnsServer names the resolver.</summary>
        public static Socket Connect(string? dnsServer, string host, int port, CancellationToken token) =>
            ConnectAsync(new DnsResolver(dnsServer, null, offline: false), host, port, token).GetAwaiter().GetResult();

        /// <summary>
        /// For sessions: a socket connected in blocking mode, so every later read is one blocking recv. On Linux and macOS
        /// .NET turns a socket non-blocking for good once any asynchronous call touched it (BeginConnect, as MailKit's own
        /// connect does); from then on each synchronous read that finds no data goes through the epoll thread and a
        /// thread-pool hop, which an export of thousands of messages pays thousands of times. The connect still ends
        /// at <paramref name="timeoutMs"/> (SO_SNDTIMEO bounds connect on Linux; a timer disposes the socket everywhere)
        /// and when <paramref name="token"/> is cancelled (disposing unblocks the pending connect); reads and writes,
        /// the TLS handshake included, time out after <paramref name="timeoutMs"/> too.
        /// </summary>
        public static Socket ConnectBlocking(string? dnsServer, string host, int port, int timeoutMs, CancellationToken token)
        {
            var answer = new DnsResolver(dnsServer, null, offline: false).AddressesAsync(host, token).GetAwaiter().GetResult();
            if (answer.Outcome != DnsOutcome.Found)
                throw new SocketException((int)SocketError.HostNotFound);
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            SocketException? last = null;
            foreach (var address in answer.Records)
            {
                int left = (int)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds);
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendTimeout = left };
                int state = Connecting;
                try
                {
                    using (token.Register(() => socket.Dispose()))
                    using (new Timer(_ => { if (Interlocked.CompareExchange(ref state, TimedOut, Connecting) == Connecting) socket.Dispose(); }, null, left, Timeout.Infinite))
                        socket.Connect(new IPEndPoint(address, port));
                    if (Interlocked.CompareExchange(ref state, Connected, Connecting) == Connecting)
                    {
                        // MailKit sets the stream's timeouts on a socket it is given only after the TLS handshake:
                        // these bound the handshake too (SO_RCVTIMEO/SO_SNDTIMEO on a blocking socket).
                        socket.ReceiveTimeout = timeoutMs;
                        socket.SendTimeout = timeoutMs;
                        return socket;
                    }
                    socket.Dispose();   // the timer fired as the connect returned: the timeout stands
                    throw new TimeoutException($"Connecting to {host}:{port} took longer than {timeoutMs / 1000} s.");
                }
                catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException)
                {
                    socket.Dispose();
                    token.ThrowIfCancellationRequested();
                    if (Volatile.Read(ref state) == TimedOut || DateTime.UtcNow >= deadline || (ex is SocketException se && se.SocketErrorCode == SocketError.InProgress))
                        throw new TimeoutException($"Connecting to {host}:{port} took longer than {timeoutMs / 1000} s.", ex);
                    last = ex as SocketException ?? new SocketException((int)SocketError.OperationAborted);
                }
            }
            throw last ?? new SocketException((int)SocketError.HostNotFound);
        }

        /// <summary>
        /// A socket connected to the first of <paramref name="host"/>'s addresses that answers on <paramref name="port"/>;
        /// throws SocketException (HostNotFound when the name does not resolve, else the last address's error).
        /// </summary>
        public static async Task<Socket> ConnectAsync(DnsResolver resolver, string host, int port, CancellationToken token)
        {
            var answer = await resolver.AddressesAsync(host, token).ConfigureAwait(false);
            if (answer.Outcome != DnsOutcome.Found)
                throw new SocketException((int)SocketError.HostNotFound);
            SocketException? last = null;
            foreach (var address in answer.Records)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    using (token.Register(() => socket.Dispose()))
                        await Task.Factory.FromAsync(socket.BeginConnect, socket.EndConnect, (EndPoint)new IPEndPoint(address, port), null).ConfigureAwait(false);
                    return socket;
                }
                catch (SocketException ex)
                {
                    socket.Dispose();
                    last = ex;
                }
                catch (ObjectDisposedException)
                {
                    socket.Dispose();
                    token.ThrowIfCancellationRequested();
                    throw;
                }
            }
            throw last ?? new SocketException((int)SocketError.HostNotFound);
        }
    }
}
