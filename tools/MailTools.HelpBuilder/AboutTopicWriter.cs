using System.Text;
using Markdig.Syntax;

namespace MailTools.HelpBuilder
{
    /// <summary>Turns about_Name.md into the plain text of about_Name.help.txt, laid out as PlatyPS's about topics:
    /// "TOPIC" and the indented topic name, # headings in upper case at the margin, ## headings at the margin,
    /// deeper headings indented in upper case, text and code indented four spaces, text wrapped at 80 columns.</summary>
    internal static class AboutTopicWriter
    {
        private const string Indent = "    ";
        private const int Width = 80;

        public static string Convert(string file, string markdown)
        {
            var topic = Path.GetFileNameWithoutExtension(file);
            var document = MarkdownText.Parse(markdown);
            var blocks = document.Where(b => b is not Markdig.Extensions.Yaml.YamlFrontMatterBlock).ToList();

            // PlatyPS's template starts "# about_Name" then "## about_Name": both become the TOPIC header.
            var skip = 0;
            while (skip < blocks.Count && skip < 2 && blocks[skip] is HeadingBlock h && IsTopicName(h, topic))
            {
                skip++;
            }
            if (skip == 0 && blocks.FirstOrDefault() is not HeadingBlock { Level: 1 })
            {
                throw new HelpFormatException(file, 1, $"an about topic must start with '# {topic}'");
            }

            var text = new StringBuilder();
            text.Append("TOPIC\n").Append(Indent).Append(topic.ToLowerInvariant()).Append("\n\n");
            foreach (var block in blocks.Skip(skip))
            {
                switch (block)
                {
                    case HeadingBlock { Level: 1 } heading:
                        text.Append(MarkdownText.Inline(heading.Inline).ToUpperInvariant()).Append('\n');
                        break;
                    case HeadingBlock { Level: 2 } heading:
                        text.Append(MarkdownText.Inline(heading.Inline)).Append('\n');
                        break;
                    case HeadingBlock heading:
                        text.Append(Indent).Append(MarkdownText.Inline(heading.Inline).ToUpperInvariant()).Append('\n');
                        break;
                    case CodeBlock code:
                        foreach (var line in MarkdownText.CodeText(code).Split('\n'))
                        {
                            text.Append((Indent + line).TrimEnd()).Append('\n');
                        }
                        text.Append('\n');
                        break;
                    default:
                        foreach (var paragraph in MarkdownText.Paragraphs(block))
                        {
                            Wrap(text, paragraph, listItem: block is ListBlock);
                        }
                        text.Append('\n');
                        break;
                }
            }
            return CollapseBlankLines(text.ToString()).TrimEnd() + "\n";
        }

        private static bool IsTopicName(HeadingBlock heading, string topic) =>
            string.Equals(MarkdownText.Inline(heading.Inline).Trim(), topic, StringComparison.OrdinalIgnoreCase);

        /// <summary>Appends a paragraph wrapped at <see cref="Width"/>; list items get a hanging indent.</summary>
        private static void Wrap(StringBuilder text, string paragraph, bool listItem)
        {
            var hanging = listItem ? Indent + new string(' ', paragraph.IndexOf(' ') + 1) : Indent;
            var line = new StringBuilder(Indent);
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length + word.Length > Width && line.ToString().Trim().Length > 0)
                {
                    text.Append(line.ToString().TrimEnd()).Append('\n');
                    line.Clear().Append(hanging);
                }
                line.Append(word).Append(' ');
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        private static string CollapseBlankLines(string text)
        {
            while (text.Contains("\n\n\n"))
            {
                text = text.Replace("\n\n\n", "\n\n");
            }
            return text;
        }
    }
}
