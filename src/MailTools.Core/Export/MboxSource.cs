using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using MailTools.Core.Errors;

namespace MailTools.Core.Export
{
    /// <summary>Reads mbox files (what <see cref="MboxWriter"/> writes, mboxrd): one file, or every *.mbox under a folder, each a server folder.</summary>
    internal sealed class MboxSource : IMessageSource
    {
        public IList<SourceFolder> Discover(string path, string? target)
        {
            var list = new List<SourceFolder>();
            if (File.Exists(path))
            {
                RequireMbox(path);
                string stem = Path.GetFileNameWithoutExtension(path);
                list.Add(new SourceFolder { Folder = target is { Length: > 0 } ? target : MailboxImporter.Unescape(stem), Source = path, Format = ExportFormat.Mbox, Messages = w => Messages(path, w) });
                return list;
            }
            foreach (var file in Directory.EnumerateFiles(path, "*.mbox", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (file.Contains(MailboxExporter.StateDirectoryName))
                    continue;
                RequireMbox(file);
                string rel = FolderWriters.Relative(path, file);
                rel = rel.Substring(0, rel.Length - ".mbox".Length);
                string folder = string.Join("/", rel.Split('/').Select(MailboxImporter.Unescape));
                list.Add(new SourceFolder { Folder = MailboxImporter.Under(target, folder), Source = file, Format = ExportFormat.Mbox, Messages = w => Messages(file, w) });
            }
            return list;
        }

        /// <summary>An mbox file starts with an RFC 4155 From_ line; anything else is refused before a folder is created.</summary>
        static void RequireMbox(string file)
        {
            var head = new byte[5];
            int n;
            using (var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read))
                n = fs.Read(head, 0, head.Length);
            if (n == 5 && Encoding.ASCII.GetString(head) == "From ")
                return;
            throw new MailToolsException(ErrorIds.ImportSourceInvalid, MailErrorKind.InvalidData,
                $"'{file}' is not an mbox file: it does not start with a 'From ' line (RFC 4155), so no message was imported.", file)
            { RecommendedAction = "Pass an mbox file, a Maildir folder (with cur/ and new/) or .eml files; for a single message file use -Format Eml." };
        }

        /// <summary>
        /// The messages of an mbox file, found in one streaming pass (only their offsets are kept); each one is
        /// read again from its byte range, and unquoted on the way, when it is uploaded. Memory stays flat
        /// whatever the size of the file, of a message or of a line.
        /// </summary>
        static IEnumerable<SourceMessage> Messages(string file, IOutputWriter writer)
        {
            var starts = new List<KeyValuePair<long, DateTimeOffset?>>();
            long length;
            using (var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
            {
                new MboxrdReader(fs, line => writer.Verbose($"{file}: the line '{line}' starts with \"From \" but is not an RFC 4155 From_ line (sender and date), so it stays in the message's body.")).ReadAll(
                    (fromLine, at) => { starts.Add(new KeyValuePair<long, DateTimeOffset?>(at, ParseFromLineDate(fromLine))); return Stream.Null; },
                    s => { });
                length = fs.Length;
            }
            for (int i = 0; i < starts.Count; i++)
            {
                long start = starts[i].Key;
                long end = i + 1 < starts.Count ? starts[i + 1].Key : length;
                yield return new SourceMessage
                {
                    WriteTo = (target, token) =>
                    {
                        using (var range = new RangeStream(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920), start, end - start))
                            new MboxrdReader(range).ReadAll((line, at) => target, s => { });
                    },
                    InternalDate = starts[i].Value,
                    Description = $"{file} at offset {start}",
                };
            }
        }

        /// <summary>The asctime date at the end of an RFC 4155 From_ line ("From sender Wed Jan  3 12:00:00 2024"), as UTC.</summary>
        public static DateTimeOffset? ParseFromLineDate(string fromLine)
        {
            var parts = fromLine.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 7)
                return null;
            string text = string.Join(" ", parts.Skip(parts.Length - 5));
            if (DateTime.TryParseExact(text, "ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                return new DateTimeOffset(d, TimeSpan.Zero);
            return null;
        }
    }
}
