using System.Text.Json;

namespace MailTools.FaultProxy;

/// <summary>One message of the scripted Gmail account: one copy, many labels (X-GM-LABELS), one X-GM-MSGID.</summary>
public sealed class GmailMessage
{
    public required ulong MsgId { get; init; }
    public required byte[] Raw { get; init; }
    public required DateTimeOffset InternalDate { get; init; }
    public HashSet<string> Labels { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Flags { get; } = new(StringComparer.OrdinalIgnoreCase);
    public bool InTrash { get; set; }
    public bool Deleted { get; set; }   // gone for good (expunged from Trash)
}

/// <summary>
/// The scripted Gmail account, as Gmail's IMAP documentation describes it: every label is a folder, INBOX is the
/// \Inbox label, [Gmail]/All Mail holds every message not in Trash, [Gmail]/Trash the trashed ones. Each folder gives
/// a message its own UID. Expunging from a label folder only removes that label; expunging from Trash deletes.
/// </summary>
public sealed class GmailMailbox
{
    public const string AllMail = "[Gmail]/All Mail";
    public const string Trash = "[Gmail]/Trash";
    public const string Inbox = "INBOX";
    private readonly object _gate = new();
    private readonly List<GmailMessage> _messages = new();
    private readonly Dictionary<string, FolderView> _folders = new(StringComparer.Ordinal);
    private uint _validity = 7;

    public sealed class FolderView
    {
        public required string Name { get; init; }
        public uint UidValidity { get; init; }
        public uint UidNext { get; set; } = 1;
        public SortedDictionary<uint, GmailMessage> Uids { get; } = new();
        public Dictionary<GmailMessage, uint> UidOf { get; } = new();
        public HashSet<uint> DeletedFlag { get; } = new();
    }

    public object Gate => _gate;

    /// <summary>Message bodies the account may still download today (null: no limit); Gmail's daily bandwidth limit, scaled down.</summary>
    public int? BodiesLeft { get; set; }

    /// <summary>Seed: a JSON array of { "file": "x.eml", "labels": ["\\Inbox", "Work"], "date": "2019-03-01T12:00:00Z" }.</summary>
    public static GmailMailbox Load(string seedPath)
    {
        var box = new GmailMailbox();
        using var doc = JsonDocument.Parse(File.ReadAllText(seedPath));
        ulong id = 1_790_000_000_000_000_000;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var file = e.GetProperty("file").GetString()!;
            if (!Path.IsPathRooted(file)) file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(seedPath))!, file);
            var m = new GmailMessage { MsgId = ++id, Raw = File.ReadAllBytes(file), InternalDate = e.GetProperty("date").GetDateTimeOffset() };
            foreach (var l in e.GetProperty("labels").EnumerateArray()) m.Labels.Add(l.GetString()!);
            box._messages.Add(m);
        }
        foreach (var name in new[] { Inbox, AllMail, Trash }.Concat(box._messages.SelectMany(m => m.Labels).Where(l => !l.StartsWith('\\')).Distinct()))
            box._folders[name] = new FolderView { Name = name, UidValidity = box._validity++ };
        box.Refresh();
        return box;
    }

    public IEnumerable<string> FolderNames => _folders.Keys;
    public FolderView? Folder(string name) => _folders.TryGetValue(NormalizeInbox(name), out var f) ? f : null;

    public static string NormalizeInbox(string name) => name.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? Inbox : name;

    public static string? SpecialUse(string name) => name switch { AllMail => "\\All", Trash => "\\Trash", _ => null };

    private static bool Holds(string folder, GmailMessage m) => !m.Deleted && folder switch
    {
        AllMail => !m.InTrash,
        Trash => m.InTrash,
        Inbox => !m.InTrash && m.Labels.Contains("\\Inbox"),
        _ => !m.InTrash && m.Labels.Contains(folder),
    };

    /// <summary>Brings every folder's UID map in line with the labels: new members get the folder's next UID.</summary>
    public void Refresh()
    {
        foreach (var f in _folders.Values)
        {
            foreach (var (m, uid) in f.UidOf.ToList())
                if (!Holds(f.Name, m)) { f.UidOf.Remove(m); f.Uids.Remove(uid); f.DeletedFlag.Remove(uid); }
            foreach (var m in _messages)
                if (Holds(f.Name, m) && !f.UidOf.ContainsKey(m)) { f.UidOf[m] = f.UidNext; f.Uids[f.UidNext++] = m; }
        }
    }

    /// <summary>Puts a message into a folder (COPY/MOVE target): a label, or the Trash.</summary>
    public static void AddTo(string folder, GmailMessage m)
    {
        if (folder == Trash) m.InTrash = true;
        else if (folder == Inbox) { m.InTrash = false; m.Labels.Add("\\Inbox"); }
        else if (folder != AllMail) { m.InTrash = false; m.Labels.Add(folder); }
    }

    /// <summary>What expunging (or moving out of) a folder does: a label goes; from Trash the message is deleted.</summary>
    public static void RemoveFrom(string folder, GmailMessage m, bool expunge)
    {
        if (folder == Trash) { if (expunge) m.Deleted = true; else m.InTrash = false; }
        else if (folder == AllMail) { if (expunge) m.InTrash = true; }   // "move to Trash" on expunge from All Mail
        else m.Labels.Remove(folder == Inbox ? "\\Inbox" : folder);
    }

    public IReadOnlyList<GmailMessage> Messages => _messages;
}
