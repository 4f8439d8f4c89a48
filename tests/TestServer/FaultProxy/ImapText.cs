using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace MailTools.FaultProxy;

/// <summary>The small pieces of IMAP syntax the scripted Gmail server reads and writes (RFC 3501 section 9).</summary>
public static partial class ImapText
{
    [GeneratedRegex(@"\{(\d+)(\+?)\}$")]
    public static partial Regex LiteralAtEnd();

    /// <summary>Splits arguments into atoms, quoted strings (unquoted) and single "(" / ")" tokens.</summary>
    public static List<string> Tokens(string text)
    {
        var list = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ' ') { i++; continue; }
            if (c is '(' or ')') { list.Add(c.ToString()); i++; continue; }
            if (c == '"')
            {
                var sb = new StringBuilder();
                for (i++; i < text.Length && text[i] != '"'; i++)
                    sb.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                i++;
                list.Add(sb.ToString());
                continue;
            }
            var start = i;
            var depth = 0;   // BODY.PEEK[HEADER.FIELDS (A B)] is one token
            while (i < text.Length && (depth > 0 || (text[i] != ' ' && text[i] != '(' && text[i] != ')')))
            {
                if (text[i] == '[') depth++;
                else if (text[i] == ']') depth--;
                i++;
            }
            list.Add(text[start..i]);
        }
        return list;
    }

    /// <summary>A UID set ("1:4,7,9:*") as a test on a UID; * is the highest UID in use.</summary>
    public static Func<uint, bool> UidSet(string set, uint max)
    {
        var ranges = set.Split(',').Select(part =>
        {
            var ends = part.Split(':');
            uint Read(string s) => s == "*" ? max : uint.Parse(s, CultureInfo.InvariantCulture);
            var a = Read(ends[0]);
            var b = ends.Length > 1 ? Read(ends[1]) : a;
            return (Lo: Math.Min(a, b), Hi: Math.Max(a, b));
        }).ToList();
        return uid => ranges.Any(r => uid >= r.Lo && uid <= r.Hi);
    }

    /// <summary>A string as IMAP wants it: NIL, a quoted string, or a literal when it has CR, LF or 8-bit text.</summary>
    public static string String(string? value)
    {
        if (value is null) return "NIL";
        if (value.Any(ch => ch > 126 || ch == '\r' || ch == '\n'))
        {
            // Written out as Latin-1 (one char per byte), so the UTF-8 bytes go into the string as such.
            var bytes = Encoding.UTF8.GetBytes(value);
            return "{" + bytes.Length.ToString(CultureInfo.InvariantCulture) + "}\r\n" + Encoding.Latin1.GetString(bytes);
        }
        return "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    public static string Date(DateTimeOffset d) => "\"" + d.ToUniversalTime().ToString("dd-MMM-yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture) + "\"";

    public static bool TryDate(string text, out DateTime date) =>
        DateTime.TryParseExact(text, new[] { "d-MMM-yyyy", "dd-MMM-yyyy" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The ENVELOPE structure (RFC 3501 section 7.4.2) of a message, from its header.</summary>
    public static string Envelope(byte[] raw)
    {
        HeaderList headers;
        using (var stream = new MemoryStream(raw))
            headers = HeaderList.Load(stream);
        string? Raw(HeaderId id) => headers.Contains(id) ? Unfold(Encoding.UTF8.GetString(headers[headers.IndexOf(id)].RawValue)) : null;
        string Addresses(HeaderId id, HeaderId fallback = HeaderId.Unknown)
        {
            var text = headers[id] ?? (fallback != HeaderId.Unknown ? headers[fallback] : null);
            if (text is null || !InternetAddressList.TryParse(text, out var list) || list.Mailboxes.Count() == 0) return "NIL";
            return "(" + string.Concat(list.Mailboxes.Select(m =>
            {
                var at = m.Address.LastIndexOf('@');
                return "(" + String(string.IsNullOrEmpty(m.Name) ? null : m.Name) + " NIL " + String(at < 0 ? m.Address : m.Address[..at]) + " " + String(at < 0 ? "" : m.Address[(at + 1)..]) + ")";
            })) + ")";
        }
        return "(" + String(Raw(HeaderId.Date)) + " " + String(Raw(HeaderId.Subject)) + " " + Addresses(HeaderId.From) + " " + Addresses(HeaderId.Sender, HeaderId.From)
            + " " + Addresses(HeaderId.ReplyTo, HeaderId.From) + " " + Addresses(HeaderId.To) + " " + Addresses(HeaderId.Cc) + " " + Addresses(HeaderId.Bcc)
            + " " + String(Raw(HeaderId.InReplyTo)) + " " + String(Raw(HeaderId.MessageId)) + ")";
    }

    /// <summary>The header lines with these field names, plus the blank line (BODY[HEADER.FIELDS (...)]).</summary>
    public static byte[] HeaderFields(byte[] raw, IEnumerable<string> names)
    {
        var wanted = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        HeaderList headers;
        using (var stream = new MemoryStream(raw))
            headers = HeaderList.Load(stream);
        var sb = new StringBuilder();
        foreach (var h in headers.Where(h => wanted.Contains(h.Field)))
            sb.Append(h.Field).Append(':').Append(Encoding.UTF8.GetString(h.RawValue).TrimEnd('\r', '\n')).Append("\r\n");
        sb.Append("\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static string HeaderText(byte[] raw, string field)
    {
        using var stream = new MemoryStream(raw);
        var headers = HeaderList.Load(stream);
        return headers[field] ?? "";
    }

    private static string Unfold(string value) => value.Replace("\r\n", "").Replace("\n", "").Trim();
}
