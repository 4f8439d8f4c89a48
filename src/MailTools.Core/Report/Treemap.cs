using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using static System.FormattableString;

namespace MailTools.Core.Report
{
    /// <summary>
    /// A squarified treemap (Bruls, Huizing and van Wijk, 2000) drawn as SVG: one tile per item, area proportional to
    /// its value, rows laid out along the shorter side so tiles stay close to square and their labels readable.
    /// </summary>
    internal static class Treemap
    {
        const int Width = 720, Height = 360;

        public static string Draw(string id, string title, IList<ChartItem> items)
        {
            var tiles = items.Where(i => i.Value > 0).OrderByDescending(i => i.Value).ToList();
            double total = tiles.Sum(t => t.Value);
            var sb = new StringBuilder();
            if (total > 0)
            {
                double scale = Width * (double)Height / total;
                var rects = new List<(ChartItem Item, double X, double Y, double W, double H)>();
                Layout(tiles.Select(t => (t, t.Value * scale)).ToList(), 0, 0, Width, Height, rects);
                for (int i = 0; i < rects.Count; i++)
                {
                    var (item, x, y, w, h) = rects[i];
                    sb.Append(Invariant($"<rect class=\"mark\" x=\"{Svg.N(x)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(Math.Max(0.5, w))}\" height=\"{Svg.N(Math.Max(0.5, h))}\" fill=\"{Svg.Colour(i)}\" stroke=\"#fff\" stroke-width=\"2\">"));
                    sb.Append(Invariant($"<title>{Svg.Esc(item.Label)}: {Svg.Esc(item.Detail)}</title></rect>"));
                    int chars = (int)(w / 7);
                    if (w > 40 && h > 34 && chars >= 4)
                    {
                        string fill = i % Svg.Palette.Length == 6 ? "tile-label dark" : "tile-label";
                        sb.Append(Svg.Text(x + 5, y + 15, Svg.Truncate(item.Label, chars), "start", fill));
                        sb.Append(Svg.Text(x + 5, y + 29, Svg.Truncate(item.Detail, chars), "start", fill));
                    }
                }
            }
            return Svg.Figure(id, "treemap", title, tiles.Count, Width, Height, sb.ToString(),
                "Each tile is a folder; its area is the folder's share of the account's bytes. Hover a tile for its size.");
        }

        static void Layout(List<(ChartItem, double Area)> items, double x, double y, double w, double h, List<(ChartItem, double, double, double, double)> output)
        {
            int start = 0;
            while (start < items.Count)
            {
                double side = Math.Min(w, h);
                int end = start + 1;
                double rowArea = items[start].Area;
                double worst = Worst(items, start, end, rowArea, side);
                while (end < items.Count)
                {
                    double next = Worst(items, start, end + 1, rowArea + items[end].Area, side);
                    if (next > worst)
                        break;
                    rowArea += items[end].Area;
                    worst = next;
                    end++;
                }
                double thickness = side <= 0 ? 0 : rowArea / side;
                double offset = 0;
                for (int i = start; i < end; i++)
                {
                    double length = thickness <= 0 ? 0 : items[i].Area / thickness;
                    if (w >= h) output.Add((items[i].Item1, x, y + offset, thickness, length));
                    else output.Add((items[i].Item1, x + offset, y, length, thickness));
                    offset += length;
                }
                if (w >= h) { x += thickness; w -= thickness; }
                else { y += thickness; h -= thickness; }
                start = end;
            }
        }

        /// <summary>The worst aspect ratio in a row of tiles laid along a side of this length.</summary>
        static double Worst(List<(ChartItem, double Area)> items, int start, int end, double sum, double side)
        {
            double max = 0, min = double.MaxValue;
            for (int i = start; i < end; i++)
            {
                max = Math.Max(max, items[i].Area);
                min = Math.Min(min, items[i].Area);
            }
            double s2 = sum * sum, w2 = side * side;
            return Math.Max(w2 * max / s2, s2 / (w2 * Math.Max(min, 1e-9)));
        }
    }
}
