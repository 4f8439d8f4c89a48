using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace MailTools.Core.Export
{
    /// <summary>
    /// One .eml file per message in one directory per folder, named "yyyyMMdd-HHmmss subject uid.eml" (see
    /// <see cref="SafePath.EmlFileName"/>). Written as ".mailtools-*.tmp", fsynced and renamed, so a visible
    /// .eml is always complete; the UID at the end of the name lets a re-run recognise it.
    /// </summary>
    public sealed class EmlWriter : IFolderWriter
    {
        static readonly Regex s_key = new Regex(@" (?<key>[^ ]+)\.eml$", RegexOptions.CultureInvariant);
        readonly string _root;
        readonly string _folder;
        readonly string _dir;
        readonly Dictionary<string, string> _onDisk = new Dictionary<string, string>(StringComparer.Ordinal);
        readonly DurableBatch _batch = new DurableBatch();
        FileStream? _current;
        string? _currentTemp;

        /// <summary>A writer for one folder under <paramref name="root"/>, in the directory <see cref="DirectoryFor"/> gives.</summary>
        public EmlWriter(string root, string folder, char separator)
        {
            _root = root;
            _folder = folder;
            _dir = DirectoryFor(root, folder, separator);
            Directory.CreateDirectory(_dir);
        }

        /// <summary>The directory a folder's .eml files go to: one safe path segment per hierarchy level.</summary>
        public static string DirectoryFor(string root, string folder, char separator) =>
            SafePath.Combine(root, FolderWriters.FolderSegments(folder, separator, escapeDots: false));

        static string KeyText(string key) => key.StartsWith("P", StringComparison.Ordinal) ? "P" + FolderWriters.UidlToken(key.Substring(1)) : key;

        /// <summary>Deletes temporary files a cut-off run left, notes the .eml files on disk, and returns entries for those the state does not record yet (none when <paramref name="full"/>).</summary>
        public IList<ManifestEntry> Recover(ExportState state, bool full, IOutputWriter output)
        {
            foreach (var f in Directory.GetFiles(_dir, ".mailtools-*.tmp"))
            {
                File.Delete(f);
                output.Verbose($"{_folder}: removed the unfinished file {f} left by an interrupted run.");
            }
            var found = new List<ManifestEntry>();
            foreach (var f in Directory.GetFiles(_dir, "*.eml"))
            {
                var m = s_key.Match(Path.GetFileName(f));
                if (!m.Success)
                    continue;
                string token = m.Groups["key"].Value;
                string key = token;
                if (token.StartsWith("P", StringComparison.Ordinal))
                {
                    try { key = "P" + System.Text.Encoding.UTF8.GetString(HexToBytes(token.Substring(1))); }
                    catch (FormatException) { continue; }
                }
                else if (!uint.TryParse(token, out _))
                    continue;
                _onDisk[key] = f;
                if (!full && !state.Contains(key))
                    found.Add(FolderWriters.Describe(f, _root, new MessageInfo { Folder = _folder, UidValidity = state.UidValidity, Key = key }));
            }
            return found;
        }

        /// <summary>Opens a temporary file for the next message's bytes.</summary>
        public Stream Begin(MessageInfo message)
        {
            _currentTemp = Path.Combine(_dir, ".mailtools-" + KeyText(message.Key) + ".tmp");
            _current = new FileStream(_currentTemp, FileMode.Create, FileAccess.Write, FileShare.None, 1);
            return _current;
        }

        /// <summary>Closes the current message's file and queues its rename into place with the batch; throws InvalidOperationException without <see cref="Begin"/>.</summary>
        public ManifestEntry Commit(MessageInfo message, string sha256, long size, int lastByte)
        {
            if (_current == null || _currentTemp == null) throw new InvalidOperationException("Commit without an open message (Begin).");
            _current.Dispose();   // made durable and renamed with the rest of the batch (DurableBatch)
            _current = null;
            var date = message.Date ?? message.InternalDate;
            FolderWriters.SetTimes(_currentTemp, message.InternalDate);
            string final = SafePath.Combine(_dir, SafePath.EmlFileName(date, message.Subject, KeyText(message.Key)));
            _batch.Add(_currentTemp, final, _onDisk.TryGetValue(message.Key, out var old) ? old : null);
            _currentTemp = null;
            return new ManifestEntry
            {
                Folder = message.Folder, UidValidity = message.UidValidity, Key = message.Key, MessageId = message.MessageId,
                Date = date, Size = size, Sha256 = sha256, File = FolderWriters.Relative(_root, final),
            };
        }

        /// <summary>Drops the message being written, deleting its temporary file.</summary>
        public void Abort()
        {
            _current?.Dispose();
            _current = null;
            if (_currentTemp != null)
            {
                try { File.Delete(_currentTemp); } catch (IOException) { }
                _currentTemp = null;
            }
        }

        /// <summary>Makes the batch's files durable and renames them into place.</summary>
        public void CompleteBatch(ExportState state) => _batch.Complete();

        /// <summary>Re-reads the files of <paramref name="entries"/> and compares their SHA-256 with the manifest.</summary>
        public IList<VerifyProblem> Verify(IEnumerable<ManifestEntry> entries) => MaildirWriter.VerifyFiles(_root, entries);

        static byte[] HexToBytes(string hex)
        {
            if (hex.Length % 2 != 0)
                throw new FormatException();
            var bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
                bytes[i] = Convert.ToByte(hex.Substring(i * 2, 2), 16);
            return bytes;
        }

        /// <summary>Drops any message still being written.</summary>
        public void Dispose() => Abort();
    }
}
