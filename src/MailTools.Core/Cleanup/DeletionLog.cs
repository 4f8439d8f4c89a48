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

        readonly StreamWriter _writer;

        DeletionLog(string path, StreamWriter writer)
        {
            Path = path;
            _writer = writer;
        }

        /// <summary>The log file's full path.</summary>
        public string Path { get; }
        /// <summary>Rows appended through this instance.</summary>
        public int Rows { get; private set; }

        /// <summary>Opens (creating when needed) the log for appending; a clear error when it cannot be written.</summary>
        public static DeletionLog Open(string path)
        {
            try
            {
                var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(dir))
                    Directory.CreateDirectory(dir);
                var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
                bool isNew = stream.Length == 0;
                var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n" };
                var log = new DeletionLog(path, writer);
                if (isNew)
                {
                    writer.WriteLine(string.Join(",", Columns));
                    writer.Flush();
                }
                return log;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw new MailToolsException(ErrorIds.LogNotWritable, MailErrorKind.WriteError,
                    $"The deletion log '{path}' cannot be written: {ex.Message} Nothing was changed on the server.", path, ex)
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
            _writer.WriteLine(sb.ToString());
            Rows++;
        }

        /// <summary>Pushes the buffered rows to the file.</summary>
        public void Flush() => _writer.Flush();

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
        public void Dispose() => _writer.Dispose();
    }
}
