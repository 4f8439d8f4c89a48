using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using MailTools.Core.Errors;
using static System.FormattableString;

namespace MailTools.Core.Report
{
    /// <summary>
    /// Writes the report: one HTML file with inline CSS and inline SVG charts, no script, no external reference of any
    /// kind, so it opens offline, cannot fetch anything, and prints as it shows.
    /// </summary>
    public static class ReportWriter
    {
        /// <summary>The whole report as one self-contained HTML document (styles and SVG charts inline, no scripts or fetches).</summary>
        public static string Html(ReportContent content)
        {
            var sb = new StringBuilder();
            sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
            sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            // No network for anything: not even a favicon request.
            sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
            sb.Append("<link rel=\"icon\" href=\"data:,\">");
            string names = string.Join(", ", content.Accounts.Select(a => a.Measurement.Account));
            sb.Append(Invariant($"<title>Mailbox report: {Svg.Esc(names.Length == 0 ? "no account" : names)}</title>"));
            sb.Append("<style>").Append(ReportStyle.Css).Append("</style></head><body>");
            sb.Append("<header><h1>What fills the mail servers</h1>");
            sb.Append(Invariant($"<p class=\"meta\">Made by Export-MailReport (MailTools) on {content.Created.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}. Sizes are the servers' own counts (RFC822.SIZE); 1 KB = 1024 bytes.</p></header>"));
            if (content.Accounts.Count == 0)
                sb.Append("<p class=\"empty\">No account was measured.</p>");
            if (content.Accounts.Count > 1)
            {
                sb.Append("<nav><h2>Accounts</h2><ul>");
                for (int i = 0; i < content.Accounts.Count; i++)
                    sb.Append(Invariant($"<li><a href=\"#a{i + 1}\">{Svg.Esc(content.Accounts[i].Measurement.Account)}</a></li>"));
                sb.Append("</ul></nav>");
                QuotaOverview(sb, content);
            }
            for (int i = 0; i < content.Accounts.Count; i++)
                AccountSection.Write(sb, content.Accounts[i], $"a{i + 1}", content.Top);
            HistorySection(sb, content);
            sb.Append("</body></html>");
            return sb.ToString();
        }

        /// <summary>Writes the file (UTF-8); a clear error naming it when it cannot be written.</summary>
        public static long WriteFile(string path, ReportContent content)
        {
            string html = Html(content);
            try
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
                    throw new DirectoryNotFoundException($"The folder '{dir}' does not exist.");
                var bytes = new UTF8Encoding(false).GetBytes(html);
                File.WriteAllBytes(path, bytes);
                return bytes.LongLength;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw new MailToolsException(ErrorIds.OutputNotWritable, MailErrorKind.WriteError,
                    $"The report '{path}' cannot be written: {ex.Message}", path, ex)
                { RecommendedAction = "Give -Path a file in a folder that exists and that you can write to." };
            }
        }

        /// <summary>Checks before any server is measured that the report can be written there.</summary>
        public static void CheckWritable(string path)
        {
            try
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
                    throw new DirectoryNotFoundException($"The folder '{dir}' does not exist.");
                if (Directory.Exists(path))
                    throw new IOException($"'{path}' is a folder; give a file name such as report.html.");
                bool existed = File.Exists(path);
                using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite)) { }
                if (!existed)
                    File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw new MailToolsException(ErrorIds.OutputNotWritable, MailErrorKind.WriteError,
                    $"The report '{path}' cannot be written: {ex.Message} No server was contacted.", path, ex)
                { RecommendedAction = "Give -Path a file in a folder that exists and that you can write to." };
            }
        }

        /// <summary>Usage against quota per account, side by side: one bar per account whose server keeps a limit (RFC 9208).</summary>
        static void QuotaOverview(StringBuilder sb, ReportContent content)
        {
            var items = content.Accounts.Select(a => a.Measurement).Where(m => (m.QuotaLimit ?? 0) > 0)
                .Select(m =>
                {
                    long limit = m.QuotaLimit ?? 0;
                    double percent = Math.Round(100.0 * (m.QuotaUsed ?? 0) / limit, 1);
                    return new ChartItem(m.Account, percent,
                        $"{percent.ToString("0.#", CultureInfo.InvariantCulture)} % ({ChartScale.Bytes(m.QuotaUsed ?? 0)} of {ChartScale.Bytes(limit)})");
                }).ToList();
            if (items.Count == 0)
                return;
            sb.Append("<section class=\"overview\"><h2>Usage against quota</h2>");
            sb.Append(BarChart.Horizontal("quota", "Quota used per account (server's count)", items, ChartScale.ForCount(Math.Max(100, items.Max(i => i.Value)), "%"), 0));
            sb.Append("</section>");
        }

        static void HistorySection(StringBuilder sb, ReportContent content)
        {
            var history = content.History;
            if ((history == null || history.Files.Count == 0) && content.Runs.Count == 0)
                return;
            sb.Append("<section class=\"history\"><h2 id=\"history\">Clean-up history</h2>");
            if (history != null && history.Files.Count > 0)
            {
                sb.Append(Invariant($"<p>{history.Rows:#,0} message(s), {Svg.Esc(ChartScale.Bytes(history.Bytes))}, in {Svg.Esc(string.Join(", ", history.Files))}.</p>"));
                var items = history.Months.Select(m => new ChartItem(m.Key, m.Value.Values.Sum(v => (double)v.Bytes),
                    $"{ChartScale.Bytes(m.Value.Values.Sum(v => v.Bytes))}, {m.Value.Values.Sum(v => v.Count):#,0} message(s)")).ToList();
                if (items.Count > 0)
                    sb.Append(BarChart.Vertical("history", "Space cleaned up per month (deletion logs)", "Month", items, ChartScale.ForBytes(items.Max(i => i.Value))));
                sb.Append("<table><tr><th>Month</th><th>Action</th><th class=\"num\">Messages</th><th class=\"num\">Size</th></tr>");
                foreach (var month in history.Months)
                    foreach (var action in month.Value.OrderBy(a => a.Key, StringComparer.Ordinal))
                        sb.Append(Invariant($"<tr><td>{month.Key}</td><td>{Svg.Esc(action.Key)}</td><td class=\"num\">{action.Value.Count:#,0}</td><td class=\"num\">{Svg.Esc(ChartScale.Bytes(action.Value.Bytes))}</td></tr>"));
                sb.Append("</table>");
            }
            if (content.Runs.Count > 0)
            {
                sb.Append("<h3>Runs</h3><table><tr><th>Started</th><th class=\"num\">Accounts done</th><th class=\"num\">Failed</th><th>Failed accounts</th></tr>");
                foreach (var r in content.Runs.OrderBy(r => r.Started))
                    sb.Append(Invariant($"<tr><td>{r.Started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}</td><td class=\"num\">{r.Succeeded}</td><td class=\"num\">{r.Failed}</td><td>{Svg.Esc(r.FailedAccounts)}</td></tr>"));
                sb.Append("</table>");
            }
            sb.Append("</section>");
        }
    }
}
