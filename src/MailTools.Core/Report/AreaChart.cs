using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using static System.FormattableString;

namespace MailTools.Core.Report
{
    /// <summary>A stacked area chart drawn as SVG: one filled band per series over time, with a legend.</summary>
    internal static class AreaChart
    {
        const int Width = 720;

        /// <summary>The chart as a figure.</summary>
        /// <param name="id">The figure's id (the browser test finds charts by it).</param>
        /// <param name="title">The chart's title.</param>
        /// <param name="xTitle">The time axis' title.</param>
        /// <param name="xLabels">The points in time, in order ("2024-01").</param>
        /// <param name="series">Each series' name and one value per point.</param>
        /// <param name="bytes">Values are bytes (the axis shows KB, MB, GB), else counts.</param>
        public static string Stacked(string id, string title, string xTitle, IList<string> xLabels, IList<(string Name, double[] Values)> series, bool bytes)
        {
            const int left = 64, top = 12, plotH = 240;
            int plotW = Width - left - 16;
            int axisY = top + plotH;
            int n = xLabels.Count;
            var totals = new double[n];
            foreach (var s in series)
                for (int i = 0; i < n; i++)
                    totals[i] += s.Values[i];
            var scale = bytes ? ChartScale.ForBytes(totals.DefaultIfEmpty(0).Max()) : ChartScale.ForCount(totals.DefaultIfEmpty(0).Max());
            Func<int, double> x = i => n <= 1 ? left + (i == 0 ? 0 : plotW) : left + i * plotW / (double)(n - 1);
            Func<double, double> y = v => scale.Max <= 0 ? axisY : axisY - v / scale.Max * plotH;
            var sb = new StringBuilder();
            BarChart.Grid(sb, scale, left, plotH, top, axisY, vertical: true, plotW: plotW);
            var below = new double[n];
            for (int k = 0; k < series.Count; k++)
            {
                var (name, values) = series[k];
                var points = new List<string>();
                int count = Math.Max(n, 2);
                for (int i = 0; i < count; i++)
                {
                    int j = Math.Min(i, n - 1);
                    points.Add($"{Svg.N(x(i))},{Svg.N(y(below[j] + values[j]))}");
                }
                for (int i = count - 1; i >= 0; i--)
                {
                    int j = Math.Min(i, n - 1);
                    points.Add($"{Svg.N(x(i))},{Svg.N(y(below[j]))}");
                }
                double sum = values.Sum();
                sb.Append(Invariant($"<polygon class=\"mark\" points=\"{string.Join(" ", points)}\" fill=\"{Svg.Colour(k)}\" fill-opacity=\"0.85\">"));
                sb.Append(Invariant($"<title>{Svg.Esc(name)}: {Svg.Esc(bytes ? ChartScale.Bytes(sum) : ChartScale.Count(sum))} in all</title></polygon>"));
                for (int i = 0; i < n; i++)
                    below[i] += values[i];
            }
            // Time labels: at most ~12, on January when the span is long enough to show years.
            int every = Math.Max(1, (int)Math.Ceiling(n / 12.0));
            for (int i = 0; i < n; i += every)
                sb.Append(Svg.Text(x(i), axisY + 12, xLabels[i], "end", "label", -40));
            int legendY = axisY + 66;
            for (int k = 0; k < series.Count; k++)
            {
                double lx = left + (k % 4) * 160;
                double ly = legendY + (k / 4) * 18;
                sb.Append(Invariant($"<rect x=\"{Svg.N(lx)}\" y=\"{Svg.N(ly - 10)}\" width=\"12\" height=\"12\" fill=\"{Svg.Colour(k)}\"/>"));
                sb.Append(Svg.Text(lx + 16, ly, Svg.Truncate(series[k].Name, 22), "start", "legend"));
            }
            int height = legendY + ((series.Count + 3) / 4) * 18 + 6;
            sb.Append(Svg.Text(left + plotW / 2.0, axisY + 50, xTitle, "middle", "axis-title"));
            sb.Append(Svg.Text(14, top + plotH / 2.0, scale.Unit, "middle", "axis-title", -90));
            return Svg.Figure(id, "area", title, series.Count, Width, height, sb.ToString());
        }
    }
}
