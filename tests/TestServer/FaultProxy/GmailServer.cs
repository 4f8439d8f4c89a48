using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MailTools.FaultProxy;

/// <summary>
/// A scripted IMAP server (implicit TLS) that answers as Gmail's IMAP extensions documentation describes: capability
/// X-GM-EXT-1, X-GM-LABELS, X-GM-MSGID, X-GM-RAW search, labels as folders, [Gmail]/All Mail and [Gmail]/Trash
/// (SPECIAL-USE \All, \Trash). Only what MailKit needs for MailTools: CAPABILITY, LOGIN, AUTHENTICATE PLAIN, LIST,
/// SELECT/EXAMINE, STATUS, UID SEARCH/FETCH/STORE/COPY/MOVE/EXPUNGE, EXPUNGE, CLOSE, UNSELECT, NOOP, LOGOUT.
/// X-GM-RAW understands label:NAME, from:TEXT, subject:TEXT and bare words (searched in the whole message).
/// </summary>
public sealed class GmailServer(int id, Socket socket, GmailMailbox box, X509Certificate2 certificate, string user, string password, EventLog? log)
{
    private const string Capabilities = "IMAP4rev1 UNSELECT UIDPLUS MOVE SPECIAL-USE CHILDREN X-GM-EXT-1 AUTH=PLAIN";
    private Stream _out = Stream.Null;
    private GmailMailbox.FolderView? _selected;
    private bool _readOnly, _loggedIn;
    private List<uint> _seen = new();   // the selected folder's UIDs as this client knows them (sequence numbers)

    public async Task RunAsync()
    {
        try
        {
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await tls.AuthenticateAsServerAsync(certificate);
            _out = tls;
            var reader = new StreamReader(tls, Encoding.UTF8);
            await Send("* OK Gimap ready for requests (scripted)");
            while (true)
            {
                var line = await ReadCommandAsync(reader);
                if (line is null) return;
                log?.Write($"gmail {id}: C: {(line.Contains("LOGIN", StringComparison.OrdinalIgnoreCase) || line.Contains("AUTHENTICATE", StringComparison.OrdinalIgnoreCase) ? line.Split(' ')[0] + " (login)" : line)}");
                var space = line.IndexOf(' ');
                if (space <= 0) { await Send("* BAD Missing tag"); continue; }
                var tag = line[..space];
                var rest = line[(space + 1)..];
                if (!await HandleAsync(tag, rest, reader)) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            log?.Write($"gmail {id}: {e.GetType().Name}: {e.Message}");
        }
    }

    // A command line; a literal ({n}) is read after a "+" and spliced in as a quoted string.
    private async Task<string?> ReadCommandAsync(StreamReader reader)
    {
        var sb = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync();
            if (line is null) return null;
            var literal = ImapText.LiteralAtEnd().Match(line);
            if (!literal.Success) return sb.Append(line).ToString();
            sb.Append(line, 0, literal.Index);
            if (literal.Groups[2].Value != "+") await Send("+ go ahead");
            var buffer = new char[int.Parse(literal.Groups[1].Value, CultureInfo.InvariantCulture)];
            var read = 0;
            while (read < buffer.Length) { var n = await reader.ReadAsync(buffer, read, buffer.Length - read); if (n == 0) return null; read += n; }
            sb.Append(ImapText.String(new string(buffer)));
        }
    }

    private async Task<bool> HandleAsync(string tag, string rest, StreamReader reader)
    {
        var args = ImapText.Tokens(rest);
        var command = args[0].ToUpperInvariant();
        var uid = command == "UID" && args.Count > 1;
        if (uid) { command = args[1].ToUpperInvariant(); args = args.Skip(2).ToList(); } else args = args.Skip(1).ToList();
        if (!_loggedIn && command is not ("CAPABILITY" or "LOGIN" or "AUTHENTICATE" or "LOGOUT" or "NOOP"))
        {
            await Send($"{tag} BAD Not logged in");
            return true;
        }
        string reply;
        var output = new StringBuilder();
        lock (box.Gate)
        {
            var before = _selected is null ? null : _selected.Uids.Keys.ToList();
            reply = command switch
            {
                "CAPABILITY" => Line(output, "* CAPABILITY " + Capabilities) + "OK CAPABILITY completed",
                "NOOP" or "CHECK" => "OK Success",
                "LOGOUT" => Line(output, "* BYE LOGOUT Requested") + "OK 73 good day (Success)",
                "LOGIN" => Login(args.ElementAtOrDefault(0), args.ElementAtOrDefault(1)),
                "AUTHENTICATE" => "AUTH",
                "LIST" or "LSUB" or "XLIST" => List(args, output),
                "SELECT" or "EXAMINE" => Select(args[0], command == "EXAMINE", output),
                "STATUS" => Status(args, output),
                "SEARCH" when uid => Search(args, output),
                "FETCH" when uid => Fetch(args[0], rest[(rest.IndexOf(args[0], StringComparison.Ordinal) + args[0].Length)..], output),
                "STORE" when uid => Store(args, output),
                "COPY" or "MOVE" when uid => CopyOrMove(args[0], args[1], command == "MOVE", output),
                "EXPUNGE" => Expunge(uid ? args[0] : null),
                "CLOSE" => Close(true),
                "UNSELECT" => Close(false),
                _ => "BAD Command not supported by the scripted Gmail server",
            };
            box.Refresh();
            if (before is not null && _selected is not null && command is not ("SELECT" or "EXAMINE" or "FETCH" or "SEARCH" or "STORE"))
                Changes(output);
        }
        if (reply == "AUTH")
        {
            var initial = args.Count > 1 ? args[1] : null;
            if (initial is null) { await Send("+ "); initial = await reader.ReadLineAsync() ?? ""; }
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(initial.Trim())).Split('\0');
            reply = Login(parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2));
        }
        if (output.Length > 0) await SendRaw(output.ToString());
        await Send($"{tag} {reply}");
        return command != "LOGOUT";
    }

    private static string Line(StringBuilder output, string line) { output.Append(line).Append("\r\n"); return ""; }

    // Gmail's words once the account's download limit is used up (its IMAP help and many clients' logs quote them).
    private const string BandwidthExceeded = "NO [ALERT] Account exceeded command or bandwidth limits. (Failure)";

    private string Login(string? u, string? p)
    {
        if (box.BodiesLeft is <= 0 && u == user && p == password)
        {
            log?.Write($"gmail {id}: login refused: bandwidth limit");
            return BandwidthExceeded;
        }
        _loggedIn = u == user && p == password;
        log?.Write($"gmail {id}: login {(_loggedIn ? "ok" : "refused")}");
        return _loggedIn ? "OK [CAPABILITY " + Capabilities + "] " + u + " authenticated (Success)" : "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)";
    }

    private string List(List<string> args, StringBuilder output)
    {
        var plain = args.Where(a => a is not ("(" or ")")).ToList();
        var returnAt = plain.FindIndex(a => a.Equals("RETURN", StringComparison.OrdinalIgnoreCase));
        if (returnAt >= 0) plain = plain.Take(returnAt).ToList();
        var pattern = plain.Last();
        if (pattern.Length == 0) return Line(output, "* LIST (\\Noselect) \"/\" \"\"") + "OK Success";
        var regex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*").Replace("%", "[^/]*") + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (regex.IsMatch("[Gmail]")) Line(output, "* LIST (\\HasChildren \\Noselect) \"/\" \"[Gmail]\"");
        foreach (var name in box.FolderNames.Where(n => regex.IsMatch(n)))
        {
            var use = GmailMailbox.SpecialUse(name);
            Line(output, $"* LIST (\\HasNoChildren{(use is null ? "" : " " + use)}) \"/\" {ImapText.String(name)}");
        }
        return "OK Success";
    }

    private string Select(string name, bool examine, StringBuilder output)
    {
        var f = box.Folder(name);
        if (f is null) { _selected = null; return "NO [NONEXISTENT] Unknown Mailbox (Failure)"; }
        _selected = f;
        _readOnly = examine;
        _seen = f.Uids.Keys.ToList();
        Line(output, "* FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen $NotPhishing $Phishing)");
        Line(output, "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen $NotPhishing $Phishing \\*)] Flags permitted.");
        Line(output, $"* OK [UIDVALIDITY {f.UidValidity}] UIDs valid.");
        Line(output, $"* {_seen.Count} EXISTS");
        Line(output, "* 0 RECENT");
        Line(output, $"* OK [UIDNEXT {f.UidNext}] Predicted next UID.");
        return (examine ? "OK [READ-ONLY] " : "OK [READ-WRITE] ") + name + " selected. (Success)";
    }

    private string Status(List<string> args, StringBuilder output)
    {
        var f = box.Folder(args[0]);
        if (f is null) return "NO [NONEXISTENT] Unknown Mailbox (Failure)";
        var unseen = f.Uids.Values.Count(m => !m.Flags.Contains("\\Seen"));
        Line(output, $"* STATUS {ImapText.String(f.Name)} (MESSAGES {f.Uids.Count} RECENT 0 UIDNEXT {f.UidNext} UIDVALIDITY {f.UidValidity} UNSEEN {unseen})");
        return "OK Success";
    }

    private string Search(List<string> args, StringBuilder output)
    {
        var f = _selected!;
        var keys = args.Where(a => a is not ("(" or ")")).ToList();
        if (keys.Count > 0 && keys[0].Equals("CHARSET", StringComparison.OrdinalIgnoreCase)) keys = keys.Skip(2).ToList();
        var i = 0;
        var tests = new List<Func<uint, GmailMessage, bool>>();
        while (i < keys.Count) tests.Add(GmailSearch.Key(keys, ref i, f));
        var hits = f.Uids.Where(p => tests.All(t => t(p.Key, p.Value))).Select(p => p.Key.ToString(CultureInfo.InvariantCulture));
        Line(output, "* SEARCH" + string.Concat(hits.Select(h => " " + h)));
        return "OK SEARCH completed (Success)";
    }

    private string Fetch(string set, string itemsText, StringBuilder output)
    {
        var f = _selected!;
        var items = itemsText.ToUpperInvariant();
        var inSet = ImapText.UidSet(set, f.Uids.Keys.LastOrDefault());
        var bodies = items.Contains("BODY.PEEK[]") || items.Contains("BODY[]") || items.Contains("RFC822 ") || items.EndsWith("RFC822)", StringComparison.Ordinal);
        if (bodies && box.BodiesLeft is int left)
        {
            // The whole batch is refused once it would pass the limit: what was fetched before stays fetched.
            var wanted = f.Uids.Keys.Count(k => inSet(k) && _seen.Contains(k));
            if (wanted > left)
            {
                box.BodiesLeft = 0;
                log?.Write($"gmail {id}: bandwidth limit: refused a FETCH of {wanted} bodies ({left} left)");
                return BandwidthExceeded;
            }
            box.BodiesLeft = left - wanted;
        }
        foreach (var (u, m) in f.Uids.Where(p => inSet(p.Key)))
        {
            var seq = _seen.IndexOf(u) + 1;
            if (seq == 0) continue;
            var parts = new List<string> { $"UID {u}" };
            if (items.Contains("FLAGS")) parts.Add("FLAGS (" + string.Join(' ', Flags(f, u, m)) + ")");
            if (items.Contains("INTERNALDATE")) parts.Add("INTERNALDATE " + ImapText.Date(m.InternalDate));
            if (items.Contains("RFC822.SIZE")) parts.Add($"RFC822.SIZE {m.Raw.Length}");
            if (items.Contains("ENVELOPE")) parts.Add("ENVELOPE " + ImapText.Envelope(m.Raw));
            if (items.Contains("X-GM-MSGID")) parts.Add($"X-GM-MSGID {m.MsgId}");
            if (items.Contains("X-GM-LABELS")) parts.Add("X-GM-LABELS (" + string.Join(' ', m.Labels.Select(ImapText.String)) + ")");
            var fields = System.Text.RegularExpressions.Regex.Match(items, @"BODY(?:\.PEEK)?\[HEADER\.FIELDS \(([^)]*)\)\]");
            if (fields.Success)
            {
                var bytes = ImapText.HeaderFields(m.Raw, fields.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                parts.Add($"BODY[HEADER.FIELDS ({fields.Groups[1].Value})] {{{bytes.Length}}}\r\n" + Encoding.Latin1.GetString(bytes));
            }
            if (bodies)
                parts.Add($"BODY[] {{{m.Raw.Length}}}\r\n" + Encoding.Latin1.GetString(m.Raw));
            Line(output, $"* {seq} FETCH (" + string.Join(' ', parts) + ")");
        }
        return "OK Success";
    }

    private static IEnumerable<string> Flags(GmailMailbox.FolderView f, uint u, GmailMessage m) =>
        m.Flags.Concat(f.DeletedFlag.Contains(u) ? new[] { "\\Deleted" } : Array.Empty<string>());

    private string Store(List<string> args, StringBuilder output)
    {
        var f = _selected!;
        if (_readOnly) return "NO STORE attempt on READ-ONLY folder (Failure)";
        var op = args[1].ToUpperInvariant();
        var flags = args.Skip(2).Where(a => a is not ("(" or ")")).ToList();
        var inSet = ImapText.UidSet(args[0], f.Uids.Keys.LastOrDefault());
        foreach (var (u, m) in f.Uids.Where(p => inSet(p.Key)).ToList())
        {
            if (op.StartsWith("FLAGS", StringComparison.Ordinal)) { m.Flags.Clear(); f.DeletedFlag.Remove(u); }
            foreach (var flag in flags)
            {
                var add = !op.StartsWith('-');
                if (flag.Equals("\\Deleted", StringComparison.OrdinalIgnoreCase)) { if (add) f.DeletedFlag.Add(u); else f.DeletedFlag.Remove(u); }
                else if (add) m.Flags.Add(flag); else m.Flags.Remove(flag);
            }
            if (!op.EndsWith(".SILENT", StringComparison.Ordinal) && _seen.Contains(u))
                Line(output, $"* {_seen.IndexOf(u) + 1} FETCH (UID {u} FLAGS (" + string.Join(' ', Flags(f, u, m)) + "))");
        }
        return "OK Success";
    }

    private string CopyOrMove(string set, string destination, bool move, StringBuilder output)
    {
        var f = _selected!;
        var dest = box.Folder(destination);
        if (dest is null) return "NO [TRYCREATE] No folder " + destination + " (Failure)";
        var inSet = ImapText.UidSet(set, f.Uids.Keys.LastOrDefault());
        var moved = f.Uids.Where(p => inSet(p.Key)).ToList();
        foreach (var (_, m) in moved)
        {
            if (move) GmailMailbox.RemoveFrom(f.Name, m, expunge: false);
            GmailMailbox.AddTo(dest.Name, m);
        }
        box.Refresh();
        var pairs = moved.Where(p => dest.UidOf.ContainsKey(p.Value)).ToList();
        var copyUid = pairs.Count == 0 ? "" : $"[COPYUID {dest.UidValidity} {string.Join(',', pairs.Select(p => p.Key))} {string.Join(',', pairs.Select(p => dest.UidOf[p.Value]))}] ";
        log?.Write($"gmail {id}: {(move ? "MOVE" : "COPY")} {moved.Count} from {f.Name} to {dest.Name}");
        if (move && copyUid.Length > 0) { Line(output, "* OK " + copyUid.TrimEnd()); return "OK Success"; }
        return "OK " + copyUid + "(Success)";
    }

    private string Expunge(string? set)
    {
        var f = _selected!;
        if (_readOnly) return "NO EXPUNGE attempt on READ-ONLY folder (Failure)";
        var inSet = set is null ? (_ => true) : ImapText.UidSet(set, f.Uids.Keys.LastOrDefault());
        var gone = f.Uids.Where(p => f.DeletedFlag.Contains(p.Key) && inSet(p.Key)).ToList();
        foreach (var (_, m) in gone) GmailMailbox.RemoveFrom(f.Name, m, expunge: true);
        log?.Write($"gmail {id}: EXPUNGE {gone.Count} in {f.Name}");
        return "OK Success";
    }

    private string Close(bool expunge)
    {
        if (expunge && _selected is not null && !_readOnly) Expunge(null);
        box.Refresh();
        _selected = null;
        return "OK Returned to authenticated state. (Success)";
    }

    // Tells the client what left or joined the selected folder: EXPUNGE from the highest number down, then EXISTS.
    private void Changes(StringBuilder output)
    {
        var now = new HashSet<uint>(_selected!.Uids.Keys);
        for (var i = _seen.Count - 1; i >= 0; i--)
            if (!now.Contains(_seen[i])) { Line(output, $"* {i + 1} EXPUNGE"); _seen.RemoveAt(i); }
        var added = now.Where(u => !_seen.Contains(u)).OrderBy(u => u).ToList();
        if (added.Count > 0) { _seen.AddRange(added); Line(output, $"* {_seen.Count} EXISTS"); }
    }

    private Task Send(string line) => SendRaw(line + "\r\n");

    private async Task SendRaw(string text)
    {
        // Literals were added as UTF-8 text (headers) or Latin-1 (raw bodies, byte for byte): Latin-1 writes each char as one byte.
        var bytes = Encoding.Latin1.GetBytes(text);
        await _out.WriteAsync(bytes);
        await _out.FlushAsync();
    }
}
