using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MailTools.HelpBuilder
{
    /// <summary>Markdig parsing and the plain-text rendering both writers share.</summary>
    internal static class MarkdownText
    {
        private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

        public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

        /// <summary>Paragraphs of a block: inline code keeps its backticks, soft and hard line breaks become spaces,
        /// list items become "- item" paragraphs, code blocks become one paragraph keeping their lines.</summary>
        public static IEnumerable<string> Paragraphs(Block block)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    yield return Inline(heading.Inline);
                    break;
                case ParagraphBlock paragraph:
                    var text = Inline(paragraph.Inline);
                    if (text.Length > 0)
                    {
                        yield return text;
                    }
                    break;
                case CodeBlock code:
                    yield return CodeText(code);
                    break;
                case ListBlock list:
                    var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var bullet = list.IsOrdered ? $"{number++}{list.OrderedDelimiter} " : "- ";
                        var first = true;
                        foreach (var para in item.SelectMany(Paragraphs))
                        {
                            yield return (first ? bullet : "  ") + para;
                            first = false;
                        }
                    }
                    break;
                case ContainerBlock container: // block quotes and the like
                    foreach (var para in container.SelectMany(Paragraphs))
                    {
                        yield return para;
                    }
                    break;
                // HTML blocks (comments) and thematic breaks carry no help text.
            }
        }

        /// <summary>The lines of a fenced or indented code block, joined with \n.</summary>
        public static string CodeText(LeafBlock code) =>
            string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString())).TrimEnd();

        /// <summary>Plain text of an inline container (a paragraph or heading).</summary>
        public static string Inline(ContainerInline? inline)
        {
            var builder = new StringBuilder();
            Append(builder, inline);
            return CollapseSpaces(builder.ToString());
        }

        /// <summary>The text of a link without its URL.</summary>
        public static string LinkLabel(LinkInline link)
        {
            var builder = new StringBuilder();
            AppendChildren(builder, link);
            return CollapseSpaces(builder.ToString()).Trim();
        }

        private static void Append(StringBuilder builder, Inline? inline)
        {
            switch (inline)
            {
                case null:
                    break;
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    var fence = new string(code.Delimiter, code.DelimiterCount);
                    builder.Append(fence).Append(code.Content).Append(fence);
                    break;
                case LineBreakInline:
                    builder.Append(' ');
                    break;
                case AutolinkInline autolink:
                    builder.Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
                case HtmlInline html: // e.g. "<string>" written without backticks: keep it as written
                    builder.Append(html.Tag);
                    break;
                case LinkInline link:
                    var before = builder.Length;
                    AppendChildren(builder, link);
                    var label = builder.ToString(before, builder.Length - before);
                    if (!link.IsImage && IsAbsoluteUri(link.Url) && label != link.Url)
                    {
                        builder.Append(" (").Append(link.Url).Append(')');
                    }
                    break;
                case ContainerInline container: // emphasis and other wrappers: keep the text, drop the markers
                    AppendChildren(builder, container);
                    break;
                default:
                    builder.Append(inline.ToString());
                    break;
            }
        }

        private static void AppendChildren(StringBuilder builder, ContainerInline container)
        {
            foreach (var child in container)
            {
                Append(builder, child);
            }
        }

        public static bool IsAbsoluteUri(string? uri) =>
            Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" or "mailto" or "ftp";

        private static string CollapseSpaces(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                var ch = c is '\r' or '\n' or '\t' ? ' ' : c;
                if (ch == ' ' && (builder.Length == 0 || builder[^1] == ' '))
                {
                    continue;
                }
                builder.Append(ch);
            }
            return builder.ToString().TrimEnd();
        }
    }
}
