using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace MailTools.Core.Export
{
    /// <summary>One written message, as recorded in manifest.jsonl.</summary>
    public sealed class ManifestEntry
    {
        /// <summary>The server folder the message came from.</summary>
        public string Folder { get; set; } = string.Empty;
        /// <summary>The folder's UIDVALIDITY at export time (0 for POP3).</summary>
        public uint UidValidity { get; set; }
        /// <summary>The IMAP UID as text, or "P" + the POP3 UIDL.</summary>
        public string Key { get; set; } = string.Empty;
        /// <summary>The normalised Message-ID header, or null when the message has none.</summary>
        public string? MessageId { get; set; }
        /// <summary>The message's Date header, or its INTERNALDATE when that is missing.</summary>
        public DateTimeOffset? Date { get; set; }
        /// <summary>Bytes written.</summary>
        public long Size { get; set; }
        /// <summary>Hex SHA-256 of the bytes written; null only in a hand-edited manifest.</summary>
        public string? Sha256 { get; set; }
        /// <summary>Path of the file relative to the export root, '/'-separated.</summary>
        public string? File { get; set; }
        /// <summary>Mbox only: where the From_ line starts.</summary>
        public long Offset { get; set; } = -1;
        /// <summary>Gmail: X-GM-MSGID, the message's id across labels; the export writes each one once.</summary>
        public ulong? GmailMessageId { get; set; }
        /// <summary>Gmail: X-GM-LABELS when it was exported.</summary>
        public string[]? Labels { get; set; }

        /// <summary>The IMAP UID from <see cref="Key"/>; 0 for POP3 entries.</summary>
        public uint Uid => Key != null && !Key.StartsWith("P", StringComparison.Ordinal) ? uint.Parse(Key, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>
    /// The export manifest: manifest.jsonl in the export root, one JSON object per message
    /// (folder, uidValidity, uid, messageId, date, size, sha256, file). Append-only; a re-written message
    /// (after a torn mbox write) appends a newer line and readers keep the last line per folder+UIDVALIDITY+UID.
    /// </summary>
    public static class ExportManifest
    {
        /// <summary>The manifest's file name in the export root.</summary>
        public const string FileName = "manifest.jsonl";

        // Folders exported over several connections at once append to the account's one manifest: one append at a time.
        static readonly object s_append = new object();

        /// <summary>Appends entries to the manifest and flushes them to disk (fsync) before returning.</summary>
        public static void Append(string root, IEnumerable<ManifestEntry> entries)
        {
            var list = entries.ToList();
            if (list.Count == 0)
                return;
            // One JSON object per line (JSON Lines); Utf8JsonWriter escapes whatever a server puts in a Message-ID.
            var buffer = new MemoryStream();
            var jsonOptions = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            foreach (var e in list)
            {
                using (var json = new Utf8JsonWriter(buffer, jsonOptions))
                {
                    json.WriteStartObject();
                    json.WriteString("folder", e.Folder);
                    json.WriteNumber("uidValidity", e.UidValidity);
                    if (e.Key.StartsWith("P", StringComparison.Ordinal))
                        json.WriteString("uidl", e.Key.Substring(1));
                    else
                        json.WriteNumber("uid", e.Uid);
                    json.WriteString("messageId", e.MessageId);
                    json.WriteString("date", e.Date?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
                    json.WriteNumber("size", e.Size);
                    json.WriteString("sha256", e.Sha256);
                    json.WriteString("file", e.File);
                    if (e.Offset >= 0)
                        json.WriteNumber("offset", e.Offset);
                    if (e.GmailMessageId.HasValue)
                        json.WriteNumber("gmMsgId", e.GmailMessageId.Value);
                    if (e.Labels != null)
                    {
                        json.WriteStartArray("labels");
                        foreach (var l in e.Labels)
                            json.WriteStringValue(l);
                        json.WriteEndArray();
                    }
                    json.WriteEndObject();
                }
                buffer.WriteByte((byte)'\n');
            }
            var bytes = buffer.ToArray();
            lock (s_append)
                using (var fs = new FileStream(Path.Combine(root, FileName), FileMode.Append, FileAccess.Write, FileShare.Read))
                {
                    fs.Write(bytes, 0, bytes.Length);
                    fs.Flush(true);
                }
        }

        /// <summary>The newest entry per folder + UIDVALIDITY + key; a torn last line (power cut) is ignored.</summary>
        public static Dictionary<string, ManifestEntry> Load(string root, string? folder = null)
        {
            var result = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
            string path = Path.Combine(root, FileName);
            if (!System.IO.File.Exists(path))
                return result;
            using (var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8))
            {
                string? line;
                while ((line = reader.ReadLine()) != null)
                {
                    if (line.Length == 0)
                        continue;
                    ManifestEntry e;
                    try
                    {
                        using (var doc = JsonDocument.Parse(line))
                        {
                            var o = doc.RootElement;
                            string? fo = Text(o, "folder");
                            if (fo == null || (folder != null && !string.Equals(fo, folder, StringComparison.Ordinal)))
                                continue;
                            string? uidl = Text(o, "uidl");
                            e = new ManifestEntry
                            {
                                Folder = fo,
                                UidValidity = o.TryGetProperty("uidValidity", out var uv) ? uv.GetUInt32() : 0,
                                Key = uidl != null ? "P" + uidl : (o.TryGetProperty("uid", out var uid) ? uid.GetUInt32().ToString(CultureInfo.InvariantCulture) : string.Empty),
                                MessageId = Text(o, "messageId"),
                                Size = o.TryGetProperty("size", out var size) ? size.GetInt64() : 0,
                                Sha256 = Text(o, "sha256"),
                                File = Text(o, "file"),
                                Offset = o.TryGetProperty("offset", out var off) ? off.GetInt64() : -1,
                                GmailMessageId = o.TryGetProperty("gmMsgId", out var gm) ? gm.GetUInt64() : (ulong?)null,
                                Labels = o.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array
                                    ? labels.EnumerateArray().Select(l => l.GetString() ?? string.Empty).ToArray() : null,
                            };
                            if (DateTimeOffset.TryParse(Text(o, "date"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                                e.Date = d;
                        }
                    }
                    catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException)
                    {
                        continue; // a torn last line (power cut) or a hand-edited one
                    }
                    result[KeyOf(e.Folder, e.UidValidity, e.Key)] = e;
                }
            }
            return result;
        }

        /// <summary>The dictionary key of an entry: folder, UIDVALIDITY (0 for POP3 keys) and key.</summary>
        public static string KeyOf(string folder, uint uidValidity, string key) =>
            folder + "\u0000" + (key != null && key.StartsWith("P", StringComparison.Ordinal) ? "0" : uidValidity.ToString(CultureInfo.InvariantCulture)) + "\u0000" + key;

        static string? Text(JsonElement o, string name) =>
            o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
