using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using MailTools.Core.Cleanup;
using MailTools.Core.Errors;

namespace MailTools.Core.Report
{
    /// <summary>
    /// The clean-up history from deletion logs (<see cref="DeletionLog"/>'s CSV): messages and bytes per month and action,
    /// read a line at a time, so a log of years is summed without holding it.
    /// </summary>
    public sealed class DeletionHistory
    {
        /// <summary>"yyyy-MM" → action → (messages, bytes).</summary>
        public SortedDictionary<string, Dictionary<string, (int Count, long Bytes)>> Months { get; } =
            new SortedDictionary<string, Dictionary<string, (int, long)>>(StringComparer.Ordinal);
        /// <summary>The log files read, in order.</summary>
        public IList<string> Files { get; } = new List<string>();
        /// <summary>Deletion rows counted (of the accounts asked for).</summary>
        public int Rows { get; private set; }
        /// <summary>Bytes those rows freed.</summary>
        public long Bytes { get; private set; }

        /// <summary>Adds one log file; only rows of <paramref name="accounts"/> count when it is given.</summary>
        public void Read(string path, ISet<string>? accounts = null)
        {
            try
            {
                using (var reader = new StreamReader(path, Encoding.UTF8))
                {
                    var header = reader.ReadLine();
                    if (header == null)
                        return;
                    var columns = new List<string>(SplitCsv(header));
                    int time = columns.IndexOf("Time"), account = columns.IndexOf("Account"), size = columns.IndexOf("Size"), action = columns.IndexOf("Action");
                    if (time < 0 || size < 0)
                        throw Unreadable(path, "it has no Time and Size columns, so it is not a MailTools deletion log");
                    Files.Add(path);
                    string? line;
                    while ((line = reader.ReadLine()) != null)
                    {
                        if (line.Length == 0)
                            continue;
                        var fields = SplitCsv(line);
                        if (fields.Count <= Math.Max(time, size))
                            continue;
                        if (accounts != null && account >= 0 && !accounts.Contains(fields[account]))
                            continue;
                        if (!DateTimeOffset.TryParse(fields[time], CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
                            continue;
                        long.TryParse(fields[size], NumberStyles.Integer, CultureInfo.InvariantCulture, out long bytes);
                        string month = when.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                        string act = action >= 0 && action < fields.Count ? fields[action] : "Delete";
                        if (!Months.TryGetValue(month, out var byAction))
                            Months[month] = byAction = new Dictionary<string, (int, long)>(StringComparer.OrdinalIgnoreCase);
                        byAction.TryGetValue(act, out var sum);
                        byAction[act] = (sum.Count + 1, sum.Bytes + bytes);
                        Rows++;
                        Bytes += bytes;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Unreadable(path, ex.Message);
            }
        }

        static MailToolsException Unreadable(string path, string why) =>
            new MailToolsException(ErrorIds.LogUnreadable, MailErrorKind.ReadError, $"The deletion log '{path}' cannot be read: {why}", path)
            { RecommendedAction = "Give -LogPath the CSV file Invoke-MailCleanup -LogPath writes." };

        /// <summary>One RFC 4180 record on one line (the deletion log never breaks a field across lines).</summary>
        internal static IList<string> SplitCsv(string line)
        {
            var fields = new List<string>();
            var sb = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else sb.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
                else sb.Append(c);
            }
            fields.Add(sb.ToString());
            return fields;
        }
    }
}
