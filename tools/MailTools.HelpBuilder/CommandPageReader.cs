using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MailTools.HelpBuilder
{
    /// <summary>Reads one cmdlet page in PlatyPS 0.14 layout into a <see cref="CommandHelp"/>,
    /// throwing <see cref="HelpFormatException"/> (file and line) on what would make bad help.</summary>
    internal static partial class CommandPageReader
    {
        /// <summary>Keys PlatyPS writes in a parameter's ```yaml block.</summary>
        private static readonly string[] YamlKeys =
        [
            "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position",
            "Default value", "Accept pipeline input", "Accept wildcard characters", "Applicable",
        ];

        private static readonly string[] Sections =
        [
            "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
        ];

        /// <summary>A ## section split at its ### headings; Parts[0] holds the blocks before the first ### (Title null).</summary>
        private sealed record Section(string Title, int Line, List<Part> Parts);

        private sealed record Part(string? Title, int Line, List<Block> Blocks);

        public static CommandHelp Read(string file, string markdown)
        {
            var document = MarkdownText.Parse(markdown);
            var help = new CommandHelp();
            var expectedName = Path.GetFileNameWithoutExtension(file);

            var frontMatter = document.OfType<YamlFrontMatterBlock>().FirstOrDefault();
            if (frontMatter != null)
            {
                help.OnlineVersion = FrontMatterValue(frontMatter, "online version");
            }

            var title = document.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1)
                ?? throw new HelpFormatException(file, 1, $"missing the '# {expectedName}' title heading");
            help.Name = MarkdownText.Inline(title.Inline).Trim();
            if (!string.Equals(help.Name, expectedName, StringComparison.OrdinalIgnoreCase))
            {
                throw new HelpFormatException(file, title.Line + 1, $"title '# {help.Name}' does not match the file name '{expectedName}'");
            }

            var lines = markdown.Split('\n');
            var placeholder = Array.FindIndex(lines, l => Placeholder().IsMatch(l));
            if (placeholder >= 0)
            {
                throw new HelpFormatException(file, placeholder + 1, $"PlatyPS placeholder left in the page: {Placeholder().Match(lines[placeholder]).Value}");
            }

            var sections = SplitSections(file, document);
            foreach (var required in new[] { "SYNOPSIS", "DESCRIPTION", "EXAMPLES" })
            {
                if (!sections.ContainsKey(required))
                {
                    throw new HelpFormatException(file, title.Line + 1, $"{help.Name}: missing the '## {required}' section");
                }
            }

            // In the order of Sections, so ## SYNTAX (the parameter set names) is read before ## PARAMETERS.
            foreach (var section in Sections.Where(sections.ContainsKey).Select(s => sections[s]))
            {
                switch (section.Title)
                {
                    case "SYNOPSIS":
                        help.Synopsis.AddRange(RequiredText(file, section));
                        break;
                    case "DESCRIPTION":
                        help.Description.AddRange(RequiredText(file, section));
                        break;
                    case "SYNTAX":
                        help.SyntaxSetNames.AddRange(section.Parts.Skip(1).Select(p => StripDefault(p.Title!)));
                        break;
                    case "EXAMPLES":
                        ReadExamples(file, section, help);
                        break;
                    case "PARAMETERS":
                        ReadParameters(file, section, help);
                        break;
                    case "INPUTS":
                        help.Inputs.AddRange(ReadTypes(section));
                        break;
                    case "OUTPUTS":
                        help.Outputs.AddRange(ReadTypes(section));
                        break;
                    case "NOTES":
                        help.Notes.AddRange(AllText(section));
                        break;
                    case "RELATED LINKS":
                        ReadLinks(section, help);
                        break;
                }
            }

            return help;
        }

        private static Dictionary<string, Section> SplitSections(string file, MarkdownDocument document)
        {
            var sections = new Dictionary<string, Section>();
            Section? current = null;
            foreach (var block in document)
            {
                if (block is HeadingBlock { Level: 2 } h2)
                {
                    var name = MarkdownText.Inline(h2.Inline).Trim().ToUpperInvariant();
                    if (!Sections.Contains(name))
                    {
                        throw new HelpFormatException(file, h2.Line + 1, $"unexpected section '## {name}' (expected one of: {string.Join(", ", Sections)})");
                    }
                    if (sections.ContainsKey(name))
                    {
                        throw new HelpFormatException(file, h2.Line + 1, $"section '## {name}' appears twice");
                    }
                    current = new Section(name, h2.Line + 1, [new Part(null, h2.Line + 1, [])]);
                    sections.Add(name, current);
                }
                else if (current == null)
                {
                    continue; // front matter and the title
                }
                else if (block is HeadingBlock { Level: 3 } h3)
                {
                    current.Parts.Add(new Part(MarkdownText.Inline(h3.Inline).Trim(), h3.Line + 1, []));
                }
                else
                {
                    current.Parts[^1].Blocks.Add(block);
                }
            }
            return sections;
        }

        private static IEnumerable<string> Text(IEnumerable<Block> blocks) => blocks.SelectMany(MarkdownText.Paragraphs);

        private static List<string> AllText(Section section) =>
            section.Parts.SelectMany(p => (p.Title == null ? [] : new[] { p.Title }).Concat(Text(p.Blocks))).ToList();

        private static List<string> RequiredText(string file, Section section)
        {
            var text = AllText(section);
            if (text.Count == 0 || text.All(string.IsNullOrWhiteSpace))
            {
                throw new HelpFormatException(file, section.Line, $"section '## {section.Title}' is empty");
            }
            return text;
        }

        private static void ReadExamples(string file, Section section, CommandHelp help)
        {
            foreach (var part in section.Parts.Skip(1))
            {
                var code = part.Blocks.OfType<CodeBlock>().Select(MarkdownText.CodeText).ToList();
                if (code.Count == 0)
                {
                    throw new HelpFormatException(file, part.Line, $"example '{part.Title}' has no code block");
                }
                var remarks = Text(part.Blocks.Where(b => b is not CodeBlock)).ToList();
                help.Examples.Add(new ExampleHelp(part.Title!, string.Join("\n\n", code), remarks));
            }
            if (help.Examples.Count == 0)
            {
                throw new HelpFormatException(file, section.Line, "section '## EXAMPLES' has no '### Example 1: ...' entry");
            }
        }

        private static void ReadParameters(string file, Section section, CommandHelp help)
        {
            foreach (var part in section.Parts.Skip(1))
            {
                var name = part.Title!.TrimStart('-');
                if (name is "CommonParameters" or "WorkflowParameters")
                {
                    continue; // Get-Help adds the common parameters itself
                }
                if (!part.Title.StartsWith('-'))
                {
                    throw new HelpFormatException(file, part.Line, $"parameter heading '### {part.Title}' must be '### -{part.Title}'");
                }

                var parameter = new ParameterHelp { Name = name };
                var yamlBlocks = part.Blocks.OfType<FencedCodeBlock>().Where(IsYaml).ToList();
                if (yamlBlocks.Count == 0)
                {
                    throw new HelpFormatException(file, part.Line, $"parameter -{name} has no ```yaml block");
                }
                parameter.Description.AddRange(Text(part.Blocks.TakeWhile(b => !(b is FencedCodeBlock f && IsYaml(f)))));
                parameter.Metadata.AddRange(yamlBlocks.Select(y => ReadYaml(file, name, y, help.SyntaxSetNames)));
                help.Parameters.Add(parameter);
            }
        }

        private static bool IsYaml(FencedCodeBlock block) => string.Equals(block.Info, "yaml", StringComparison.OrdinalIgnoreCase);

        /// <summary>Reads a parameter's ```yaml block: "Key: value" lines with PlatyPS's keys only.
        /// Parameter sets it names must be ### headings under ## SYNTAX (when that has any), to catch typos.</summary>
        private static ParameterMetadata ReadYaml(string file, string parameter, FencedCodeBlock block, IReadOnlyList<string> syntaxSets)
        {
            var values = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in block.Lines.Lines.Take(block.Lines.Count))
            {
                var text = line.Slice.ToString().Trim();
                if (text.Length == 0)
                {
                    continue;
                }
                var match = YamlLine().Match(text);
                if (!match.Success)
                {
                    throw new HelpFormatException(file, line.Line + 1, $"parameter -{parameter}: malformed yaml line '{text}' (expected 'Key: value')");
                }
                var key = match.Groups[1].Value.Trim();
                if (!YamlKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    throw new HelpFormatException(file, line.Line + 1, $"parameter -{parameter}: unknown yaml key '{key}' (expected one of: {string.Join(", ", YamlKeys)})");
                }
                if (!values.TryAdd(key, (match.Groups[2].Value.Trim(), line.Line + 1)))
                {
                    throw new HelpFormatException(file, line.Line + 1, $"parameter -{parameter}: yaml key '{key}' appears twice");
                }
            }

            string? Get(string key) => values.TryGetValue(key, out var v) && v.Value.Length > 0 ? v.Value : null;
            HelpFormatException Invalid(string key, string message) =>
                new(file, values.TryGetValue(key, out var v) ? v.Line : block.Line + 2, $"parameter -{parameter}: {message}");
            bool Bool(string key) => (Get(key) ?? "False") switch
            {
                var v when bool.TryParse(v, out var b) => b,
                var v => throw Invalid(key, $"'{key}: {v}' must be True or False"),
            };
            static List<string> List(string? value) =>
                value == null ? [] : value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

            var type = Get("Type") ?? throw Invalid("Type", "the yaml block needs 'Type: <type name>'");
            var position = Get("Position") ?? "Named";
            if (!position.Equals("Named", StringComparison.OrdinalIgnoreCase) && !int.TryParse(position, out _))
            {
                throw Invalid("Position", $"'Position: {position}' must be Named or a number");
            }
            var pipeline = Get("Accept pipeline input") ?? "False";
            if (!PipelineValue().IsMatch(pipeline))
            {
                throw Invalid("Accept pipeline input", $"'Accept pipeline input: {pipeline}' must be False or True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue)");
            }
            var sets = List(Get("Parameter Sets"));
            var declared = syntaxSets.Where(s => s != "__AllParameterSets").ToList();
            foreach (var set in sets.Where(s => s is not (ParameterMetadata.AllSets or "__AllParameterSets")))
            {
                if (declared.Count > 0 && !declared.Contains(set, StringComparer.OrdinalIgnoreCase))
                {
                    throw Invalid("Parameter Sets", $"parameter set '{set}' has no '### {set}' heading under ## SYNTAX");
                }
            }

            return new ParameterMetadata(
                Type: type,
                ParameterSets: sets,
                Aliases: List(Get("Aliases")),
                AcceptedValues: List(Get("Accepted values")),
                Required: Bool("Required"),
                Position: position,
                DefaultValue: Get("Default value"),
                PipelineInput: pipeline,
                Globbing: Bool("Accept wildcard characters"));
        }

        private static IEnumerable<TypeHelp> ReadTypes(Section section) =>
            section.Parts.Skip(1).Select(p => new TypeHelp(p.Title!, Text(p.Blocks).ToList()));

        private static void ReadLinks(Section section, CommandHelp help)
        {
            if (help.OnlineVersion.Length > 0)
            {
                help.Links.Add(new LinkHelp("Online Version:", help.OnlineVersion));
            }
            foreach (var block in section.Parts.SelectMany(p => p.Blocks).SelectMany(Descendants))
            {
                if (block is not LeafBlock { Inline: not null } leaf)
                {
                    continue;
                }
                var links = leaf.Inline.Descendants<LinkInline>().Where(l => !l.IsImage).ToList();
                if (links.Count == 0)
                {
                    var text = MarkdownText.Inline(leaf.Inline).Trim();
                    if (text.Length > 0)
                    {
                        help.Links.Add(new LinkHelp(text, ""));
                    }
                    continue;
                }
                foreach (var link in links)
                {
                    var text = MarkdownText.LinkLabel(link);
                    // Get-Help wants an absolute URI; relative links (other pages) keep only their text, as PlatyPS does.
                    help.Links.Add(new LinkHelp(text.Length > 0 ? text : link.Url ?? "", MarkdownText.IsAbsoluteUri(link.Url) ? link.Url! : ""));
                }
            }
        }

        private static IEnumerable<Block> Descendants(Block block) =>
            block is ContainerBlock container ? container.SelectMany(Descendants) : [block];

        private static string StripDefault(string setName) =>
            setName.EndsWith("(Default)", StringComparison.OrdinalIgnoreCase) ? setName[..^"(Default)".Length].Trim() : setName;

        private static string FrontMatterValue(YamlFrontMatterBlock block, string key)
        {
            foreach (var line in block.Lines.Lines.Take(block.Lines.Count))
            {
                var text = line.Slice.ToString();
                var colon = text.IndexOf(':');
                if (colon > 0 && string.Equals(text[..colon].Trim(), key, StringComparison.OrdinalIgnoreCase))
                {
                    return text[(colon + 1)..].Trim();
                }
            }
            return "";
        }

        [GeneratedRegex(@"\{\{\s*(Fill|Add)\b[^}]*\}\}")]
        private static partial Regex Placeholder();

        [GeneratedRegex(@"^([A-Za-z][A-Za-z ]*):(?:\s+(.*))?$")]
        private static partial Regex YamlLine();

        [GeneratedRegex(@"^(False|True( \((ByValue|ByPropertyName|ByRemainingArguments)(, ?(ByValue|ByPropertyName|ByRemainingArguments))*\))?)$", RegexOptions.IgnoreCase)]
        private static partial Regex PipelineValue();
    }
}
