using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MailTools.Core.Statistics;
using static System.FormattableString;

namespace MailTools.Core.Report
{
    /// <summary>One account's part of the report: usage, folders, growth, age, sizes, senders, large messages, clean-up.</summary>
    internal static class AccountSection
    {
        const int GrowthSeries = 6;

        public static void Write(StringBuilder sb, AccountReport report, string id, int top)
        {
            var m = report.Measurement;
            sb.Append(Invariant($"<section class=\"account\" id=\"{id}\"><h2>{Svg.Esc(m.Account)}</h2>"));
            sb.Append("<div class=\"cards\">");
            Card(sb, "Messages", m.Total.Count.ToString("#,0", CultureInfo.InvariantCulture));
            Card(sb, "Size", ChartScale.Bytes(m.Total.Size));
            Card(sb, "Folders", m.Folders.Count.ToString(CultureInfo.InvariantCulture));
            if (m.QuotaLimit.HasValue && m.QuotaLimit.Value > 0)
                Card(sb, "Quota used", (100.0 * (m.QuotaUsed ?? 0) / m.QuotaLimit.Value).ToString("0.#", CultureInfo.InvariantCulture) + " %");
            if (m.HasState)
                Card(sb, "Unread", m.Total.Unread.ToString("#,0", CultureInfo.InvariantCulture));
            sb.Append("</div>");
            sb.Append(Invariant($"<p class=\"meta\">{m.Protocol} · measured {m.MeasuredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}</p>"));

            Usage(sb, m, id);
            if (m.Total.Count == 0)
            {
                sb.Append("<p class=\"empty\">This account holds no messages in the folders measured.</p></section>");
                return;
            }
            var folders = m.Rows(MailboxGroupBy.Folder).ToList();
            sb.Append(Treemap.Draw($"{id}-folders", "Size per folder", folders.Select(f => new ChartItem(f.Key, f.Size, Detail(f))).ToList()));
            Table(sb, "Folder", folders);

            Growth(sb, m, id);
            sb.Append("<h3>Age and size</h3>");
            var ages = Ordered(m, MailboxGroupBy.Age, GroupKeys.AgeBands);
            sb.Append(BarChart.Vertical($"{id}-age", "Bytes by age of message", "Age (time since received)", ages, ChartScale.ForBytes(ages.Max(a => a.Value)), 1));
            var bands = Ordered(m, MailboxGroupBy.SizeBand, GroupKeys.SizeBands);
            sb.Append(BarChart.Vertical($"{id}-sizes", "Bytes by message size", "Message size", bands, ChartScale.ForBytes(bands.Max(a => a.Value)), 2));

            sb.Append("<h3>Senders</h3>");
            TopBars(sb, m, MailboxGroupBy.Sender, $"{id}-senders-size", $"Top {top} senders by size", top, false, 0);
            TopBars(sb, m, MailboxGroupBy.Sender, $"{id}-senders-count", $"Top {top} senders by number of messages", top, true, 4);
            TopBars(sb, m, MailboxGroupBy.SenderDomain, $"{id}-domains-size", $"Top {top} sender domains by size", top, false, 3);
            TopBars(sb, m, MailboxGroupBy.SenderDomain, $"{id}-domains-count", $"Top {top} sender domains by number of messages", top, true, 5);

            LargeMessages(sb, m);
            CleanupSections.Suggestions(sb, report, id);
            CleanupSections.Policy(sb, report, id);
            sb.Append("</section>");
        }

        static void Card(StringBuilder sb, string name, string value) => sb.Append(Invariant($"<div class=\"card\">{Svg.Esc(name)}<b>{Svg.Esc(value)}</b></div>"));

        static string Detail(MailboxStatistic r) =>
            $"{ChartScale.Bytes(r.Size)}, {r.Count.ToString("#,0", CultureInfo.InvariantCulture)} message(s), {r.Percent.ToString("0.#", CultureInfo.InvariantCulture)} %";

        static void Usage(StringBuilder sb, MailboxMeasurement m, string id)
        {
            var items = new List<ChartItem> { new ChartItem("Messages measured", m.Total.Size, ChartScale.Bytes(m.Total.Size)) };
            if (m.QuotaUsed.HasValue)
                items.Add(new ChartItem("Quota used (server's count)", m.QuotaUsed.Value, ChartScale.Bytes(m.QuotaUsed.Value)));
            if (m.QuotaLimit.HasValue)
                items.Add(new ChartItem("Quota limit", m.QuotaLimit.Value, ChartScale.Bytes(m.QuotaLimit.Value)));
            if (!m.QuotaLimit.HasValue)
                sb.Append("<p class=\"note\">The server reports no storage quota (RFC 9208) for this account.</p>");
            sb.Append(BarChart.Horizontal($"{id}-usage", "Usage against quota", items, ChartScale.ForBytes(items.Max(i => i.Value)), 0));
        }

        static void Growth(StringBuilder sb, MailboxMeasurement m, string id)
        {
            if (m.MonthlyByFolder.Count == 0)
                return;
            var months = MonthRange(m.MonthlyByFolder.Keys.First(), m.MonthlyByFolder.Keys.Last());
            var biggest = m.Rows(MailboxGroupBy.Folder).Where(r => r.Size > 0).Select(r => r.Key).Take(GrowthSeries).ToList();
            var series = biggest.Select(f => (f, months.Select(mo => m.MonthlyByFolder.TryGetValue(mo, out var d) && d.TryGetValue(f, out var b) ? (double)b : 0).ToArray())).ToList();
            var rest = months.Select(mo => m.MonthlyByFolder.TryGetValue(mo, out var d) ? d.Where(p => !biggest.Contains(p.Key)).Sum(p => (double)p.Value) : 0).ToArray();
            if (rest.Any(v => v > 0))
                series.Add(("Other folders", rest));
            sb.Append("<h3>Growth per month</h3>");
            sb.Append(AreaChart.Stacked($"{id}-growth", "Bytes received per month, by folder", "Month received", months, series, bytes: true));
        }

        internal static IList<string> MonthRange(string first, string last)
        {
            var list = new List<string>();
            var start = DateTime.ParseExact(first, "yyyy-MM", CultureInfo.InvariantCulture);
            var end = DateTime.ParseExact(last, "yyyy-MM", CultureInfo.InvariantCulture);
            for (var d = start; d <= end && list.Count < 600; d = d.AddMonths(1))
                list.Add(d.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            return list;
        }

        static IList<ChartItem> Ordered(MailboxMeasurement m, MailboxGroupBy by, IEnumerable<string> keys)
        {
            var rows = m.Rows(by).ToDictionary(r => r.Key, StringComparer.Ordinal);
            return keys.Select(k => rows.TryGetValue(k, out var r) ? new ChartItem(k, r.Size, Detail(r)) : new ChartItem(k, 0, "none")).ToList();
        }

        static void TopBars(StringBuilder sb, MailboxMeasurement m, MailboxGroupBy by, string id, string title, int top, bool byCount, int colour)
        {
            var rows = m.Rows(by, top, byCount).ToList();
            var items = rows.Select(r => new ChartItem(r.Key, byCount ? r.Count : r.Size,
                byCount ? ChartScale.Count(r.Count) : ChartScale.Bytes(r.Size))).ToList();
            var scale = byCount ? ChartScale.ForCount(items.Max(i => i.Value)) : ChartScale.ForBytes(items.Max(i => i.Value));
            sb.Append(BarChart.Horizontal(id, title, items, scale, colour));
        }

        static void Table(StringBuilder sb, string keyTitle, IEnumerable<MailboxStatistic> rows)
        {
            sb.Append(Invariant($"<table><tr><th>{Svg.Esc(keyTitle)}</th><th class=\"num\">Messages</th><th class=\"num\">Size</th><th class=\"num\">%</th><th>Oldest</th><th>Newest</th></tr>"));
            foreach (var r in rows)
                sb.Append(Invariant($"<tr><td>{Svg.Esc(r.Key)}</td><td class=\"num\">{r.Count.ToString("#,0", CultureInfo.InvariantCulture)}</td><td class=\"num\">{Svg.Esc(ChartScale.Bytes(r.Size))}</td>") +
                          $"<td class=\"num\">{r.Percent.ToString("0.0", CultureInfo.InvariantCulture)}</td><td>{Day(r.Oldest)}</td><td>{Day(r.Newest)}</td></tr>");
            sb.Append("</table>");
        }

        internal static string Day(DateTimeOffset? d) => d.HasValue ? d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;

        static void LargeMessages(StringBuilder sb, MailboxMeasurement m)
        {
            var items = m.Largest.Items;
            if (items.Count == 0)
                return;
            sb.Append(Invariant($"<h3>The {items.Count} largest messages</h3><table><tr><th class=\"num\">Size</th><th>Received</th><th>Folder</th><th>From</th><th>Subject</th></tr>"));
            foreach (var l in items)
                sb.Append(Invariant($"<tr><td class=\"num\">{Svg.Esc(ChartScale.Bytes(l.Size))}</td><td>{Day(l.Date)}</td><td>{Svg.Esc(l.Folder)}</td><td>{Svg.Esc(l.From)}</td><td>{Svg.Esc(Svg.Truncate(l.Subject, 90))}</td></tr>"));
            sb.Append("</table>");
        }
    }
}
