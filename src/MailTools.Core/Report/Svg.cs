using System.Globalization;
using System.Net;
using System.Text;
using static System.FormattableString;

namespace MailTools.Core.Report
{
    /// <summary>Small helpers shared by the hand-drawn SVG charts: escaping, number formatting, the palette, the figure frame.</summary>
    internal static class Svg
    {
        // Colour-blind-safe (Okabe-Ito) with enough contrast on white and in greyscale print.
        internal static readonly string[] Palette = { "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999" };

        internal static string Colour(int i) => Palette[i % Palette.Length];

        internal static string Esc(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

        internal static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        internal static string Truncate(string? text, int max) =>
            text == null ? string.Empty : text.Length <= max ? text : text.Substring(0, max - 1) + "\u2026";

        /// <summary>
        /// A chart as a figure: the id and kind let the browser test find it, data-marks says how many marks (bars,
        /// slices, areas) were drawn; the SVG has a title and a description for screen readers.
        /// </summary>
        internal static string Figure(string id, string kind, string title, int marks, int width, int height, string body, string? caption = null)
        {
            var sb = new StringBuilder();
            sb.Append(Invariant($"<figure class=\"chart\" id=\"{Esc(id)}\" data-kind=\"{kind}\" data-marks=\"{marks}\">"));
            sb.Append(Invariant($"<figcaption>{Esc(title)}</figcaption>"));
            sb.Append(Invariant($"<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Esc(title)}\">"));
            sb.Append(Invariant($"<title>{Esc(title)}</title>"));
            sb.Append(body);
            sb.Append("</svg>");
            if (!string.IsNullOrEmpty(caption))
                sb.Append(Invariant($"<p class=\"note\">{Esc(caption)}</p>"));
            sb.Append("</figure>");
            return sb.ToString();
        }

        internal static string Text(double x, double y, string? text, string anchor = "start", string? cls = null, double rotate = 0)
        {
            string transform = rotate != 0 ? $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"" : string.Empty;
            string c = cls != null ? $" class=\"{cls}\"" : string.Empty;
            return $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\"{c}{transform}>{Esc(text)}</text>";
        }
    }
}
