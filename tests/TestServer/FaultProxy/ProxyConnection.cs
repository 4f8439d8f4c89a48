using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace MailTools.FaultProxy;

/// <summary>One client connection and its server connection: two pumps (client->server, server->client).</summary>
public sealed class ProxyConnection
{
    private const int BufferSize = 64 * 1024;
    // Bounded so a client that stops reading pushes back on the server as TCP would (16 MB in flight at most).
    private const int QueueCapacity = 256;
    // A "line" longer than this is literal data (APPEND), not a command: forwarded without matching.
    private const int MaxPendingLine = 1 << 20;

    private enum Kind { Data, Eof, Cut, Stall }

    private readonly record struct Item(Kind Kind, byte[]? Buffer, int Length, long Due);

    private readonly int _id;
    private readonly Socket _client;
    private readonly Socket _server = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly ProxyOptions _options;
    private readonly FaultPlan _plan;
    private readonly EventLog? _log;
    private readonly bool _delayed;
    private long _toServer;
    private long _toClient;
    private volatile bool _stalled;
    private volatile bool _cut;
    private int _closed;
    // Command matching: only while the client speaks plaintext (see --cut-at-command).
    private bool _matching;
    private readonly MemoryStream _pendingLine = new();

    public ProxyConnection(int id, Socket client, ProxyOptions options, FaultPlan plan, EventLog? log)
    {
        _id = id;
        _client = client;
        _client.NoDelay = true;
        _options = options;
        _plan = plan;
        _log = log;
        _delayed = plan.DelayMs > 0 || plan.JitterMs > 0;
        _matching = plan.CutAtCommand is not null;
    }

    public async Task RunAsync()
    {
        try
        {
            await _server.ConnectAsync(_options.TargetHost, _options.TargetPort);
        }
        catch (Exception e)
        {
            _log?.Write($"conn {_id}: cannot reach {_options.TargetHost}:{_options.TargetPort}: {e.Message}");
            Abort();
            return;
        }
        _log?.Write($"conn {_id}: open{(_plan.CutAfterBytes is { } c ? $", cut after {c} bytes" : "")}{(_plan.StallAfterBytes is { } s ? $", stall after {s} bytes" : "")}{(_plan.CutAtCommand is { } t ? $", cut at '{t}'" : "")}");
        try
        {
            await Task.WhenAll(PumpAsync(_client, _server, toServer: true), PumpAsync(_server, _client, toServer: false));
        }
        catch (Exception e)
        {
            _log?.Write($"conn {_id}: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Close();
            _log?.Write($"conn {_id}: closed, {Interlocked.Read(ref _toServer)} bytes to server, {Interlocked.Read(ref _toClient)} bytes to client");
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool toServer)
    {
        Channel<Item>? queue = null;
        var writer = Task.CompletedTask;
        if (_delayed)
        {
            queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, SingleWriter = true });
            writer = WriteLoopAsync(queue.Reader, to);
        }
        var buffer = new byte[BufferSize];
        var lastDue = 0L;
        var accepted = 0L;  // server->client bytes accepted for forwarding: the byte offsets count these
        var done = false;   // this direction forwards nothing more (fault decided, or EOF)

        async ValueTask Emit(Kind kind, ReadOnlyMemory<byte> data)
        {
            if (queue is null)
            {
                await ApplyAsync(kind, data, to);
                return;
            }
            // Each chunk leaves DelayMs (+ jitter) after it arrived, never before the chunk ahead of it.
            var delay = _plan.DelayMs + (_plan.JitterMs > 0 ? _plan.Random.Next(_plan.JitterMs + 1) : 0);
            var due = Math.Max(lastDue, Stopwatch.GetTimestamp() + delay * Stopwatch.Frequency / 1000);
            lastDue = due;
            byte[]? copy = null;
            if (data.Length > 0)
            {
                copy = ArrayPool<byte>.Shared.Rent(data.Length);
                data.CopyTo(copy);
            }
            try { await queue.Writer.WriteAsync(new Item(kind, copy, data.Length, due)); }
            catch (ChannelClosedException) { if (copy is not null) ArrayPool<byte>.Shared.Return(copy); }
        }

        try
        {
            while (true)
            {
                int n;
                try { n = await from.ReceiveAsync(buffer, SocketFlags.None); }
                catch (Exception) when (Volatile.Read(ref _closed) != 0 || _cut) { return; }
                catch (SocketException) { n = -1; }
                catch (ObjectDisposedException) { return; }

                if (n <= 0)
                {
                    if (_stalled)
                    {
                        // A stall keeps the client waiting even if the server gives up; the client leaving ends it.
                        if (toServer) Abort();
                        return;
                    }
                    if (done) return;
                    if (n < 0) { Abort(); return; }
                    if (toServer && _pendingLine.Length > 0) await Emit(Kind.Data, TakePending());
                    await Emit(Kind.Eof, ReadOnlyMemory<byte>.Empty);
                    return;
                }
                if (done || _stalled || _cut) continue;   // read and drop: the peer must not see a closed socket

                var chunk = new ReadOnlyMemory<byte>(buffer, 0, n);
                if (toServer)
                {
                    if (_matching)
                    {
                        var (forward, cut) = MatchCommand(chunk);
                        if (forward.Length > 0) await Emit(Kind.Data, forward);
                        if (cut)
                        {
                            _log?.Write($"conn {_id}: cut at client line containing '{_plan.CutAtCommand}' after {Interlocked.Read(ref _toServer)} bytes to server");
                            done = true;
                            await Emit(Kind.Cut, ReadOnlyMemory<byte>.Empty);
                        }
                        continue;
                    }
                    await Emit(Kind.Data, chunk);
                    continue;
                }

                // Server -> client: byte-offset faults.
                var limit = long.MaxValue;
                var kind = Kind.Data;
                if (_plan.StallAfterBytes is long stall) { limit = stall; kind = Kind.Stall; }
                if (_plan.CutAfterBytes is long cutAt && cutAt <= limit) { limit = cutAt; kind = Kind.Cut; }
                var sent = accepted;
                if (kind != Kind.Data && sent + n >= limit)
                {
                    var part = (int)Math.Max(0, limit - sent);
                    if (part > 0) await Emit(Kind.Data, chunk[..part]);
                    _log?.Write($"conn {_id}: {(kind == Kind.Cut ? "cut" : "stall")} after {limit} bytes to client");
                    done = true;
                    if (kind == Kind.Stall) _stalled = true;   // the client->server pump stops forwarding too
                    await Emit(kind, ReadOnlyMemory<byte>.Empty);
                    continue;
                }
                accepted += n;
                await Emit(Kind.Data, chunk);
            }
        }
        finally
        {
            queue?.Writer.TryComplete();
            await writer;
        }
    }

    private async Task WriteLoopAsync(ChannelReader<Item> reader, Socket to)
    {
        await foreach (var item in reader.ReadAllAsync())
        {
            try
            {
                var wait = item.Due - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                await ApplyAsync(item.Kind, new ReadOnlyMemory<byte>(item.Buffer, 0, item.Length), to);
            }
            finally
            {
                if (item.Buffer is not null) ArrayPool<byte>.Shared.Return(item.Buffer);
            }
        }
    }

    private async ValueTask ApplyAsync(Kind kind, ReadOnlyMemory<byte> data, Socket to)
    {
        if (Volatile.Read(ref _closed) != 0) return;
        switch (kind)
        {
            case Kind.Data:
                try { await to.SendAsync(data, SocketFlags.None); }
                catch (Exception) when (Volatile.Read(ref _closed) != 0) { return; }
                catch (Exception) { Abort(); return; }
                if (ReferenceEquals(to, _server)) Interlocked.Add(ref _toServer, data.Length);
                else Interlocked.Add(ref _toClient, data.Length);
                break;
            case Kind.Eof:
                try { to.Shutdown(SocketShutdown.Send); } catch (Exception) { Abort(); }
                break;
            case Kind.Cut:
                _cut = true;
                Abort();
                break;
            case Kind.Stall:
                _stalled = true;
                break;
        }
    }

    /// <summary>
    /// Splits client bytes into complete lines and looks for the command text. Returns what may be forwarded
    /// (complete lines before a match; a partial line waits for its CRLF) and whether to cut now.
    /// </summary>
    private (ReadOnlyMemory<byte> Forward, bool Cut) MatchCommand(ReadOnlyMemory<byte> chunk)
    {
        if (_pendingLine.Length == 0 && chunk.Span[0] == 0x16)
        {
            // A TLS handshake record (ClientHello): implicit TLS, or STARTTLS just completed. Nothing to read from here on.
            _matching = false;
            return (chunk.ToArray(), false);
        }
        _pendingLine.Write(chunk.Span);
        var bytes = _pendingLine.GetBuffer().AsSpan(0, (int)_pendingLine.Length);
        var start = 0;
        while (true)
        {
            var lf = bytes[start..].IndexOf((byte)'\n');
            if (lf < 0) break;
            var line = Encoding.Latin1.GetString(bytes.Slice(start, lf + 1));
            if (line.Contains(_plan.CutAtCommand!, StringComparison.OrdinalIgnoreCase))
            {
                var before = bytes[..start].ToArray();
                _pendingLine.SetLength(0);
                return (before, true);
            }
            start += lf + 1;
        }
        if (bytes.Length - start > MaxPendingLine) start = bytes.Length;
        var forward = bytes[..start].ToArray();
        var rest = bytes[start..].ToArray();
        _pendingLine.SetLength(0);
        _pendingLine.Write(rest);
        return (forward, false);
    }

    private byte[] TakePending()
    {
        var rest = _pendingLine.ToArray();
        _pendingLine.SetLength(0);
        return rest;
    }

    /// <summary>Resets both connections (RST, not FIN): what a dropped link or a killed server looks like to the client.</summary>
    private void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        foreach (var socket in new[] { _client, _server })
        {
            try { socket.LingerState = new LingerOption(true, 0); } catch (Exception) { }
            try { socket.Close(); } catch (Exception) { }
        }
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        try { _client.Close(); } catch (Exception) { }
        try { _server.Close(); } catch (Exception) { }
    }
}
