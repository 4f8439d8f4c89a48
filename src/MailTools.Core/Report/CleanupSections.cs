using System.Globalization;
using System.Linq;
using System.Text;
using static System.FormattableString;

namespace MailTools.Core.Report
{
    /// <summary>The report's clean-up parts: suggested rules (Get-MailCleanupSuggestion) and what a given policy would free.</summary>
    internal static class CleanupSections
    {
        public static void Suggestions(StringBuilder sb, AccountReport report, string id)
        {
            sb.Append("<h3>Suggested clean-up rules</h3>");
            if (report.Suggestions.Count == 0)
            {
                sb.Append("<p class=\"empty\">Nothing to suggest: no rule would free anything here.</p>");
                return;
            }
            long total = report.Suggestions.Sum(s => s.Size);
            sb.Append(Invariant($"<p>Together these rules would free {Svg.Esc(ChartScale.Bytes(total))}. Flagged mail is never included. Get-MailCleanupSuggestion -OutFile writes them as a policy for Invoke-MailCleanup -Policy.</p>"));
            var items = report.Suggestions.Select(s => new ChartItem(s.Rule, s.Size, $"{ChartScale.Bytes(s.Size)}, {s.Count.ToString("#,0", CultureInfo.InvariantCulture)} message(s)")).ToList();
            sb.Append(BarChart.Horizontal($"{id}-suggestions", "Space each suggested rule would free", items, ChartScale.ForBytes(items.Max(i => i.Value)), 2));
            sb.Append("<table><tr><th>Rule</th><th>Action</th><th>Folders</th><th>Conditions</th><th class=\"num\">Messages</th><th class=\"num\">Frees</th><th>Why</th></tr>");
            foreach (var s in report.Suggestions)
                sb.Append(Invariant($"<tr><td>{Svg.Esc(s.Rule)}</td><td>{Svg.Esc(s.Action)}</td><td>{Svg.Esc(string.Join(", ", s.Folders))}</td><td>{Svg.Esc(s.Conditions)}</td>") +
                          $"<td class=\"num\">{s.Count.ToString("#,0", CultureInfo.InvariantCulture)}</td><td class=\"num\">{Svg.Esc(ChartScale.Bytes(s.Size))}</td><td>{Svg.Esc(s.Reason)}</td></tr>");
            sb.Append("</table>");
        }

        public static void Policy(StringBuilder sb, AccountReport report, string id)
        {
            if (report.PolicyPreview == null)
                return;
            sb.Append(Invariant($"<h3>What the policy would free</h3><p class=\"meta\">{Svg.Esc(report.PolicySource)}, run with -WhatIf: nothing was changed.</p>"));
            var byRule = report.PolicyPreview.GroupBy(r => r.Rule).Select(g => (Rule: g.Key, Count: g.Sum(r => r.Matched), Bytes: g.Sum(r => r.Bytes),
                Action: g.First().Action, Flagged: g.Sum(r => r.SkippedFlagged))).ToList();
            if (byRule.Count == 0)
            {
                sb.Append("<p class=\"empty\">The policy's rules match no folder of this account.</p>");
                return;
            }
            var items = byRule.Select(r => new ChartItem(r.Rule, r.Bytes, $"{ChartScale.Bytes(r.Bytes)}, {r.Count.ToString("#,0", CultureInfo.InvariantCulture)} message(s)")).ToList();
            sb.Append(BarChart.Horizontal($"{id}-policy", "Space each policy rule would free", items, ChartScale.ForBytes(items.Max(i => i.Value)), 3));
            sb.Append("<table><tr><th>Rule</th><th>Action</th><th class=\"num\">Messages</th><th class=\"num\">Size</th><th class=\"num\">Flagged, left alone</th></tr>");
            foreach (var r in byRule)
                sb.Append(Invariant($"<tr><td>{Svg.Esc(r.Rule)}</td><td>{Svg.Esc(r.Action)}</td><td class=\"num\">{r.Count.ToString("#,0", CultureInfo.InvariantCulture)}</td><td class=\"num\">{Svg.Esc(ChartScale.Bytes(r.Bytes))}</td><td class=\"num\">{r.Flagged}</td></tr>"));
            sb.Append("</table>");
        }
    }
}
