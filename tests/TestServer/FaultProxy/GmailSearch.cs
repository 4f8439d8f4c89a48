using System.Globalization;
using System.Text;

namespace MailTools.FaultProxy;

/// <summary>UID SEARCH keys for the scripted Gmail server: the ones MailKit sends for MailTools, plus X-GM-RAW.</summary>
public static class GmailSearch
{
    public static Func<uint, GmailMessage, bool> Key(List<string> keys, ref int i, GmailMailbox.FolderView f)
    {
        var key = keys[i++].ToUpperInvariant();
        var at = i;
        string Arg() => keys[at++];
        switch (key)
        {
            case "ALL": return (_, _) => true;
            case "NOT": { var inner = Key(keys, ref i, f); return (u, m) => !inner(u, m); }
            case "OR": { var a = Key(keys, ref i, f); var b = Key(keys, ref i, f); return (u, m) => a(u, m) || b(u, m); }
            case "UID": { var set = ImapText.UidSet(Arg(), f.Uids.Keys.LastOrDefault()); i = at; return (u, _) => set(u); }
            case "DELETED": return (u, _) => f.DeletedFlag.Contains(u);
            case "UNDELETED": return (u, _) => !f.DeletedFlag.Contains(u);
            case "SEEN": return (_, m) => m.Flags.Contains("\\Seen");
            case "UNSEEN": return (_, m) => !m.Flags.Contains("\\Seen");
            case "FLAGGED": return (_, m) => m.Flags.Contains("\\Flagged");
            case "KEYWORD": { var k = Arg(); i = at; return (_, m) => m.Flags.Contains(k); }
            case "BEFORE": { var d = Day(Arg()); i = at; return (_, m) => m.InternalDate.UtcDateTime.Date < d; }
            case "SINCE": { var d = Day(Arg()); i = at; return (_, m) => m.InternalDate.UtcDateTime.Date >= d; }
            case "LARGER": { var n = long.Parse(Arg(), CultureInfo.InvariantCulture); i = at; return (_, m) => m.Raw.Length > n; }
            case "SMALLER": { var n = long.Parse(Arg(), CultureInfo.InvariantCulture); i = at; return (_, m) => m.Raw.Length < n; }
            case "SUBJECT": case "FROM": case "TO": { var field = key; var text = Arg(); i = at; return (_, m) => Has(ImapText.HeaderText(m.Raw, field), text); }
            case "X-GM-RAW": { var raw = Arg(); i = at; return (_, m) => Raw(raw, m); }
            default: throw new ArgumentException("search key not supported by the scripted Gmail server: " + key);
        }
    }

    private static DateTime Day(string text) =>
        ImapText.TryDate(text, out var d) ? d.Date : throw new ArgumentException("bad search date " + text);

    // The part of Gmail's search syntax the tests use: label:NAME, from:TEXT, subject:TEXT and bare words, all ANDed.
    private static bool Raw(string query, GmailMessage m)
    {
        foreach (var term in query.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = term.IndexOf(':');
            var op = colon > 0 ? term[..colon].ToLowerInvariant() : "";
            var value = colon > 0 ? term[(colon + 1)..] : term;
            var ok = op switch
            {
                "label" => m.Labels.Any(l => l.TrimStart('\\').Equals(value, StringComparison.OrdinalIgnoreCase)),
                "from" => Has(ImapText.HeaderText(m.Raw, "From"), value),
                "subject" => Has(ImapText.HeaderText(m.Raw, "Subject"), value),
                _ => Has(Encoding.UTF8.GetString(m.Raw), value),
            };
            if (!ok) return false;
        }
        return true;
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
