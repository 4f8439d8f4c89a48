using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace MailTools.FaultProxy;

/// <summary>
/// A TCP proxy between a mail client and the test Dovecot that adds latency and injects faults.
/// Prints the port it listens on as the first line of stdout, then serves until killed (or until --parent-pid exits).
/// </summary>
public static class Program
{
    private const string Usage = """
        usage: dotnet MailTools.FaultProxy.dll --target-port N [options]
          --listen-port N          port on 127.0.0.1 to listen on; 0 (default) picks a free one. The port is
                                   printed as the first line of stdout.
          --target-host H          default 127.0.0.1
          --target-port N          the server's port (required)
          --delay-ms N             latency added to every chunk in each direction, order preserved
                                   (10 each way = 20 ms round-trip time); applies to every connection
          --jitter-ms N            plus a random 0..N ms per chunk (still in order; drawn from --seed)
          --cut-after-bytes N|A-B  after forwarding N bytes SERVER->CLIENT, reset both sockets (RST). A-B picks
                                   N at random per faulted connection (from --seed)
          --stall-after-bytes N|A-B after forwarding N bytes SERVER->CLIENT, forward nothing more in either
                                   direction but keep both sockets open (the client sees a silent server)
          --cut-at-command TEXT    reset both sockets instead of forwarding the first client line containing
                                   TEXT (case-insensitive). Only sees plaintext: before STARTTLS, or on a --NoTls
                                   server. Once the client starts TLS (implicit TLS or after STARTTLS) matching
                                   stops; for TLS connections use the byte offsets above.
          --connections N          apply the faults (cut, stall, cut-at-command) only to the Nth accepted
                                   connection (1-based); default: every connection
          --seed N                 seed for --jitter-ms and byte ranges (default 1): same seed, same faults
          --log FILE               append one line per connection event (open, fault, close with byte counts)
          --parent-pid N           exit when that process exits (no proxy outlives its test run)
        Scripted provider front (IMAP over implicit TLS only; the faults above do not apply):
          --tls-cert FILE --tls-key FILE  terminate TLS with this PEM certificate and key (from the run's CA) and
                                   connect to the target over TLS, validating its certificate
          --throttle CMD[,CMD]     answer these commands (e.g. "UID FETCH,UID MOVE") as Microsoft 365 does when it
                                   throttles: "<tag> NO Request is throttled. Suggested Backoff Time: N milliseconds"
          --throttle-every N       throttle every Nth matching command, counted over all connections (default 1)
          --backoff-ms N           the suggested backoff in that reply (default 1000)
          --throttle-reply NO|BAD  the reply's status (default NO)
          --drop-every N           close the connection right after every Nth throttled reply
          --already-exists-once CMD  answer the first command starting with CMD (e.g. "EXAMINE Trash"), over all
                                   connections, as Dovecot does when two connections open a folder it creates on
                                   first access at once: "<tag> NO [ALREADYEXISTS] Mailbox already exists"
          --gmail SEED.json        no proxy: a scripted Gmail IMAP server (needs --tls-cert/--tls-key) over the
                                   messages and labels in SEED.json; --gmail-user/--gmail-password log in
          --gmail-bandwidth-messages N  the account's "daily bandwidth": after N message bodies (over all
                                   connections), a FETCH of a body and every later login get Gmail's
                                   "NO [ALERT] Account exceeded command or bandwidth limits. (Failure)"
          --max-connections N      past N logged-in connections, answer LOGIN/AUTHENTICATE as Gmail does:
                                   "<tag> NO [ALERT] Too many simultaneous connections. (Failure)"
        """;

    public static async Task<int> Main(string[] args)
    {
        ProxyOptions options;
        try { options = ProxyOptions.Parse(args); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (options.Help) { Console.WriteLine(Usage); return 0; }

        var listener = new TcpListener(IPAddress.Loopback, options.ListenPort);
        listener.Start(512);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Console.Out.WriteLine(port.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();

        using var log = options.LogPath is null ? null : new EventLog(options.LogPath);
        log?.Write($"listening on 127.0.0.1:{port} -> {options.TargetHost}:{options.TargetPort} ({options.Describe()})");
        if (options.ParentPid is int parent) _ = WatchParentAsync(parent, log);

        var front = options.TlsCertPath is null ? null : System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(options.TlsCertPath, options.TlsKeyPath);
        var gmail = options.GmailSeed is null ? null : GmailMailbox.Load(options.GmailSeed);
        if (gmail is not null) gmail.BodiesLeft = options.GmailBandwidthMessages;
        var random = new Random(options.Seed);
        var number = 0;
        while (true)
        {
            var client = await listener.AcceptSocketAsync();
            number++;
            if (gmail is not null)
            {
                _ = new GmailServer(number, client, gmail, front!, options.GmailUser, options.GmailPassword, log).RunAsync();
                continue;
            }
            if (front is not null)
            {
                _ = new ImapFront(number, client, options, front, log).RunAsync();
                continue;
            }
            var faulted = options.OnlyConnection is null || options.OnlyConnection == number;
            // Fault points are drawn here, in accept order, so a seed gives the same run every time.
            var plan = new FaultPlan(
                faulted ? options.CutAfterBytes?.Pick(random) : null,
                faulted ? options.StallAfterBytes?.Pick(random) : null,
                faulted ? options.CutAtCommand : null,
                options.DelayMs,
                options.JitterMs,
                new Random(random.Next()));
            _ = new ProxyConnection(number, client, options, plan, log).RunAsync();
        }
    }

    private static async Task WatchParentAsync(int pid, EventLog? log)
    {
        while (true)
        {
            await Task.Delay(1000);
            bool gone;
            try { using var p = Process.GetProcessById(pid); gone = p.HasExited; }
            catch (ArgumentException) { gone = true; }
            if (gone)
            {
                log?.Write($"parent {pid} exited; stopping");
                Environment.Exit(0);
            }
        }
    }
}

/// <summary>A byte count, or a range to draw one from per faulted connection.</summary>
public readonly record struct ByteRange(long Min, long Max)
{
    public long Pick(Random random) => Min == Max ? Min : random.NextInt64(Min, Max + 1);

    public static ByteRange Parse(string text, string option)
    {
        var parts = text.Split('-', 2);
        if (long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min))
        {
            if (parts.Length == 1) return new ByteRange(min, min);
            if (long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max >= min)
                return new ByteRange(min, max);
        }
        throw new ArgumentException($"{option} takes a byte count N or a range A-B with A <= B, not '{text}'");
    }

    public override string ToString() => Min == Max ? Min.ToString(CultureInfo.InvariantCulture) : $"{Min}-{Max}";
}

public sealed record FaultPlan(long? CutAfterBytes, long? StallAfterBytes, string? CutAtCommand, int DelayMs, int JitterMs, Random Random);

public sealed class ProxyOptions
{
    public int ListenPort { get; private set; }
    public string TargetHost { get; private set; } = "127.0.0.1";
    public int TargetPort { get; private set; }
    public int DelayMs { get; private set; }
    public int JitterMs { get; private set; }
    public ByteRange? CutAfterBytes { get; private set; }
    public ByteRange? StallAfterBytes { get; private set; }
    public string? CutAtCommand { get; private set; }
    public int? OnlyConnection { get; private set; }
    public int Seed { get; private set; } = 1;
    public string? LogPath { get; private set; }
    public int? ParentPid { get; private set; }
    public bool Help { get; private set; }
    public string? TlsCertPath { get; private set; }
    public string? TlsKeyPath { get; private set; }
    public List<string> ThrottleCommands { get; } = new();
    public int ThrottleEvery { get; private set; } = 1;
    public int BackoffMs { get; private set; } = 1000;
    public string ThrottleReply { get; private set; } = "NO";
    public int? DropEvery { get; private set; }
    public int? MaxConnections { get; private set; }
    public string? AlreadyExistsOnce { get; private set; }
    public string? GmailSeed { get; private set; }
    public string GmailUser { get; private set; } = "";
    public string GmailPassword { get; private set; } = "";
    public int? GmailBandwidthMessages { get; private set; }

    public static ProxyOptions Parse(string[] args)
    {
        var o = new ProxyOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int(int min, int max)
            {
                var text = Value();
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
                throw new ArgumentException($"{name} takes a whole number from {min} to {max}, not '{text}'");
            }
            switch (name)
            {
                case "--listen-port": o.ListenPort = Int(0, 65535); break;
                case "--target-host": o.TargetHost = Value(); break;
                case "--target-port": o.TargetPort = Int(1, 65535); break;
                case "--delay-ms": o.DelayMs = Int(0, 60_000); break;
                case "--jitter-ms": o.JitterMs = Int(0, 60_000); break;
                case "--cut-after-bytes": o.CutAfterBytes = ByteRange.Parse(Value(), name); break;
                case "--stall-after-bytes": o.StallAfterBytes = ByteRange.Parse(Value(), name); break;
                case "--cut-at-command":
                    o.CutAtCommand = Value();
                    if (o.CutAtCommand.Length == 0) throw new ArgumentException("--cut-at-command needs a non-empty text");
                    break;
                case "--connections": o.OnlyConnection = Int(1, int.MaxValue); break;
                case "--seed": o.Seed = Int(int.MinValue, int.MaxValue); break;
                case "--log": o.LogPath = Value(); break;
                case "--parent-pid": o.ParentPid = Int(1, int.MaxValue); break;
                case "--tls-cert": o.TlsCertPath = Value(); break;
                case "--tls-key": o.TlsKeyPath = Value(); break;
                case "--throttle": o.ThrottleCommands.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--throttle-every": o.ThrottleEvery = Int(1, int.MaxValue); break;
                case "--backoff-ms": o.BackoffMs = Int(0, 3_600_000); break;
                case "--throttle-reply":
                    o.ThrottleReply = Value().ToUpperInvariant();
                    if (o.ThrottleReply is not ("NO" or "BAD")) throw new ArgumentException("--throttle-reply takes NO or BAD");
                    break;
                case "--drop-every": o.DropEvery = Int(1, int.MaxValue); break;
                case "--max-connections": o.MaxConnections = Int(1, 10_000); break;
                case "--already-exists-once": o.AlreadyExistsOnce = Value(); break;
                case "--gmail": o.GmailSeed = Value(); break;
                case "--gmail-user": o.GmailUser = Value(); break;
                case "--gmail-password": o.GmailPassword = Value(); break;
                case "--gmail-bandwidth-messages": o.GmailBandwidthMessages = Int(0, int.MaxValue); break;
                case "-h" or "--help": o.Help = true; break;
                default: throw new ArgumentException($"unknown option '{name}'");
            }
        }
        if (o.GmailSeed is not null && o.TlsCertPath is null) throw new ArgumentException("--gmail needs --tls-cert/--tls-key");
        if (!o.Help && o.TargetPort == 0 && o.GmailSeed is null) throw new ArgumentException("--target-port is required");
        if ((o.TlsCertPath is null) != (o.TlsKeyPath is null)) throw new ArgumentException("--tls-cert and --tls-key go together");
        if (o.TlsCertPath is null && (o.ThrottleCommands.Count > 0 || o.MaxConnections is not null || o.AlreadyExistsOnce is not null))
            throw new ArgumentException("--throttle, --max-connections and --already-exists-once need the TLS front (--tls-cert/--tls-key)");
        return o;
    }

    public string Describe()
    {
        var parts = new List<string> { $"delay {DelayMs} ms each way" };
        if (JitterMs > 0) parts.Add($"jitter 0..{JitterMs} ms");
        if (CutAfterBytes is { } c) parts.Add($"cut after {c} bytes server->client");
        if (StallAfterBytes is { } s) parts.Add($"stall after {s} bytes server->client");
        if (CutAtCommand is not null) parts.Add($"cut at command '{CutAtCommand}'");
        parts.Add(OnlyConnection is int n ? $"faults on connection {n} only" : "faults on every connection");
        parts.Add($"seed {Seed}");
        if (TlsCertPath is not null)
            parts.Add($"TLS front: throttle [{string.Join(", ", ThrottleCommands)}] every {ThrottleEvery}, backoff {BackoffMs} ms ({ThrottleReply}){(DropEvery is int d ? $", drop every {d}" : "")}{(MaxConnections is int m ? $", max {m} connections" : "")}{(AlreadyExistsOnce is string a ? $", NO [ALREADYEXISTS] once to '{a}'" : "")}");
        return string.Join(", ", parts);
    }
}

public sealed class EventLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly object _gate = new();

    public EventLog(string path)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { AutoFlush = true };
    }

    public void Write(string line)
    {
        lock (_gate) _writer.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
    }

    public void Dispose() => _writer.Dispose();
}
