using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace MailTools.Core.Export
{
    /// <summary>Helpers the three writers share.</summary>
    public static class FolderWriters
    {
        /// <summary>The writer for a format; its disk failures leave as <see cref="Errors.DiskWriteException"/>s naming <paramref name="root"/>.</summary>
        public static IFolderWriter Create(ExportFormat format, string root, string folder, char separator) =>
            new DiskCheckedWriter(Errors.DiskWriteException.Writing(root, () => CreateRaw(format, root, folder, separator)), root);

        static IFolderWriter CreateRaw(ExportFormat format, string root, string folder, char separator)
        {
            switch (format)
            {
                case ExportFormat.Maildir: return new MaildirWriter(root, folder, separator);
                case ExportFormat.Mbox: return new MboxWriter(root, folder, separator);
                case ExportFormat.Eml: return new EmlWriter(root, folder, separator);
                default: throw new ArgumentOutOfRangeException(nameof(format));
            }
        }

        /// <summary>Where a folder's export lives: the mbox file, or the Maildir / .eml folder (ExportResult.Path).</summary>
        public static string PathOf(ExportFormat format, string root, string folder, char separator) =>
            format == ExportFormat.Mbox ? MboxWriter.PathFor(root, folder, separator)
            : format == ExportFormat.Maildir ? MaildirWriter.DirectoryFor(root, folder, separator)
            : EmlWriter.DirectoryFor(root, folder, separator);

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
        public static string? NormalizeMessageId(string? id)
        {
            if (id == null || string.IsNullOrWhiteSpace(id))
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

        /// <summary>The SHA-256 (lower-case hex) of the rest of <paramref name="stream"/>, with its length in <paramref name="size"/>.</summary>
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
                return Hex(sha.Hash!); // set by TransformFinalBlock just above
            }
        }

        /// <summary>Lower-case hex, as the manifest stores hashes.</summary>
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
}
