#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using MailKit;
using MailTools.Core.Errors;

namespace MailTools.Core.Export
{
    /// <summary>What Import-Mailbox reads and where it puts it.</summary>
    public sealed class ImportOptions
    {
        public string Path { get; set; }
        /// <summary>Null: detected from the path.</summary>
        public ExportFormat? Format { get; set; }
        /// <summary>Target folder for a single source (file or flat directory); for a tree, the parent of the re-created folders.</summary>
        public string Folder { get; set; }
        /// <summary>True when Folder came from -LiteralFolder: a name with * % or ? is then really meant.</summary>
        public bool LiteralFolder { get; set; }
        public bool AllowDuplicates { get; set; }
        /// <summary>A message the server refused (the import goes on); null: the refusal stops the import.</summary>
        public Action<MailToolsException> ReportError { get; set; }
        public int BatchMessages { get; set; } = 100;
        public long BatchBytes { get; set; } = 16L * 1024 * 1024;
    }

    /// <summary>
    /// The restore path: uploads a Maildir++ tree, mbox files or .eml files into IMAP folders (created when missing),
    /// keeping flags (Maildir) and INTERNALDATE (file time, or the From_ line), with MULTIAPPEND (RFC 3502) when
    /// the server offers it (MailKit falls back to one APPEND per message). Messages the folder already holds
    /// (same Message-ID and size, or same size and SHA-256: see ImportDuplicates) are skipped unless AllowDuplicates.
    /// </summary>
    public static class MailboxImporter
    {
        /// <summary>One message to upload: WriteTo pushes its exact bytes (as stored in the source) into a stream.</summary>
        internal sealed class SourceMessage
        {
            public Action<Stream, CancellationToken> WriteTo { get; set; }
            public MessageFlags Flags { get; set; }
            public DateTimeOffset? InternalDate { get; set; }
            public string Description { get; set; }
        }

        /// <summary>One server folder's worth of messages from the source.</summary>
        internal sealed class SourceFolder
        {
            public string Folder { get; set; }   // server-relative, '/'-separated
            public string Source { get; set; }
            public ExportFormat Format { get; set; }
            /// <summary>The messages, read lazily; the writer hears about odd input (an mbox "From " line that is body text).</summary>
            public Func<IOutputWriter, IEnumerable<SourceMessage>> Messages { get; set; }
        }

        public static IList<ImportResult> Import(MailSession session, ImportOptions options, IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            writer = writer ?? NullOutputWriter.Instance;
            if (session.Protocol == MailProtocol.Pop3)
                throw new MailToolsException(ErrorIds.ImportNotSupportedOverPop3, MailErrorKind.InvalidOperation,
                    $"Import-Mailbox uploads with IMAP APPEND; the {session.Endpoint.Describe()} is POP3, which cannot store messages.", session)
                { RecommendedAction = "Connect to the same account over IMAP (Connect-MailServer -Protocol Imap) and import again." };
            // Never create a folder named "Ne*" because a wildcard was typed where a name was wanted.
            if (!options.LiteralFolder && options.Folder != null && options.Folder.IndexOfAny(new[] { '*', '%', '?' }) >= 0)
                throw new MailToolsException(ErrorIds.FolderNameHasWildcard, MailErrorKind.InvalidArgument,
                    $"Import-Mailbox -Folder takes one folder name, not a wildcard, and '{options.Folder}' has * % or ? in it, so nothing was imported. A folder really named so is given with -LiteralFolder.", options.Folder)
                { RecommendedAction = $"Give the exact folder name. If the folder really is named '{options.Folder}', pass it with -LiteralFolder instead of -Folder." };
            string path = System.IO.Path.GetFullPath(options.Path);
            if (!File.Exists(path) && !Directory.Exists(path))
                throw new MailToolsException(ErrorIds.ImportSourceNotFound, MailErrorKind.ObjectNotFound,
                    $"Nothing to import at '{path}': no such file or folder.", path)
                { RecommendedAction = "Pass the mbox file, the Maildir folder or the folder of .eml files that Export-Mailbox wrote." };
            var format = options.Format ?? Detect(path);
            var sources = Discover(path, format, options.Folder);
            if (sources.Count == 0)
                throw new MailToolsException(ErrorIds.ImportSourceInvalid, MailErrorKind.InvalidData,
                    $"'{path}' holds no {format} messages.", path)
                { RecommendedAction = "Check -Path and -Format (Maildir: a folder with cur/ and new/; Mbox: a file of From_-separated messages; Eml: .eml files)." };

            var results = new List<ImportResult>();
            using (session.Acquire())
            {
                session.EnsureConnected(writer, token);
                try
                {
                    foreach (var source in sources)
                    {
                        var result = FolderUpload.Run(session, source, options, writer, token);
                        if (result != null)
                            results.Add(result);
                    }
                }
                catch (Exception ex) when (!(ex is MailToolsException))
                {
                    throw MailErrorTranslator.Translate(ex, session.Endpoint, session.CertificateCheck);
                }
            }
            return results;
        }

        public static ExportFormat Detect(string path)
        {
            if (File.Exists(path))
            {
                if (path.EndsWith(".eml", StringComparison.OrdinalIgnoreCase))
                    return ExportFormat.Eml;
                return ExportFormat.Mbox;
            }
            if (Directory.Exists(System.IO.Path.Combine(path, "cur")) || Directory.GetDirectories(path, ".*").Any(d => Directory.Exists(System.IO.Path.Combine(d, "cur"))))
                return ExportFormat.Maildir;
            if (Directory.EnumerateFiles(path, "*.mbox", SearchOption.AllDirectories).Any())
                return ExportFormat.Mbox;
            return ExportFormat.Eml;
        }

        internal static IList<SourceFolder> Discover(string path, ExportFormat format, string target)
        {
            var list = new List<SourceFolder>();
            string Under(string name) => string.IsNullOrEmpty(target) ? name
                : string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase) ? target : target + "/" + name;
            switch (format)
            {
                case ExportFormat.Maildir:
                    // The top folder counts only when it is a Maildir itself (cur/ or new/): otherwise a folder of
                    // photos would "import" as an empty INBOX instead of being reported as not a mailbox.
                    if (Directory.Exists(System.IO.Path.Combine(path, "cur")) || Directory.Exists(System.IO.Path.Combine(path, "new")))
                        list.Add(new SourceFolder { Folder = string.IsNullOrEmpty(target) ? "INBOX" : target, Source = path, Format = format, Messages = w => MaildirMessages(path) });
                    foreach (var dir in Directory.GetDirectories(path, ".*").OrderBy(d => d, StringComparer.Ordinal))
                    {
                        string name = System.IO.Path.GetFileName(dir).Substring(1);
                        if (name.Length == 0 || !Directory.Exists(System.IO.Path.Combine(dir, "cur")))
                            continue;
                        string folder = string.Join("/", name.Split('.').Select(Unescape));
                        list.Add(new SourceFolder { Folder = Under(folder), Source = dir, Format = format, Messages = w => MaildirMessages(dir) });
                    }
                    break;
                case ExportFormat.Mbox:
                    if (File.Exists(path))
                    {
                        RequireMbox(path);
                        string stem = System.IO.Path.GetFileNameWithoutExtension(path);
                        list.Add(new SourceFolder { Folder = string.IsNullOrEmpty(target) ? Unescape(stem) : target, Source = path, Format = format, Messages = w => MboxMessages(path, w) });
                    }
                    else
                    {
                        foreach (var file in Directory.EnumerateFiles(path, "*.mbox", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                        {
                            if (file.Contains(MailboxExporter.StateDirectoryName))
                                continue;
                            RequireMbox(file);
                            string rel = FolderWriters.Relative(path, file);
                            rel = rel.Substring(0, rel.Length - ".mbox".Length);
                            string folder = string.Join("/", rel.Split('/').Select(Unescape));
                            list.Add(new SourceFolder { Folder = Under(folder), Source = file, Format = format, Messages = w => MboxMessages(file, w) });
                        }
                    }
                    break;
                case ExportFormat.Eml:
                    if (File.Exists(path))
                    {
                        list.Add(new SourceFolder { Folder = string.IsNullOrEmpty(target) ? "INBOX" : target, Source = path, Format = format, Messages = w => new[] { FileMessage(path, MessageFlags.None) } });
                        break;
                    }
                    foreach (var dir in new[] { path }.Concat(Directory.EnumerateDirectories(path, "*", SearchOption.AllDirectories)).OrderBy(d => d, StringComparer.Ordinal))
                    {
                        if (dir.Contains(MailboxExporter.StateDirectoryName) || !Directory.EnumerateFiles(dir, "*.eml").Any())
                            continue;
                        string rel = dir == path ? null : FolderWriters.Relative(path, dir);
                        string folder = rel == null ? (string.IsNullOrEmpty(target) ? "INBOX" : target) : Under(string.Join("/", rel.Split('/').Select(Unescape)));
                        string d = dir;
                        list.Add(new SourceFolder
                        {
                            Folder = folder, Source = dir, Format = format,
                            Messages = w => Directory.GetFiles(d, "*.eml").OrderBy(f => f, StringComparer.Ordinal).Select(f => FileMessage(f, MessageFlags.None)),
                        });
                    }
                    break;
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

        // Reverses SafePath.Segment's %XX escapes (UTF-16 code units written as two hex digits, or more for wide ones).
        internal static string Unescape(string segment)
        {
            if (segment.StartsWith("_", StringComparison.Ordinal) && SafePath.IsReserved(segment.Substring(1)))
                segment = segment.Substring(1);
            var sb = new System.Text.StringBuilder(segment.Length);
            for (int i = 0; i < segment.Length; i++)
            {
                if (segment[i] == '%' && i + 2 < segment.Length + 0 && i + 2 <= segment.Length - 1
                    && int.TryParse(segment.Substring(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                {
                    if (code != 0)
                        sb.Append((char)code);
                    i += 2;
                }
                else
                    sb.Append(segment[i]);
            }
            return sb.ToString();
        }

        static IEnumerable<SourceMessage> MaildirMessages(string dir)
        {
            foreach (var sub in new[] { "cur", "new" })
            {
                string d = System.IO.Path.Combine(dir, sub);
                if (!Directory.Exists(d))
                    continue;
                foreach (var f in Directory.GetFiles(d).OrderBy(x => x, StringComparer.Ordinal))
                    yield return FileMessage(f, MaildirWriter.InfoToFlags(System.IO.Path.GetFileName(f)));
            }
        }

        static SourceMessage FileMessage(string file, MessageFlags flags) => new SourceMessage
        {
            WriteTo = (target, token) =>
            {
                using (var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
                    fs.CopyTo(target, 81920);
            },
            Flags = flags,
            InternalDate = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero),
            Description = file,
        };

        /// <summary>
        /// The messages of an mbox file, found in one streaming pass (only their offsets are kept); each one is
        /// read again from its byte range, and unquoted on the way, when it is uploaded. Memory stays flat
        /// whatever the size of the file, of a message or of a line.
        /// </summary>
        static IEnumerable<SourceMessage> MboxMessages(string file, IOutputWriter writer)
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
