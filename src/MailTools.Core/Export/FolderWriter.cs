#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MimeKit;
using MimeKit.Utils;

namespace MailTools.Core.Export
{
    /// <summary>What a writer needs to know about one message before its bytes arrive.</summary>
    public sealed class MessageInfo
    {
        public string Folder { get; set; }
        public uint UidValidity { get; set; }
        /// <summary>The IMAP UID as text, or "P" + the POP3 UIDL.</summary>
        public string Key { get; set; }
        public MessageFlags Flags { get; set; }
        public DateTimeOffset InternalDate { get; set; }
        public long Size { get; set; }
        public string MessageId { get; set; }
        public string Subject { get; set; }
        public DateTimeOffset? Date { get; set; }
        /// <summary>The envelope sender for the mbox From_ line (Return-Path, else Sender/From).</summary>
        public string EnvelopeSender { get; set; }
        /// <summary>Gmail only: X-GM-MSGID and X-GM-LABELS.</summary>
        public ulong? GmailMessageId { get; set; }
        public string[] Labels { get; set; }
    }

    /// <summary>
    /// Writes the messages of ONE folder into one export format. The exporter calls Recover once, then per message
    /// Begin → (copy bytes into the returned stream) → Commit (or Abort), and CompleteBatch after each batch;
    /// only after CompleteBatch returns are the batch's messages durable and may be recorded in the state.
    /// </summary>
    public interface IFolderWriter : IDisposable
    {
        /// <summary>Removes torn writes and returns messages that are on disk but missing from the state (crash after write, before state).</summary>
        IList<ManifestEntry> Recover(ExportState state, bool full, IOutputWriter output);
        Stream Begin(MessageInfo message);
        ManifestEntry Commit(MessageInfo message, string sha256, long size, int lastByte);
        void Abort();
        void CompleteBatch(ExportState state);
        /// <summary>Re-reads what the manifest says was written; returns one line per problem (empty: all good).</summary>
        IList<VerifyProblem> Verify(IEnumerable<ManifestEntry> entries);
    }

    /// <summary>Helpers the three writers share.</summary>
    public static class FolderWriters
    {
        public static IFolderWriter Create(ExportFormat format, string root, string folder, char separator)
        {
            switch (format)
            {
                case ExportFormat.Maildir: return new MaildirWriter(root, folder, separator);
                case ExportFormat.Mbox: return new MboxWriter(root, folder, separator);
                case ExportFormat.Eml: return new EmlWriter(root, folder, separator);
                default: throw new ArgumentOutOfRangeException(nameof(format));
            }
        }

        /// <summary>Relative path segments for a server folder name, each escaped by <see cref="SafePath"/>.</summary>
        public static string[] FolderSegments(string folder, char separator, bool escapeDots)
        {
            var parts = separator == '\0' ? new[] { folder } : folder.Split(separator);
            var result = new string[parts.Length];
            for (int i = 0; i < parts.Length; i++)
                result[i] = SafePath.Segment(parts[i], escapeDots);
            return result;
        }

        internal static string Relative(string root, string path)
        {
            string r = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return Path.GetFullPath(path).Substring(r.Length).Replace(Path.DirectorySeparatorChar, '/');
        }

        /// <summary>SHA-256, size and Message-ID of a message file already on disk (for recovery and -Verify).</summary>
        internal static ManifestEntry Describe(string path, string root, MessageInfo template)
        {
            var entry = new ManifestEntry
            {
                Folder = template.Folder,
                UidValidity = template.UidValidity,
                Key = template.Key,
                File = Relative(root, path),
            };
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
            {
                entry.Sha256 = Sha256Of(fs, out long size);
                entry.Size = size;
                fs.Position = 0;
                try
                {
                    var headers = HeaderList.Load(fs);
                    entry.MessageId = NormalizeMessageId(headers[HeaderId.MessageId]);
                    if (DateUtils.TryParse(headers[HeaderId.Date] ?? string.Empty, out var d))
                        entry.Date = d;
                }
                catch (FormatException) { /* not a parseable header block: keep the hash */ }
            }
            return entry;
        }

        /// <summary>Message-IDs compare without angle brackets and blanks (MailKit's envelope and the raw header differ there).</summary>
        public static string NormalizeMessageId(string id)
        {
            if (string.IsNullOrWhiteSpace(id))
                return null;
            id = id.Trim();
            if (id.StartsWith("<", StringComparison.Ordinal))
                id = id.Substring(1);
            int close = id.IndexOf('>');
            if (close >= 0)
                id = id.Substring(0, close);
            id = id.Trim();
            return id.Length == 0 ? null : id;
        }

        public static string Sha256Of(Stream stream, out long size)
        {
            using (var sha = SHA256.Create())
            {
                var buffer = new byte[81920];
                size = 0;
                int n;
                while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    sha.TransformBlock(buffer, 0, n, null, 0);
                    size += n;
                }
                sha.TransformFinalBlock(buffer, 0, 0);
                return Hex(sha.Hash);
            }
        }

        public static string Hex(byte[] bytes)
        {
            const string digits = "0123456789abcdef";
            var chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[2 * i + 1] = digits[bytes[i] & 0xF];
            }
            return new string(chars);
        }

        /// <summary>A POP3 UIDL (any printable ASCII, RFC 1939) as a file-name-safe token.</summary>
        public static string UidlToken(string uidl) => Hex(Encoding.UTF8.GetBytes(uidl));

        /// <summary>Unix seconds with fsync-free durability semantics: FileStream.Flush(true) is fsync/FlushFileBuffers.</summary>
        internal static void SetTimes(string path, DateTimeOffset date)
        {
            try { File.SetLastWriteTimeUtc(path, date.UtcDateTime); }
            catch (ArgumentOutOfRangeException) { /* dates before 1601 cannot be set on Windows */ }
        }
    }

    /// <summary>Feeds bytes to SHA-256 (IncrementalHash: the platform's hardware-accelerated one) and counts them on their way to the writer's stream.</summary>
    public sealed class HashingStream : Stream
    {
        readonly Stream _inner;
        readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        readonly ExportTimings _timings;
        public HashingStream(Stream inner, ExportTimings timings = null) { _inner = inner; _timings = timings; }
        public long BytesWritten { get; private set; }
        public int LastByte { get; private set; } = -1;

        public string Finish() => FolderWriters.Hex(_sha.GetHashAndReset());

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (count == 0)
                return;
            long t0 = ExportTimings.Now;
            _sha.AppendData(buffer, offset, count);
            long t1 = ExportTimings.Now;
            _inner.Write(buffer, offset, count);
            if (_timings != null)
            {
                _timings.HashTicks += t1 - t0;
                _timings.WriteTicks += ExportTimings.Now - t1;
            }
            BytesWritten += count;
            LastByte = buffer[offset + count - 1];
        }

        public override void Flush() => _inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => BytesWritten;
        public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) _sha.Dispose(); base.Dispose(disposing); }
    }
}

namespace MailTools.Core.Export
{
    /// <summary>One message whose copy on disk does not match the manifest.</summary>
    public sealed class VerifyProblem
    {
        public VerifyProblem(string key, string message) { Key = key; Message = message; }
        public string Key { get; }
        public string Message { get; }
        public override string ToString() => Message;
    }
}
