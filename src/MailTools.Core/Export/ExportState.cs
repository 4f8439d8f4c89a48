using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using MailKit;
using MailKit.Search;

namespace MailTools.Core.Export
{
    /// <summary>
    /// What has been exported from one folder to one export root: UIDVALIDITY, the exported UIDs as a compact
    /// UID set ("1:500,502"), UIDNEXT and HIGHESTMODSEQ (RFC 7162) seen last time, POP3 UIDLs, and for mbox the
    /// length of the file up to the last message known to be on disk. Written atomically after each durable batch.
    /// </summary>
    public sealed class ExportState
    {
        /// <summary>The server folder this state belongs to.</summary>
        public string Folder { get; set; } = string.Empty;
        /// <summary>The format the folder was exported in.</summary>
        public ExportFormat Format { get; set; }
        /// <summary>The folder's UIDVALIDITY at the last export; a different one means the UIDs were renumbered.</summary>
        public uint UidValidity { get; set; }
        /// <summary>The folder's UIDNEXT at the last export.</summary>
        public uint UidNext { get; set; }
        /// <summary>The folder's HIGHESTMODSEQ at the last export (0 without CONDSTORE).</summary>
        public ulong HighestModSeq { get; set; }
        /// <summary>UIDs exported under <see cref="UidValidity"/>.</summary>
        public UniqueIdSet Uids { get; private set; } = new UniqueIdSet(SortOrder.Ascending);
        /// <summary>POP3 UIDLs exported (RFC 1939: stable per message while it stays on the server).</summary>
        public HashSet<string> Pop3Uids { get; } = new HashSet<string>(StringComparer.Ordinal);
        /// <summary>Mbox only: the file length after the last committed message; anything beyond is a torn write.</summary>
        public long MboxLength { get; set; }
        /// <summary>True when a state file was found and read.</summary>
        public bool Exists { get; private set; }

        /// <summary>Forgets the UIDs (after a UIDVALIDITY change, or -Full): they name other messages now.</summary>
        public void ResetUids(uint uidValidity)
        {
            UidValidity = uidValidity;
            Uids = new UniqueIdSet(SortOrder.Ascending);
            UidNext = 0;
            HighestModSeq = 0;
        }

        /// <summary>True when the message with this key (UID text, or "P" + UIDL) was already exported.</summary>
        public bool Contains(string key) =>
            key.StartsWith("P", StringComparison.Ordinal) ? Pop3Uids.Contains(key.Substring(1)) : Uids.Contains(new UniqueId(UidValidity, ParseUid(key)));

        /// <summary>Records the message with this key as exported (saved by <see cref="Save"/>).</summary>
        public void Add(string key)
        {
            if (key.StartsWith("P", StringComparison.Ordinal))
                Pop3Uids.Add(key.Substring(1));
            else
                Uids.Add(new UniqueId(UidValidity, ParseUid(key)));
        }

        /// <summary>The state file of one folder: a readable stem plus a hash of the exact name (escaping can shorten).</summary>
        public static string PathFor(string stateDirectory, string folder) =>
            Path.Combine(stateDirectory, SafePath.Segment(folder, escapeDots: false, maxBytes: 60).Replace('%', '_') + "-" + SafePath.ShortHash(folder) + ".state");

        /// <summary>Reads a folder's state file; a fresh state (<see cref="Exists"/> false) when there is none.</summary>
        public static ExportState Load(string path, string folder, ExportFormat format)
        {
            var state = new ExportState { Folder = folder, Format = format };
            if (!File.Exists(path))
                return state;
            foreach (var raw in File.ReadAllLines(path, Encoding.UTF8))
            {
                int eq = raw.IndexOf('=');
                if (eq <= 0)
                    continue;
                string key = raw.Substring(0, eq), value = raw.Substring(eq + 1);
                switch (key)
                {
                    case "uidvalidity": state.UidValidity = uint.Parse(value, CultureInfo.InvariantCulture); break;
                    case "uidnext": state.UidNext = uint.Parse(value, CultureInfo.InvariantCulture); break;
                    case "highestmodseq": state.HighestModSeq = ulong.Parse(value, CultureInfo.InvariantCulture); break;
                    case "mboxlength": state.MboxLength = long.Parse(value, CultureInfo.InvariantCulture); break;
                    case "format": state.Format = (ExportFormat)Enum.Parse(typeof(ExportFormat), value); break;
                    case "uids":
                        state.Uids = ParseSet(value, state.UidValidity);
                        break;
                    case "uidl": state.Pop3Uids.Add(Unescape(value)); break;
                }
            }
            state.Exists = true;
            return state;
        }

        /// <summary>Writes the state atomically (temporary file, fsync, rename).</summary>
        public void Save(string path)
        {
            var sb = new StringBuilder();
            sb.Append("# MailTools export state; do not edit. Delete it (or use -Full) to export this folder again.\n");
            sb.Append("folder=").Append(Escape(Folder)).Append('\n');
            sb.Append("format=").Append(Format).Append('\n');
            sb.Append("uidvalidity=").Append(UidValidity.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("uidnext=").Append(UidNext.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("highestmodseq=").Append(HighestModSeq.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("mboxlength=").Append(MboxLength.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("uids=").Append(FormatSet(Uids)).Append('\n');
            foreach (var u in Pop3Uids.OrderBy(x => x, StringComparer.Ordinal))
                sb.Append("uidl=").Append(Escape(u)).Append('\n');
            DurableFile.WriteAllText(path, sb.ToString());
            Exists = true;
        }

        /// <summary>A compact, sorted UID set in IMAP syntax (RFC 3501 sequence-set): "1:5,7,9:12".</summary>
        public static string FormatSet(IEnumerable<UniqueId> uids)
        {
            var sorted = uids.Select(u => u.Id).Distinct().OrderBy(x => x).ToList();
            var sb = new StringBuilder();
            for (int i = 0; i < sorted.Count; i++)
            {
                uint start = sorted[i];
                uint end = start;
                while (i + 1 < sorted.Count && sorted[i + 1] == end + 1)
                    end = sorted[++i];
                if (sb.Length > 0)
                    sb.Append(',');
                sb.Append(start.ToString(CultureInfo.InvariantCulture));
                if (end != start)
                    sb.Append(':').Append(end.ToString(CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        /// <summary>Parses a saved UID set ("1:5,9") under <paramref name="validity"/>.</summary>
        public static UniqueIdSet ParseSet(string text, uint validity)
        {
            var set = new UniqueIdSet(SortOrder.Ascending);
            if (string.IsNullOrWhiteSpace(text))
                return set;
            foreach (var part in text.Split(','))
            {
                int colon = part.IndexOf(':');
                uint a = uint.Parse(colon < 0 ? part : part.Substring(0, colon), CultureInfo.InvariantCulture);
                uint b = colon < 0 ? a : uint.Parse(part.Substring(colon + 1), CultureInfo.InvariantCulture);
                if (b < a) { var t = a; a = b; b = t; }
                set.AddRange(new UniqueIdRange(validity, a, b));
            }
            return set;
        }

        static uint ParseUid(string key) => uint.Parse(key, CultureInfo.InvariantCulture);
        static string Escape(string s) => (s ?? string.Empty).Replace("%", "%25").Replace("\n", "%0A").Replace("\r", "%0D");
        static string Unescape(string s) => s.Replace("%0A", "\n").Replace("%0D", "\r").Replace("%25", "%");
    }
}
