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
        /// <summary>For the synchronous connectors (sessions, Compare's probes) when -DnsServer names the resolver.</summary>
        public static Socket Connect(string? dnsServer, string host, int port, CancellationToken token) =>
            ConnectAsync(new DnsResolver(dnsServer, null, offline: false), host, port, token).GetAwaiter().GetResult();

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
