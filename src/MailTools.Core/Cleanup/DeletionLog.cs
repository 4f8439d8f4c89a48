using System;
using System.Globalization;
using System.IO;
using System.Text;
using MailTools.Core.Errors;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// The deletion log: a CSV file (RFC 4180, UTF-8) with one row per message acted on, appended across runs so a
    /// scheduled task builds one history. The header is written only when the file is new or empty. Rows are flushed
    /// after each batch, so a run that fails half-way still logs what it did. Import-Csv reads it back.
    /// </summary>
    public sealed class DeletionLog : IDisposable
    {
        /// <summary>The CSV header, in column order.</summary>
        public static readonly string[] Columns =
            { "Time", "Account", "Folder", "Uid", "MessageId", "Date", "From", "Subject", "Size", "Action", "Destination" };

        StreamWriter? _writer;

        DeletionLog(string path)
        {
            Path = path;
        }

        /// <summary>The log file's full path.</summary>
        public string Path { get; }
        /// <summary>Rows appended through this instance.</summary>
        public int Rows { get; private set; }

        /// <summary>Opens (creating when needed) the log for appending; a clear error when it cannot be written.</summary>
        public static DeletionLog Open(string path)
        {
            var log = new DeletionLog(path);
            log.EnsureOpen();
            return log;
        }

        /// <summary>
        /// A log whose file is created only when <see cref="EnsureOpen"/> is first called: the host opens it when it
        /// approves the first change, so a preview (-WhatIf) leaves no file behind.
        /// </summary>
        public static DeletionLog Deferred(string path) => new DeletionLog(path);

        /// <summary>Opens the file if it is not open yet; a clear error (before anything is changed) when it cannot be written.</summary>
        public void EnsureOpen() => Writer();

        StreamWriter Writer()
        {
            if (_writer != null)
                return _writer;
            try
            {
                var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
                if (!string.IsNullOrEmpty(dir))
                    Directory.CreateDirectory(dir);
                var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
                bool isNew = stream.Length == 0;
                var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n" };
                if (isNew)
                {
                    writer.WriteLine(string.Join(",", Columns));
                    writer.Flush();
                }
                return _writer = writer;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw new MailToolsException(ErrorIds.LogNotWritable, MailErrorKind.WriteError,
                    $"The deletion log '{Path}' cannot be written: {ex.Message} Nothing was changed on the server.", Path, ex)
                { RecommendedAction = "Give -LogPath a file in a folder you can write to." };
            }
        }

        /// <summary>Appends one row for a message deleted or moved at <paramref name="time"/>; <paramref name="destination"/> is null for a delete.</summary>
        public void Write(DateTimeOffset time, MailMessage m, string action, string? destination)
        {
            var sb = new StringBuilder();
            Append(sb, time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
            Append(sb, m.Account);
            Append(sb, m.Folder);
            Append(sb, m.Pop3Uid ?? m.Uid.ToString(CultureInfo.InvariantCulture));
            Append(sb, m.MessageId);
            Append(sb, m.Date?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
            Append(sb, m.From);
            Append(sb, m.Subject);
            Append(sb, m.Size.ToString(CultureInfo.InvariantCulture));
            Append(sb, action);
            Append(sb, destination, last: true);
            Writer().WriteLine(sb.ToString());
            Rows++;
        }

        /// <summary>Pushes the buffered rows to the file.</summary>
        public void Flush() => _writer?.Flush();

        /// <summary>RFC 4180 quoting; line breaks inside a field become spaces so one message is always one line.</summary>
        internal static void Append(StringBuilder sb, string? value, bool last = false)
        {
            value = (value ?? string.Empty).Replace("\r", " ").Replace("\n", " ");
            if (value.IndexOfAny(new[] { ',', '"' }) >= 0 || value.StartsWith(" ", StringComparison.Ordinal) || value.EndsWith(" ", StringComparison.Ordinal))
                value = "\"" + value.Replace("\"", "\"\"") + "\"";
            sb.Append(value);
            if (!last)
                sb.Append(',');
        }

        /// <summary>Closes the log file.</summary>
        public void Dispose() => _writer?.Dispose();
    }
}
