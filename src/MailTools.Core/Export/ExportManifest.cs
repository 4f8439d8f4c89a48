using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace MailTools.Core.Export
{
    /// <summary>One written message, as recorded in manifest.jsonl.</summary>
    public sealed class ManifestEntry
    {
        public string Folder { get; set; }
        public uint UidValidity { get; set; }
        /// <summary>The IMAP UID as text, or "P" + the POP3 UIDL.</summary>
        public string Key { get; set; }
        public string MessageId { get; set; }
        public DateTimeOffset? Date { get; set; }
        public long Size { get; set; }
        public string Sha256 { get; set; }
        /// <summary>Path of the file relative to the export root, '/'-separated.</summary>
        public string File { get; set; }
        /// <summary>Mbox only: where the From_ line starts.</summary>
        public long Offset { get; set; } = -1;

        public uint Uid => Key != null && !Key.StartsWith("P", StringComparison.Ordinal) ? uint.Parse(Key, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>
    /// The export manifest: manifest.jsonl in the export root, one JSON object per message
    /// (folder, uidValidity, uid, messageId, date, size, sha256, file). Append-only; a re-written message
    /// (after a torn mbox write) appends a newer line and readers keep the last line per folder+UIDVALIDITY+UID.
    /// </summary>
    public static class ExportManifest
    {
        public const string FileName = "manifest.jsonl";

        public static void Append(string root, IEnumerable<ManifestEntry> entries)
        {
            var list = entries.ToList();
            if (list.Count == 0)
                return;
            var sb = new StringBuilder();
            foreach (var e in list)
            {
                var fields = new List<KeyValuePair<string, object>>
                {
                    new KeyValuePair<string, object>("folder", e.Folder),
                    new KeyValuePair<string, object>("uidValidity", e.UidValidity),
                };
                if (e.Key.StartsWith("P", StringComparison.Ordinal))
                    fields.Add(new KeyValuePair<string, object>("uidl", e.Key.Substring(1)));
                else
                    fields.Add(new KeyValuePair<string, object>("uid", e.Uid));
                fields.Add(new KeyValuePair<string, object>("messageId", e.MessageId));
                fields.Add(new KeyValuePair<string, object>("date", e.Date?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)));
                fields.Add(new KeyValuePair<string, object>("size", e.Size));
                fields.Add(new KeyValuePair<string, object>("sha256", e.Sha256));
                fields.Add(new KeyValuePair<string, object>("file", e.File));
                if (e.Offset >= 0)
                    fields.Add(new KeyValuePair<string, object>("offset", e.Offset));
                sb.Append(JsonLine.Write(fields)).Append('\n');
            }
            var bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
            using (var fs = new FileStream(Path.Combine(root, FileName), FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                fs.Write(bytes, 0, bytes.Length);
                fs.Flush(true);
            }
        }

        /// <summary>The newest entry per folder + UIDVALIDITY + key; a torn last line (power cut) is ignored.</summary>
        public static Dictionary<string, ManifestEntry> Load(string root, string folder = null)
        {
            var result = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
            string path = Path.Combine(root, FileName);
            if (!System.IO.File.Exists(path))
                return result;
            using (var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8))
            {
                string line;
                while ((line = reader.ReadLine()) != null)
                {
                    if (line.Length == 0)
                        continue;
                    Dictionary<string, string> f;
                    try { f = JsonLine.Read(line); }
                    catch (Exception) { continue; }
                    if (!f.TryGetValue("folder", out var fo) || (folder != null && !string.Equals(fo, folder, StringComparison.Ordinal)))
                        continue;
                    var e = new ManifestEntry
                    {
                        Folder = fo,
                        UidValidity = uint.Parse(Get(f, "uidValidity") ?? "0", CultureInfo.InvariantCulture),
                        Key = Get(f, "uidl") != null ? "P" + Get(f, "uidl") : Get(f, "uid"),
                        MessageId = Get(f, "messageId"),
                        Size = long.Parse(Get(f, "size") ?? "0", CultureInfo.InvariantCulture),
                        Sha256 = Get(f, "sha256"),
                        File = Get(f, "file"),
                        Offset = long.Parse(Get(f, "offset") ?? "-1", CultureInfo.InvariantCulture),
                    };
                    if (DateTimeOffset.TryParse(Get(f, "date"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                        e.Date = d;
                    result[KeyOf(e.Folder, e.UidValidity, e.Key)] = e;
                }
            }
            return result;
        }

        public static string KeyOf(string folder, uint uidValidity, string key) =>
            folder + "\u0000" + (key != null && key.StartsWith("P", StringComparison.Ordinal) ? "0" : uidValidity.ToString(CultureInfo.InvariantCulture)) + "\u0000" + key;

        static string Get(Dictionary<string, string> f, string key) => f.TryGetValue(key, out var v) ? v : null;
    }
}
