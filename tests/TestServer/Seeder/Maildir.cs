using System.Text;

namespace MailTools.Seeder;

/// <summary>Counters for one folder, as Dovecot will report them once it has indexed the files.</summary>
public sealed class FolderStats
{
    public string Name { get; init; } = "";
    public string Directory { get; init; } = "";
    public int Messages { get; set; }
    public int Unseen { get; set; }
    public int Flagged { get; set; }
    public int Deleted { get; set; }
    public int Draft { get; set; }
    public int OlderThanYear { get; set; }
    /// <summary>Bytes on disk (LF line ends).</summary>
    public long Bytes { get; set; }
    /// <summary>Dovecot's virtual size (CRLF line ends) = IMAP RFC822.SIZE, STATUS SIZE, doveadm vsize.</summary>
    public long VirtualBytes { get; set; }
}

/// <summary>
/// Writes messages into Dovecot 2.3's Maildir++ layout: INBOX in the root, every other folder in
/// "./.Name" with the hierarchy separator as '.' and names in modified UTF-7 (Dovecot's default
/// unless mail_location has :UTF-8), plus "maildirfolder", "dovecot-keywords" and "subscriptions".
/// </summary>
public sealed class MaildirWriter
{
    private readonly string _root;
    private readonly string _host;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, FolderStats> _folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _keywords = new(StringComparer.Ordinal);
    private int _counter;

    public MaildirWriter(string root, string host, DateTimeOffset now)
    {
        _root = Path.GetFullPath(root);
        _host = host;
        _now = now;
    }

    public IReadOnlyCollection<FolderStats> Folders => _folders.Values;

    public FolderStats EnsureFolder(string name)
    {
        if (_folders.TryGetValue(name, out var existing)) return existing;
        if (name.Contains('.')) throw new ArgumentException($"Maildir++ cannot store '.' in a folder name: {name}");
        var dir = name.Equals("INBOX", StringComparison.OrdinalIgnoreCase)
            ? _root
            : Path.Combine(_root, "." + EncodeModifiedUtf7(name).Replace('/', '.'));
        foreach (var sub in new[] { "cur", "new", "tmp" }) Directory.CreateDirectory(Path.Combine(dir, sub));
        if (dir != _root) File.WriteAllBytes(Path.Combine(dir, "maildirfolder"), []);
        var stats = new FolderStats { Name = name, Directory = dir };
        _folders[name] = stats;
        return stats;
    }

    /// <param name="flags">IMAP system flags as Maildir letters: D F R S T.</param>
    public void Write(string folder, byte[] message, DateTimeOffset internalDate, string flags, IReadOnlyList<string> keywords, Rng rng)
    {
        var stats = EnsureFolder(folder);
        var letters = new StringBuilder(flags);
        if (keywords.Count > 0)
        {
            if (!_keywords.TryGetValue(folder, out var list)) _keywords[folder] = list = [];
            foreach (var k in keywords)
            {
                var i = list.IndexOf(k);
                if (i < 0) { list.Add(k); i = list.Count - 1; }
                letters.Append((char)('a' + i));
            }
        }
        var flagText = new string(letters.ToString().Distinct().Order().ToArray());
        var vsize = VirtualSize(message);
        var unix = internalDate.ToUnixTimeSeconds();
        // Dovecot gives new files UIDs in the order of this leading timestamp, so UID order = arrival order.
        var baseName = $"{unix}.M{rng.Next(1_000_000)}P{4000 + _counter % 20000}Q{++_counter}.{_host},S={message.Length},W={vsize}";
        var tmp = Path.Combine(stats.Directory, "tmp", baseName);
        File.WriteAllBytes(tmp, message);
        File.SetLastWriteTimeUtc(tmp, internalDate.UtcDateTime);   // Maildir INTERNALDATE = mtime
        File.SetLastAccessTimeUtc(tmp, internalDate.UtcDateTime);
        File.Move(tmp, Path.Combine(stats.Directory, "cur", $"{baseName}:2,{flagText}"));

        stats.Messages++;
        stats.Bytes += message.Length;
        stats.VirtualBytes += vsize;
        if (!flags.Contains('S')) stats.Unseen++;
        if (flags.Contains('F')) stats.Flagged++;
        if (flags.Contains('T')) stats.Deleted++;
        if (flags.Contains('D')) stats.Draft++;
        if (internalDate < _now.AddDays(-365)) stats.OlderThanYear++;
    }

    /// <summary>Writes dovecot-keywords per folder and merges all folders into "subscriptions".</summary>
    public void Finish(IEnumerable<string> subscribe)
    {
        foreach (var (folder, list) in _keywords)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < list.Count; i++) sb.Append(i).Append(' ').Append(list[i]).Append('\n');
            File.WriteAllText(Path.Combine(_folders[folder].Directory, "dovecot-keywords"), sb.ToString());
        }
        // Dovecot 2.3 format: "V\t2\n\n", then one storage name per line with '\t' as hierarchy separator.
        var path = Path.Combine(_root, "subscriptions");
        var names = new List<string>();
        if (File.Exists(path))
            names.AddRange(File.ReadAllLines(path).Skip(File.ReadAllText(path).StartsWith("V\t") ? 2 : 0).Where(l => l.Length > 0));
        foreach (var name in subscribe)
        {
            var stored = EncodeModifiedUtf7(name).Replace('/', '\t');
            if (!names.Contains(stored)) names.Add(stored);
        }
        File.WriteAllText(path, "V\t2\n\n" + string.Concat(names.Select(n => n + "\n")));
    }

    /// <summary>Every LF not preceded by CR counts twice: that is how Dovecot serves LF-stored mail.</summary>
    public static long VirtualSize(ReadOnlySpan<byte> data)
    {
        long size = data.Length;
        for (var i = 0; i < data.Length; i++)
            if (data[i] == (byte)'\n' && (i == 0 || data[i - 1] != (byte)'\r')) size++;
        return size;
    }

    /// <summary>IMAP modified UTF-7 (RFC 3501 5.1.3).</summary>
    public static string EncodeModifiedUtf7(string name)
    {
        var sb = new StringBuilder();
        var pending = new StringBuilder();
        void Flush()
        {
            if (pending.Length == 0) return;
            var b64 = Convert.ToBase64String(Encoding.BigEndianUnicode.GetBytes(pending.ToString())).TrimEnd('=').Replace('/', ',');
            sb.Append('&').Append(b64).Append('-');
            pending.Clear();
        }
        foreach (var c in name)
        {
            if (c >= 0x20 && c <= 0x7e)
            {
                Flush();
                sb.Append(c == '&' ? "&-" : c.ToString());
            }
            else pending.Append(c);
        }
        Flush();
        return sb.ToString();
    }
}
