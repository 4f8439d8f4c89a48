using Xunit;

namespace MailTools.HelpBuilder.Tests
{
    public class CommandPageReaderTests
    {
        internal static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

        internal static CommandHelp ReadFixture(string name) => CommandPageReader.Read(name, Fixture(name));

        [Fact]
        public void ReadsNameSynopsisAndDescription()
        {
            var help = ReadFixture("Get-Thing.md");

            Assert.Equal("Get-Thing", help.Name);
            Assert.Equal("Get", help.Verb);
            Assert.Equal("Thing", help.Noun);
            Assert.Equal(["Gets things by name or by id."], help.Synopsis);
            Assert.Equal(
                [
                    "The `Get-Thing` cmdlet gets things. This line is long and continues on a second source line that must be joined with a space.",
                    "A second paragraph with emphasis, a link (https://example.com/link) and `inline code`.",
                    "- first bullet",
                    "- second bullet",
                ],
                help.Description);
        }

        [Fact]
        public void ReadsExamplesWithCodeAndRemarks()
        {
            var help = ReadFixture("Get-Thing.md");

            Assert.Equal(2, help.Examples.Count);
            Assert.Equal("Example 1: Get a thing by name", help.Examples[0].Title);
            Assert.Equal("Get-Thing -Name 'alpha'", help.Examples[0].Code);
            Assert.Equal(["This command gets the thing named alpha."], help.Examples[0].Remarks);
            Assert.Equal(
                ["This command pipes two names to `Get-Thing`. The second paragraph line.", "Another remark paragraph."],
                help.Examples[1].Remarks);
        }

        [Fact]
        public void SeveralCodeBlocksInOneExampleAreJoined()
        {
            var help = ReadFixture("Set-Thing.md");

            Assert.Equal("Set-Thing 'y' -PassThru\n\ny", help.Examples[1].Code);
            Assert.Equal(["The value is returned."], help.Examples[1].Remarks);
        }

        [Fact]
        public void ReadsParameterMetadata()
        {
            var help = ReadFixture("Get-Thing.md");

            Assert.Equal(["Name", "Id", "Priority", "Force"], help.Parameters.Select(p => p.Name));
            var name = help.Parameters[0];
            Assert.Equal(["Specifies the names of the things to get. Wildcards are permitted."], name.Description);
            var meta = Assert.Single(name.Metadata);
            Assert.Equal("String[]", meta.Type);
            Assert.Equal(["ByName"], meta.ParameterSets);
            Assert.True(meta.Required);
            Assert.Equal("0", meta.Position);
            Assert.Equal("True (ByValue)", meta.PipelineInput);
            Assert.True(meta.Globbing);
            Assert.Equal("None", meta.DefaultValue);

            var priority = help.Parameters[2].Metadata[0];
            Assert.Equal(["Low", "Normal", "High"], priority.AcceptedValues);
            Assert.True(priority.InAllSets);
            Assert.Equal("Normal", priority.DefaultValue);

            var force = help.Parameters[3].Metadata[0];
            Assert.True(force.IsSwitch);
            Assert.Equal(["All"], force.Aliases);
        }

        [Fact]
        public void ReadsInputsOutputsNotesAndLinks()
        {
            var help = ReadFixture("Get-Thing.md");

            var input = Assert.Single(help.Inputs);
            Assert.Equal("System.String[]", input.TypeName);
            Assert.Equal(["You can pipe names to this cmdlet."], input.Description);
            Assert.Equal("System.String", Assert.Single(help.Outputs).TypeName);
            Assert.Equal(["This is a note.", "Second note paragraph."], help.Notes);
            Assert.Equal(
                [
                    new LinkHelp("Online Version:", "https://example.com/docs/Get-Thing"),
                    new LinkHelp("about_MailTools", ""),
                    new LinkHelp("PowerShell docs", "https://learn.microsoft.com/powershell"),
                ],
                help.Links);
        }

        [Fact]
        public void EmptyOptionalSectionsAreAllowed()
        {
            var help = ReadFixture("Set-Thing.md");

            Assert.Empty(help.Notes);
            Assert.Empty(help.Links);
            Assert.Equal("None", Assert.Single(help.Inputs).TypeName);
            Assert.Empty(help.Inputs[0].Description);
        }

        [Fact]
        public void WindowsLineEndingsReadTheSame()
        {
            var lf = ReadFixture("Get-Thing.md");
            var crlf = CommandPageReader.Read("Get-Thing.md", Fixture("Get-Thing.md").Replace("\n", "\r\n"));

            Assert.Equal(lf.Description, crlf.Description);
            Assert.Equal(lf.Examples.Select(e => e.Code), crlf.Examples.Select(e => e.Code));
            Assert.Equal(lf.Parameters.Select(p => p.Metadata[0]), crlf.Parameters.Select(p => p.Metadata[0]), new MetadataComparer());
        }

        private sealed class MetadataComparer : IEqualityComparer<ParameterMetadata>
        {
            public bool Equals(ParameterMetadata? x, ParameterMetadata? y) =>
                x!.Type == y!.Type && x.ParameterSets.SequenceEqual(y.ParameterSets) && x.Required == y.Required
                && x.Position == y.Position && x.PipelineInput == y.PipelineInput && x.DefaultValue == y.DefaultValue;

            public int GetHashCode(ParameterMetadata obj) => obj.Type.GetHashCode();
        }

        public static TheoryData<string, string, string, string> BrokenPages => new()
        {
            // replace this, with this, error reported on the line holding this, message contains this
            { "## SYNOPSIS\nGets things by name or by id.\n", "", "# Get-Thing", "missing the '## SYNOPSIS' section" },
            { "## DESCRIPTION\nThe `Get-Thing` cmdlet gets things. This line is long and\ncontinues on a second source line that must be joined with a space.\n\nA second paragraph with *emphasis*, a [link](https://example.com/link) and `inline code`.\n\n- first bullet\n- second bullet\n", "## DESCRIPTION\n<!-- TODO -->\n", "## DESCRIPTION", "section '## DESCRIPTION' is empty" },
            { "## EXAMPLES", "## MORE EXAMPLES", "## MORE EXAMPLES", "unexpected section '## MORE EXAMPLES'" },
            { "```powershell\nGet-Thing -Name 'alpha'\n```\n", "", "### Example 1", "example 'Example 1: Get a thing by name' has no code block" },
            { "Accept wildcard characters: True", "Accept wildcards: True", "Accept wildcards: True", "parameter -Name: unknown yaml key 'Accept wildcards'" },
            { "Type: Int32", "Type Int32", "Type Int32", "parameter -Id: malformed yaml line 'Type Int32'" },
            { "Required: True\nPosition: 0", "Required: Yes\nPosition: 0", "Required: Yes", "'Required: Yes' must be True or False" },
            { "Position: 0", "Position: first", "Position: first", "'Position: first' must be Named or a number" },
            { "Accept pipeline input: True (ByValue)", "Accept pipeline input: sometimes", "Accept pipeline input: sometimes", "'Accept pipeline input: sometimes' must be" },
            { "Parameter Sets: ById", "Parameter Sets: ByIdentity", "Parameter Sets: ByIdentity", "parameter set 'ByIdentity' has no '### ByIdentity' heading under ## SYNTAX" },
            { "Type: Int32\n", "", "Parameter Sets: ById", "parameter -Id: the yaml block needs 'Type: <type name>'" },
            { "```yaml\nType: Int32", "```text\nType: Int32", "### -Id", "parameter -Id has no ```yaml block" },
            { "### -Id", "### Id", "### Id", "parameter heading '### Id' must be '### -Id'" },
            { "# Get-Thing\n", "# Get-Things\n", "# Get-Things", "title '# Get-Things' does not match the file name 'Get-Thing'" },
            { "Specifies the id of the thing.", "{{ Fill Id Description }}", "{{ Fill Id", "PlatyPS placeholder left in the page: {{ Fill Id Description }}" },
            { "Get-Thing -Name 'alpha'", "PS C:\\> {{ Add example code here }}", "PS C:\\> {{", "PlatyPS placeholder left in the page" },
        };

        [Theory]
        [MemberData(nameof(BrokenPages))]
        public void BrokenPageFailsWithFileAndLine(string replace, string with, string lineMarker, string message)
        {
            var original = Fixture("Get-Thing.md");
            Assert.Contains(replace, original);
            var broken = original.Replace(replace, with);

            var error = Assert.Throws<HelpFormatException>(() => CommandPageReader.Read("docs/Get-Thing.md", broken));

            Assert.Equal("docs/Get-Thing.md", error.File);
            Assert.Equal(LineOf(broken, lineMarker), error.Line);
            Assert.Contains(message, error.Message);
            Assert.StartsWith($"docs/Get-Thing.md({error.Line}): error: ", error.ToString());
        }

        private static int LineOf(string text, string marker) =>
            Array.FindIndex(text.Split('\n'), line => line.StartsWith(marker, StringComparison.Ordinal)) + 1;
    }
}
