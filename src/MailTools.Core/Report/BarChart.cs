using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using static System.FormattableString;

namespace MailTools.Core.Report
{
    /// <summary>Bar charts drawn as SVG: horizontal (long labels such as senders) and vertical (ordered bands such as ages).</summary>
    internal static class BarChart
    {
        const int Width = 720;

        /// <summary>One horizontal bar per item, labels left, values right, a value axis with gridlines at the bottom.</summary>
        public static string Horizontal(string id, string title, IList<ChartItem> items, ChartScale scale, int colour = 0)
        {
            const int labelW = 220, valueW = 90, top = 8, row = 24, barH = 17;
            int plotW = Width - labelW - valueW - 10;
            int height = top + Math.Max(1, items.Count) * row + 42;
            int axisY = top + Math.Max(1, items.Count) * row + 4;
            var sb = new StringBuilder();
            Grid(sb, scale, labelW, plotW, top, axisY, vertical: false);
            for (int i = 0; i < items.Count; i++)
            {
                var it = items[i];
                double w = scale.Max <= 0 ? 0 : Math.Max(1, it.Value / scale.Max * plotW);
                double y = top + i * row;
                sb.Append(Invariant($"<rect class=\"mark\" x=\"{labelW}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(w)}\" height=\"{barH}\" fill=\"{Svg.Colour(colour)}\">"));
                sb.Append(Invariant($"<title>{Svg.Esc(it.Label)}: {Svg.Esc(it.Detail)}</title></rect>"));
                sb.Append(Svg.Text(labelW - 6, y + 13, Svg.Truncate(it.Label, 32), "end", "label"));
                sb.Append(Svg.Text(labelW + w + 4, y + 13, it.Detail, "start", "value"));
            }
            sb.Append(Svg.Text(labelW + plotW / 2.0, axisY + 32, scale.Unit, "middle", "axis-title"));
            return Svg.Figure(id, "bar", title, items.Count, Width, height, sb.ToString());
        }

        /// <summary>One column per item in the given order, the value axis on the left.</summary>
        public static string Vertical(string id, string title, string xTitle, IList<ChartItem> items, ChartScale scale, int colour = 0)
        {
            const int left = 64, top = 12, plotH = 220;
            int plotW = Width - left - 16;
            int axisY = top + plotH;
            double slot = plotW / (double)Math.Max(1, items.Count);
            double barW = Math.Max(2, slot * 0.7);
            var sb = new StringBuilder();
            Grid(sb, scale, left, plotH, top, axisY, vertical: true, plotW: plotW);
            bool rotate = items.Count > 8;
            for (int i = 0; i < items.Count; i++)
            {
                var it = items[i];
                double h = scale.Max <= 0 ? 0 : it.Value / scale.Max * plotH;
                if (it.Value > 0) h = Math.Max(1, h);
                double x = left + i * slot + (slot - barW) / 2;
                sb.Append(Invariant($"<rect class=\"mark\" x=\"{Svg.N(x)}\" y=\"{Svg.N(axisY - h)}\" width=\"{Svg.N(barW)}\" height=\"{Svg.N(h)}\" fill=\"{Svg.Colour(colour)}\">"));
                sb.Append(Invariant($"<title>{Svg.Esc(it.Label)}: {Svg.Esc(it.Detail)}</title></rect>"));
                double cx = left + i * slot + slot / 2;
                sb.Append(rotate ? Svg.Text(cx, axisY + 12, it.Label, "end", "label", -40) : Svg.Text(cx, axisY + 16, it.Label, "middle", "label"));
            }
            int height = axisY + (rotate ? 70 : 44);
            sb.Append(Svg.Text(left + plotW / 2.0, height - 6, xTitle, "middle", "axis-title"));
            sb.Append(Svg.Text(14, top + plotH / 2.0, scale.Unit, "middle", "axis-title", -90));
            return Svg.Figure(id, "column", title, items.Count, Width, height, sb.ToString());
        }

        /// <summary>Gridlines and tick labels of the value axis (bottom for horizontal bars, left for columns and areas).</summary>
        internal static void Grid(StringBuilder sb, ChartScale scale, int origin, int length, int top, int axisY, bool vertical, int plotW = 0)
        {
            foreach (var tick in scale.Ticks())
            {
                double f = scale.Max <= 0 ? 0 : tick / scale.Max;
                if (vertical)
                {
                    double y = axisY - f * length;
                    sb.Append(Invariant($"<line class=\"grid\" x1=\"{origin}\" x2=\"{origin + plotW}\" y1=\"{Svg.N(y)}\" y2=\"{Svg.N(y)}\"/>"));
                    sb.Append(Svg.Text(origin - 6, y + 4, scale.Label(tick), "end", "tick"));
                }
                else
                {
                    double x = origin + f * length;
                    sb.Append(Invariant($"<line class=\"grid\" x1=\"{Svg.N(x)}\" x2=\"{Svg.N(x)}\" y1=\"{top - 4}\" y2=\"{axisY}\"/>"));
                    sb.Append(Svg.Text(x, axisY + 14, scale.Label(tick), "middle", "tick"));
                }
            }
            sb.Append(vertical
                ? $"<line class=\"axis\" x1=\"{origin}\" x2=\"{origin + plotW}\" y1=\"{axisY}\" y2=\"{axisY}\"/><line class=\"axis\" x1=\"{origin}\" x2=\"{origin}\" y1=\"{top}\" y2=\"{axisY}\"/>"
                : $"<line class=\"axis\" x1=\"{origin}\" x2=\"{origin + length}\" y1=\"{axisY}\" y2=\"{axisY}\"/>");
        }
    }
}
