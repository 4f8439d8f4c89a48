namespace MailTools.Core.Report
{
    /// <summary>The report's stylesheet, inline so the file needs nothing else; print rules keep charts whole on a page.</summary>
    internal static class ReportStyle
    {
        internal const string Css = @"
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; color: #1b1b1b; margin: 0 auto; max-width: 1000px; padding: 16px 24px; }
h1 { font-size: 24px; margin: 8px 0 4px; } h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
.meta, .note { color: #555; font-size: 12px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid #ccc; border-radius: 6px; padding: 8px 14px; min-width: 150px; }
.card b { display: block; font-size: 20px; }
figure.chart { margin: 12px 0 20px; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; font-size: 11px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.grid { stroke: #e3e3e3; stroke-width: 1; } .axis { stroke: #555; stroke-width: 1; }
.tick, .label, .legend { fill: #333; } .value { fill: #333; font-weight: 600; } .axis-title { fill: #555; font-style: italic; }
.tile-label { fill: #fff; font-size: 11px; } .tile-label.dark { fill: #000; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; break-inside: auto; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f6fa; } td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
nav ul { columns: 2; } .empty { padding: 12px; background: #f7f7f7; border-left: 4px solid #999; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  section.account { break-before: page; page-break-before: always; }
  section.account:first-of-type { break-before: auto; page-break-before: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 15mm; }
";
    }
}
