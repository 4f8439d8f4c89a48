using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace MailTools.Core.Export
{
    /// <summary>
    /// One mboxrd file per folder ("Parent/Child.mbox" under the root). Each message is an RFC 4155 From_ line
    /// ("From sender asctime"), the message with ^>*From  lines quoted by one more '>', and one blank line.
    /// The file only grows; the state records its length after the last durable batch and a restart cuts
    /// anything beyond it (a torn message), so a message is never half there and never there twice.
    /// </summary>
    public sealed class MboxWriter : IFolderWriter
    {
        readonly string _root;
        readonly string _folder;
        readonly string _path;
        FileStream? _file;
        MboxrdQuotingStream? _quoting;
        long _messageStart = -1;

        /// <summary>Writes <paramref name="folder"/> (hierarchy split on <paramref name="separator"/>) as one mboxrd file under <paramref name="root"/>.</summary>
        public MboxWriter(string root, string folder, char separator)
        {
            _root = root;
            _folder = folder;
            _path = PathFor(root, folder, separator);
            Directory.CreateDirectory(Path.GetDirectoryName(_path) ?? root); // _path lies under root
        }

        /// <summary>The mbox file of a folder: one directory per parent, the leaf name plus ".mbox".</summary>
        public static string PathFor(string root, string folder, char separator)
        {
            var segments = FolderWriters.FolderSegments(folder, separator, escapeDots: false);
            segments[segments.Length - 1] += ".mbox";
            return SafePath.Combine(root, segments);
        }

        /// <summary>"From sender Wed Jan  3 12:00:00 2024" (asctime, UTC): RFC 4155 section 2.</summary>
        public static string FromLine(string? sender, DateTimeOffset date)
        {
            string who = sender == null || string.IsNullOrWhiteSpace(sender) ? "MAILER-DAEMON" : new string(sender.Trim().Select(c => c <= ' ' || c >= 0x7F ? '_' : c).ToArray());
            var d = date.UtcDateTime;
            string asctime = d.ToString("ddd MMM ", CultureInfo.InvariantCulture) + d.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
                + d.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);
            return "From " + who + " " + asctime;
        }

        /// <inheritdoc/>
        public IList<ManifestEntry> Recover(ExportState state, bool full, IOutputWriter output)
        {
            _file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 81920);
            if (full)
            {
                _file.SetLength(0);
                state.MboxLength = 0;
            }
            else if (!state.Exists && _file.Length > 0)
            {
                output.Warning($"{_path} already holds {_file.Length} bytes but there is no export state for '{_folder}'; new messages are appended after them.");
                state.MboxLength = _file.Length;
            }
            else if (_file.Length > state.MboxLength)
            {
                output.Verbose($"{_folder}: cutting {_file.Length - state.MboxLength} byte(s) written after the last completed batch of an interrupted run from {_path}.");
                _file.SetLength(state.MboxLength);
                _file.Flush(true);
            }
            else if (_file.Length < state.MboxLength)
            {
                output.Warning($"{_path} is shorter than when MailTools last wrote it ({_file.Length} < {state.MboxLength} bytes): it was changed by another program. New messages are appended; use -Full to rewrite it.");
                state.MboxLength = _file.Length;
            }
            _file.Seek(0, SeekOrigin.End);
            return Array.Empty<ManifestEntry>();
        }

        /// <summary>The open mbox file; Recover opens it before any message is written.</summary>
        FileStream Mbox => _file ?? throw new InvalidOperationException("The mbox file is not open: Recover runs first.");

        /// <inheritdoc/>
        public Stream Begin(MessageInfo message)
        {
            var file = Mbox;
            _messageStart = file.Position;
            var line = Encoding.ASCII.GetBytes(FromLine(message.EnvelopeSender, message.InternalDate) + "\n");
            file.Write(line, 0, line.Length);
            _quoting = new MboxrdQuotingStream(file);
            return _quoting;
        }

        /// <inheritdoc/>
        public ManifestEntry Commit(MessageInfo message, string sha256, long size, int lastByte)
        {
            (_quoting ?? throw new InvalidOperationException("Commit without Begin.")).Complete();
            _quoting = null;
            // The blank line before the next From_ line belongs to the format, not the message; a reader drops it.
            // A message without a final newline gets one (it cannot be stored otherwise); -Verify reports it.
            // An empty (0-byte) message needs none: "From_ line, blank line" already reads back as empty.
            if (size > 0 && lastByte != '\n')
                Mbox.WriteByte((byte)'\n');
            Mbox.WriteByte((byte)'\n');
            long start = _messageStart;
            _messageStart = -1;
            return new ManifestEntry
            {
                Folder = message.Folder, UidValidity = message.UidValidity, Key = message.Key, MessageId = message.MessageId,
                Date = message.Date ?? message.InternalDate, Size = size, Sha256 = sha256, File = FolderWriters.Relative(_root, _path), Offset = start,
            };
        }

        /// <inheritdoc/>
        public void Abort()
        {
            _quoting = null;
            if (_file != null && _messageStart >= 0)
            {
                try { _file.SetLength(_messageStart); _file.Seek(0, SeekOrigin.End); } catch (IOException) { /* cut by Recover next time */ }
            }
            _messageStart = -1;
        }

        /// <inheritdoc/>
        public void CompleteBatch(ExportState state)
        {
            Mbox.Flush(true);
            state.MboxLength = Mbox.Length;
        }

        /// <inheritdoc/>
        public IList<VerifyProblem> Verify(IEnumerable<ManifestEntry> entries)
        {
            var problems = new List<VerifyProblem>();
            var expected = entries.ToList();
            var byOffset = new Dictionary<long, ManifestEntry>();
            foreach (var e in expected)
                byOffset[e.Offset] = e;
            var seen = new HashSet<long>();
            using (var fs = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 81920))
            {
                HashingStream? current = null;
                long currentOffset = 0;
                new MboxrdReader(fs).ReadAll(
                    (fromLine, offset) => { currentOffset = offset; return current = new HashingStream(Stream.Null); },
                    s =>
                    {
                        string sha = current!.Finish(); // the reader opens each message (the callback above) before it ends it
                        if (byOffset.TryGetValue(currentOffset, out var e))
                        {
                            seen.Add(currentOffset);
                            if (e.Size != current.BytesWritten || !string.Equals(e.Sha256, sha, StringComparison.OrdinalIgnoreCase))
                                problems.Add(new VerifyProblem(e.Key, $"{e.File} at offset {currentOffset}: content differs from the manifest (UID {e.Key} of '{e.Folder}')."));
                        }
                        current.Dispose();
                    });
            }
            foreach (var e in expected)
                if (!seen.Contains(e.Offset))
                    problems.Add(new VerifyProblem(e.Key, $"{e.File}: no message at offset {e.Offset} (UID {e.Key} of '{e.Folder}')."));
            return problems;
        }

        /// <summary>Cuts an unfinished message off the end and closes the file.</summary>
        public void Dispose()
        {
            Abort();
            _file?.Dispose();
            _file = null;
        }
    }
}
