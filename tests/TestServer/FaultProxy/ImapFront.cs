using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace MailTools.FaultProxy;

/// <summary>
/// The scripted provider front (--tls-cert): terminates TLS with a certificate from the run's CA, opens its own TLS
/// connection to the real Dovecot (validated like any client), and passes IMAP through, except that it answers chosen
/// commands itself as Microsoft 365 does when it throttles ("NO Request is throttled. Suggested Backoff Time: N
/// milliseconds", optionally closing the connection after it), and refuses logins past a connection limit as Gmail
/// does ("NO [ALERT] Too many simultaneous connections. (Failure)"). A command it answers never reaches Dovecot.
/// </summary>
public sealed partial class ImapFront
{
    private static readonly object Gate = new();
    private static int s_loggedIn, s_peak, s_matched, s_throttled, s_alreadyExists;

    [GeneratedRegex(@"\{(\d+)\+?\}\r?\n$")]
    private static partial Regex LiteralAtEnd();

    private readonly int _id;
    private readonly Socket _socket;
    private readonly ProxyOptions _options;
    private readonly X509Certificate2 _certificate;
    private readonly EventLog? _log;
    private readonly SemaphoreSlim _write = new(1, 1);
    private bool _counted;

    public ImapFront(int id, Socket socket, ProxyOptions options, X509Certificate2 certificate, EventLog? log)
    {
        _id = id;
        _socket = socket;
        _socket.NoDelay = true;
        _options = options;
        _certificate = certificate;
        _log = log;
    }

    public async Task RunAsync()
    {
        using var tcp = new TcpClient { NoDelay = true };
        try
        {
            await using var client = new SslStream(new NetworkStream(_socket, ownsSocket: true));
            await client.AuthenticateAsServerAsync(_certificate);
            await tcp.ConnectAsync(_options.TargetHost, _options.TargetPort);
            await using var server = new SslStream(tcp.GetStream());
            await server.AuthenticateAsClientAsync(_options.TargetHost);
            _log?.Write($"conn {_id}: open (TLS front)");
            using var done = new CancellationTokenSource();
            var down = PumpDownAsync(server, client, done.Token);
            var up = PumpUpAsync(client, server, done.Token);
            await Task.WhenAny(down, up);
            done.Cancel();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            _log?.Write($"conn {_id}: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (_counted)
                lock (Gate) s_loggedIn--;
            try { _socket.Dispose(); } catch (ObjectDisposedException) { }
            _log?.Write($"conn {_id}: closed");
        }
    }

    // Server -> client: bytes as they come; the front's own replies are written between them under the same lock.
    private async Task PumpDownAsync(Stream server, Stream client, CancellationToken token)
    {
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await server.ReadAsync(buffer, token)) > 0)
        {
            await _write.WaitAsync(token);
            try { await client.WriteAsync(buffer.AsMemory(0, n), token); await client.FlushAsync(token); }
            finally { _write.Release(); }
        }
    }

    // Client -> server: line by line, so each command can be matched; literals ({N} / {N+}) are passed on unread.
    private async Task PumpUpAsync(Stream client, Stream server, CancellationToken token)
    {
        var reader = new LineReader(client);
        bool continuation = false;   // the line after a literal belongs to the same command
        while (true)
        {
            var line = await reader.ReadLineAsync(token);
            if (line is null)
                return;
            var text = Encoding.Latin1.GetString(line);
            if (!continuation && await AnswerAsync(text, client, token))
                continue;
            await server.WriteAsync(line, token);
            var literal = LiteralAtEnd().Match(text);
            continuation = literal.Success;
            if (literal.Success)
                await reader.CopyAsync(server, long.Parse(literal.Groups[1].Value, CultureInfo.InvariantCulture), token);
            await server.FlushAsync(token);
        }
    }

    /// <summary>True when the front answered the command itself (it is not forwarded).</summary>
    private async Task<bool> AnswerAsync(string line, Stream client, CancellationToken token)
    {
        var space = line.IndexOf(' ');
        if (space <= 0)
            return false;
        var tag = line[..space];
        var command = line[(space + 1)..].TrimEnd('\r', '\n');
        if (_options.MaxConnections is int max && !_counted && (StartsWith(command, "LOGIN ") || StartsWith(command, "AUTHENTICATE ")))
        {
            int open;
            lock (Gate)
            {
                open = s_loggedIn;
                if (open < max)
                {
                    _counted = true;
                    s_loggedIn++;
                    s_peak = Math.Max(s_peak, s_loggedIn);
                }
            }
            if (!_counted)
            {
                _log?.Write($"conn {_id}: refused login: {open} connections open (limit {max})");
                await ReplyAsync(client, $"{tag} NO [ALERT] Too many simultaneous connections. (Failure)", token);
                return true;
            }
            _log?.Write($"conn {_id}: login {s_loggedIn} of {max} (peak {s_peak})");
            return false;
        }
        if (_options.AlreadyExistsOnce is string once && StartsWith(command, once) && System.Threading.Interlocked.Exchange(ref s_alreadyExists, 1) == 0)
        {
            _log?.Write($"conn {_id}: answered '{once}' with NO [ALREADYEXISTS]");
            await ReplyAsync(client, $"{tag} NO [ALREADYEXISTS] Mailbox already exists (0.001 + 0.000 secs).", token);
            return true;
        }
        if (_options.ThrottleCommands.Count == 0 || !_options.ThrottleCommands.Any(c => StartsWith(command, c + " ") || command.Equals(c, StringComparison.OrdinalIgnoreCase)))
            return false;
        int matched, throttled = 0;
        lock (Gate)
        {
            matched = ++s_matched;
            if (matched % _options.ThrottleEvery == 0)
                throttled = ++s_throttled;
        }
        if (throttled == 0)
            return false;
        var drop = _options.DropEvery is int d && throttled % d == 0;
        var word = command.Split(' ', 3) is var parts && parts[0].Equals("UID", StringComparison.OrdinalIgnoreCase) && parts.Length > 1 ? "UID " + parts[1] : command.Split(' ')[0];
        _log?.Write($"conn {_id}: throttled {word.ToUpperInvariant()} suggested {_options.BackoffMs} ms{(drop ? ", then dropped the connection" : "")}");
        await ReplyAsync(client, $"{tag} {_options.ThrottleReply} Request is throttled. Suggested Backoff Time: {_options.BackoffMs} milliseconds", token);
        if (drop)
            throw new OperationCanceledException("dropped after throttling");
        return true;
    }

    private async Task ReplyAsync(Stream client, string line, CancellationToken token)
    {
        var bytes = Encoding.ASCII.GetBytes(line + "\r\n");
        await _write.WaitAsync(token);
        try { await client.WriteAsync(bytes, token); await client.FlushAsync(token); }
        finally { _write.Release(); }
    }

    private static bool StartsWith(string text, string prefix) => text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads CRLF-terminated lines and raw literal bytes from one stream, with its own buffer.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start, _end;

        public async Task<byte[]?> ReadLineAsync(CancellationToken token)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (_start == _end && !await FillAsync(token))
                    return line.Length > 0 ? line.ToArray() : null;
                var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                var stop = lf < 0 ? _end : lf + 1;
                line.Write(_buffer, _start, stop - _start);
                _start = stop;
                if (lf >= 0)
                    return line.ToArray();
            }
        }

        public async Task CopyAsync(Stream to, long count, CancellationToken token)
        {
            while (count > 0)
            {
                if (_start == _end && !await FillAsync(token))
                    throw new IOException("the client closed the connection inside a literal");
                var n = (int)Math.Min(count, _end - _start);
                await to.WriteAsync(_buffer.AsMemory(_start, n), token);
                _start += n;
                count -= n;
            }
        }

        private async Task<bool> FillAsync(CancellationToken token)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, token);
            return _end > 0;
        }
    }
}
