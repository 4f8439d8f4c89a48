using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using MailKit;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Maildir++ (the layout Dovecot, mutt and mbsync share): INBOX is the root's cur/new/tmp, every other folder
    /// a ".Parent.Child" directory beside them. Messages are written into tmp/; at the end of each batch they are
    /// fsynced, renamed into cur/ and cur/ is fsynced (<see cref="DurableBatch"/>; the Maildir delivery rule holds:
    /// a file in cur/ is always complete). File names are deterministic from
    /// UIDVALIDITY + UID ("1700000000.M1234U56.mailtools:2,FS") so a re-run recognises what is already there;
    /// flags follow ":2," in ASCII order (D F P R S T); the modification time is the INTERNALDATE.
    /// </summary>
    public sealed class MaildirWriter : IFolderWriter
    {
        static readonly Regex s_key = new Regex(@"\.(?:M(?<uv>\d+)U(?<uid>\d+)|P(?<uidl>[0-9a-f]+))\.mailtools", RegexOptions.CultureInvariant);
        // Windows forbids ':' in names; Maildir tools there use ';' (mbsync's InfoDelimiter, Dovecot's maildir_info_sep).
        static readonly char s_infoSeparator = Path.DirectorySeparatorChar == '\\' ? ';' : ':';
        readonly string _root;
        readonly string _dir;
        readonly string _folder;
        readonly Dictionary<string, string> _onDisk = new Dictionary<string, string>(StringComparer.Ordinal);
        readonly DurableBatch _batch = new DurableBatch();
        FileStream? _current;   // the message being written, between Begin and Commit/Abort
        string? _currentTemp;

        /// <summary>Writes <paramref name="folder"/> (hierarchy split on <paramref name="separator"/>) as a Maildir++ folder under <paramref name="root"/>, creating cur/, new/ and tmp/.</summary>
        public MaildirWriter(string root, string folder, char separator)
        {
            _root = root;
            _folder = folder;
            _dir = DirectoryFor(root, folder, separator);
            foreach (var sub in new[] { "cur", "new", "tmp" })
                Directory.CreateDirectory(Path.Combine(_dir, sub));
        }

        /// <summary>The Maildir++ directory of a folder: the root for INBOX, else ".Parent.Child" with dots in names escaped.</summary>
        public static string DirectoryFor(string root, string folder, char separator)
        {
            if (string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase))
                return Path.GetFullPath(root);
            var segments = FolderWriters.FolderSegments(folder, separator, escapeDots: true);
            return SafePath.Combine(root, "." + string.Join(".", segments));
        }

        /// <summary>The ":2," info suffix for IMAP flags, letters in ASCII order (D F R S T).</summary>
        public static string FlagsToInfo(MessageFlags flags)
        {
            var sb = new StringBuilder("2,");
            if (flags.HasFlag(MessageFlags.Draft)) sb.Append('D');
            if (flags.HasFlag(MessageFlags.Flagged)) sb.Append('F');
            if (flags.HasFlag(MessageFlags.Answered)) sb.Append('R');
            if (flags.HasFlag(MessageFlags.Seen)) sb.Append('S');
            if (flags.HasFlag(MessageFlags.Deleted)) sb.Append('T');
            return sb.ToString();
        }

        /// <summary>The IMAP flags a Maildir file name carries after ":2," (or ";2," / "!2," as Windows tools write it).</summary>
        public static MessageFlags InfoToFlags(string fileName)
        {
            var flags = MessageFlags.None;
            int info = fileName.LastIndexOf(":2,", StringComparison.Ordinal);
            if (info < 0)
                info = fileName.LastIndexOf(";2,", StringComparison.Ordinal);
            if (info < 0)
                info = fileName.LastIndexOf("!2,", StringComparison.Ordinal);
            if (info < 0)
                return flags;
            foreach (char c in fileName.Substring(info + 3))
            {
                switch (c)
                {
                    case 'D': flags |= MessageFlags.Draft; break;
                    case 'F': flags |= MessageFlags.Flagged; break;
                    case 'R': flags |= MessageFlags.Answered; break;
                    case 'S': flags |= MessageFlags.Seen; break;
                    case 'T': flags |= MessageFlags.Deleted; break;
                }
            }
            return flags;
        }

        /// <summary>The part of a file name that identifies the message: M(UIDVALIDITY)U(UID) for IMAP, P(UIDL token) for POP3.</summary>
        public static string KeyToken(uint uidValidity, string key) =>
            key.StartsWith("P", StringComparison.Ordinal)
                ? "P" + FolderWriters.UidlToken(key.Substring(1))
                : "M" + uidValidity.ToString(CultureInfo.InvariantCulture) + "U" + key;

        /// <summary>The deterministic file name of a message in cur/: INTERNALDATE, key token, flags.</summary>
        public static string FileNameFor(MessageInfo m) =>
            m.InternalDate.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + KeyToken(m.UidValidity, m.Key) + ".mailtools"
            + s_infoSeparator + FlagsToInfo(m.Flags);

        /// <inheritdoc/>
        public IList<ManifestEntry> Recover(ExportState state, bool full, IOutputWriter output)
        {
            // tmp/ holds only unfinished deliveries: never a complete message.
            int removed = 0;
            foreach (var f in Directory.GetFiles(Path.Combine(_dir, "tmp")))
            {
                if (Path.GetFileName(f).Contains(".mailtools"))
                {
                    File.Delete(f);
                    removed++;
                }
            }
            if (removed > 0)
                output.Verbose($"{_folder}: removed {removed} unfinished file(s) from {Path.Combine(_dir, "tmp")} left by an interrupted run.");

            var found = new List<ManifestEntry>();
            foreach (var sub in new[] { "cur", "new" })
            {
                foreach (var f in Directory.GetFiles(Path.Combine(_dir, sub)))
                {
                    var match = s_key.Match(Path.GetFileName(f));
                    if (!match.Success)
                        continue;
                    string key;
                    if (match.Groups["uidl"].Success)
                        key = "P" + Encoding.UTF8.GetString(FromHex(match.Groups["uidl"].Value));
                    else if (uint.TryParse(match.Groups["uv"].Value, out var uv) && uv == state.UidValidity)
                        key = match.Groups["uid"].Value;
                    else
                        continue; // another UIDVALIDITY's file: kept, matched by Message-ID + size on re-sync
                    _onDisk[key] = f;
                    if (!full && !state.Contains(key))
                    {
                        var info = new MessageInfo { Folder = _folder, UidValidity = state.UidValidity, Key = key };
                        found.Add(FolderWriters.Describe(f, _root, info));
                    }
                }
            }
            return found;
        }

        /// <inheritdoc/>
        public Stream Begin(MessageInfo message)
        {
            _currentTemp = Path.Combine(_dir, "tmp", FileNameFor(message).Replace(s_infoSeparator + FlagsToInfo(message.Flags), string.Empty));
            // Unbuffered: the exporter hands over a whole message (up to 1 MB) in one write.
            _current = new FileStream(_currentTemp, FileMode.Create, FileAccess.Write, FileShare.None, 1);
            return _current;
        }

        /// <inheritdoc/>
        public ManifestEntry Commit(MessageInfo message, string sha256, long size, int lastByte)
        {
            var temp = _currentTemp ?? throw new InvalidOperationException("Commit without Begin.");
            _current?.Dispose();   // durable, and renamed into cur/, with the rest of the batch in CompleteBatch
            _current = null;
            FolderWriters.SetTimes(temp, message.InternalDate);
            string final = Path.Combine(_dir, "cur", FileNameFor(message));
            _batch.Add(temp, final, _onDisk.TryGetValue(message.Key, out var old) ? old : null);
            _currentTemp = null;
            return new ManifestEntry
            {
                Folder = message.Folder, UidValidity = message.UidValidity, Key = message.Key, MessageId = message.MessageId,
                Date = message.Date ?? message.InternalDate, Size = size, Sha256 = sha256, File = FolderWriters.Relative(_root, final),
            };
        }

        /// <inheritdoc/>
        public void Abort()
        {
            _current?.Dispose();
            _current = null;
            if (_currentTemp != null)
            {
                try { File.Delete(_currentTemp); } catch (IOException) { /* removed by Recover next time */ }
                _currentTemp = null;
            }
        }

        /// <inheritdoc/>
        public void CompleteBatch(ExportState state) => _batch.Complete();

        /// <inheritdoc/>
        public IList<VerifyProblem> Verify(IEnumerable<ManifestEntry> entries) => VerifyFiles(_root, entries);

        internal static IList<VerifyProblem> VerifyFiles(string root, IEnumerable<ManifestEntry> entries)
        {
            var problems = new List<VerifyProblem>();
            foreach (var e in entries)
            {
                if (string.IsNullOrEmpty(e.File))
                {
                    // A manifest entry read without "file" (edited by hand, or cut short) used to end -Verify with a NullReferenceException.
                    problems.Add(new VerifyProblem(e.Key, $"UID {e.Key} of '{e.Folder}': the manifest records no file for it; run the export again with -Full to rewrite it."));
                    continue;
                }
                string path = Path.Combine(root, e.File!.Replace('/', Path.DirectorySeparatorChar)); // checked just above (netstandard2.0's IsNullOrEmpty carries no annotation)
                if (!File.Exists(path))
                {
                    problems.Add(new VerifyProblem(e.Key, $"{e.File}: missing (UID {e.Key} of '{e.Folder}')."));
                    continue;
                }
                using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
                {
                    string sha = FolderWriters.Sha256Of(fs, out long size);
                    if (size != e.Size || !string.Equals(sha, e.Sha256, StringComparison.OrdinalIgnoreCase))
                        problems.Add(new VerifyProblem(e.Key, $"{e.File}: content differs from the manifest (size {size}, expected {e.Size})."));
                }
            }
            return problems;
        }

        static byte[] FromHex(string hex)
        {
            var bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
                bytes[i] = byte.Parse(hex.Substring(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return bytes;
        }

        /// <summary>Drops an unfinished message; finished ones wait for CompleteBatch.</summary>
        public void Dispose() => Abort();
    }
}
