using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MailTools.Core.Compare
{
    /// <summary>
    /// Renders a comparison as a word-wrapped table for a terminal of a given width. PowerShell's own table wrapping
    /// cuts words in half, which is hard to read in the long "What it means" column; the format file calls this instead.
    /// </summary>
    public static class ComparisonText
    {
        /// <summary>The width of the Aspect column.</summary>
        public const int AspectWidth = 14;
        const int MinWidth = 60;

        /// <summary>The default view of a ProtocolComparison: title, then Aspect | IMAP | POP3 | What it means.</summary>
        public static string Render(ProtocolComparison comparison, int width)
        {
            if (comparison == null)
                return string.Empty;
            width = Math.Max(MinWidth, width);
            int available = width - 3; // three single-space gaps between four columns
            int side = Math.Max(15, Math.Min(28, (available - AspectWidth) / 4));
            int meaning = available - AspectWidth - 2 * side;

            var text = new StringBuilder();
            string title = comparison.IsReference
                ? "IMAP and POP3 in general (Compare-MailProtocol -Reference)"
                : $"IMAP and POP3 for {comparison.Account}";
            foreach (var line in Lines(title, width))
                text.Append(line).Append('\n');
            text.Append('\n');
            AppendRow(text, new[] { "Aspect", "IMAP", "POP3", "What it means" }, AspectWidth, side, meaning);
            AppendRow(text, new[] { "------", "----", "----", "-------------" }, AspectWidth, side, meaning);
            foreach (var row in comparison.Rows ?? Array.Empty<ProtocolComparisonRow>())
            {
                AppendRow(text, new[] { row.Aspect, row.Imap, row.Pop3, row.Meaning }, AspectWidth, side, meaning);
                text.Append('\n');
            }
            return text.ToString().TrimEnd('\n');
        }

        static void AppendRow(StringBuilder text, string?[] cells, int aspect, int side, int meaning)
        {
            var widths = new[] { aspect, side, side, meaning };
            var lines = cells.Select((c, i) => Lines(c, widths[i])).ToArray();
            int height = lines.Max(l => l.Count);
            for (int n = 0; n < height; n++)
            {
                var line = new StringBuilder();
                for (int i = 0; i < cells.Length; i++)
                {
                    string part = n < lines[i].Count ? lines[i][n] : string.Empty;
                    line.Append(i < cells.Length - 1 ? part.PadRight(widths[i] + 1) : part);
                }
                text.Append(line.ToString().TrimEnd()).Append('\n');
            }
        }

        /// <summary>Word-wraps text into lines of at most <paramref name="width"/> characters, joined with newlines.</summary>
        public static string Wrap(string? text, int width) => string.Join("\n", Lines(text, width));

        internal static IList<string> Lines(string? text, int width)
        {
            var lines = new List<string>();
            width = Math.Max(1, width);
            foreach (var paragraph in (text ?? string.Empty).Replace("\r", string.Empty).Split('\n'))
            {
                var line = new StringBuilder();
                foreach (var raw in paragraph.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    string word = raw;
                    // A word longer than the column (a long folder name) is cut; nothing else is.
                    while (word.Length > width)
                    {
                        if (line.Length > 0) { lines.Add(line.ToString()); line.Clear(); }
                        lines.Add(word.Substring(0, width));
                        word = word.Substring(width);
                    }
                    if (line.Length > 0 && line.Length + 1 + word.Length > width)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                    }
                    if (line.Length > 0)
                        line.Append(' ');
                    line.Append(word);
                }
                lines.Add(line.ToString());
            }
            return lines;
        }
    }
}
