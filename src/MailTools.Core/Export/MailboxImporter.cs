using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using MailKit;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools.Core.Export
{
    /// <summary>
    /// The restore path: uploads a Maildir++ tree, mbox files or .eml files into IMAP folders (created when missing),
    /// keeping flags (Maildir) and INTERNALDATE (file time, or the From_ line), with MULTIAPPEND (RFC 3502) when
    /// the server offers it (MailKit falls back to one APPEND per message). Messages the folder already holds
    /// (same Message-ID and size, or same size and SHA-256: see ImportDuplicates) are skipped unless AllowDuplicates.
    /// </summary>
    public static class MailboxImporter
    {
        /// <summary>Uploads every folder of the source into the account; one result per folder, none for folders the host declined (-WhatIf).</summary>
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

            // One envelope for the whole import: the session held and connected, every failure a MailToolsException.
            return MailOperation.Run(session, writer, token, () =>
            {
                var results = new List<ImportResult>();
                foreach (var source in sources)
                {
                    var result = FolderUpload.Run(session, source, options, writer, token);
                    if (result != null)
                        results.Add(result);
                }
                return (IList<ImportResult>)results;
            });
        }

        /// <summary>Tells the format from the path: a .eml file is Eml, another file mbox; a folder with Maildir cur/ folders is Maildir, one holding *.mbox files mbox, else a folder of .eml files.</summary>
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

        internal static IList<SourceFolder> Discover(string path, ExportFormat format, string? target) => SourceFor(format).Discover(path, target);

        static IMessageSource SourceFor(ExportFormat format)
        {
            switch (format)
            {
                case ExportFormat.Maildir: return new MaildirSource();
                case ExportFormat.Mbox: return new MboxSource();
                case ExportFormat.Eml: return new EmlSource();
                default: throw new ArgumentOutOfRangeException(nameof(format));
            }
        }

        /// <summary>The server folder for a source's top level: -Folder, else INBOX.</summary>
        internal static string Top(string? target) => target is { Length: > 0 } ? target : "INBOX";

        /// <summary>A source sub-folder's server name: under -Folder when given (the source's INBOX becomes -Folder itself).</summary>
        internal static string Under(string? target, string name) => target is not { Length: > 0 } ? name
            : string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase) ? target : target + "/" + name;

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

        /// <summary>The asctime date at the end of an RFC 4155 From_ line, as UTC (kept here for callers and tests).</summary>
        public static DateTimeOffset? ParseFromLineDate(string fromLine) => MboxSource.ParseFromLineDate(fromLine);
    }
}
