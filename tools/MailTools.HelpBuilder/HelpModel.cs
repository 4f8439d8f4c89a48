namespace MailTools.HelpBuilder
{
    /// <summary>One cmdlet page (docs/en-US/Verb-Noun.md) after parsing. Texts are lists of paragraphs.</summary>
    internal sealed class CommandHelp
    {
        public string Name { get; set; } = "";
        public string OnlineVersion { get; set; } = "";
        public List<string> Synopsis { get; } = new();
        public List<string> Description { get; } = new();

        /// <summary>Parameter set names in the order of the ### headings under ## SYNTAX.</summary>
        public List<string> SyntaxSetNames { get; } = new();

        public List<ParameterHelp> Parameters { get; } = new();
        public List<TypeHelp> Inputs { get; } = new();
        public List<TypeHelp> Outputs { get; } = new();
        public List<string> Notes { get; } = new();
        public List<ExampleHelp> Examples { get; } = new();
        public List<LinkHelp> Links { get; } = new();

        public string Verb => Name.Split('-')[0];
        public string Noun => Name.Contains('-') ? Name[(Name.IndexOf('-') + 1)..] : "";
    }

    /// <summary>A ### -Name entry: its prose and one metadata record per ```yaml block (usually one).</summary>
    internal sealed class ParameterHelp
    {
        public string Name { get; set; } = "";
        public List<string> Description { get; } = new();
        public List<ParameterMetadata> Metadata { get; } = new();

        /// <summary>The metadata that applies in the given parameter set, or null if the parameter is not in it.</summary>
        public ParameterMetadata? For(string setName) =>
            Metadata.FirstOrDefault(m => m.ParameterSets.Contains(setName, StringComparer.OrdinalIgnoreCase))
            ?? Metadata.FirstOrDefault(m => m.InAllSets);
    }

    internal sealed record ParameterMetadata(
        string Type,
        IReadOnlyList<string> ParameterSets,
        IReadOnlyList<string> Aliases,
        IReadOnlyList<string> AcceptedValues,
        bool Required,
        string Position,
        string? DefaultValue,
        string PipelineInput,
        bool Globbing)
    {
        public const string AllSets = "(All)";

        public bool InAllSets => ParameterSets.Count == 0
            || ParameterSets.Any(s => s == AllSets || s == "__AllParameterSets");

        public bool IsSwitch => Type is "SwitchParameter" or "switch" or "System.Management.Automation.SwitchParameter";

        public int? PositionNumber => int.TryParse(Position, out var p) ? p : null;
    }

    internal sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

    internal sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

    internal sealed record LinkHelp(string Text, string Uri);

    /// <summary>A problem in a markdown page; Line is 1-based.</summary>
    internal sealed class HelpFormatException(string file, int line, string message) : Exception(message)
    {
        public string File { get; } = file;
        public int Line { get; } = line;

        public override string ToString() => $"{File}({Line}): error: {Message}";
    }
}
