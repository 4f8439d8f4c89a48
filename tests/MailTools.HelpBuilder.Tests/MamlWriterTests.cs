using System.Xml;
using System.Xml.Linq;
using Xunit;
using static MailTools.HelpBuilder.Tests.CommandPageReaderTests;

namespace MailTools.HelpBuilder.Tests
{
    public class MamlWriterTests
    {
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private static XDocument WriteMaml(params CommandHelp[] commands)
        {
            using var stream = new MemoryStream();
            MamlWriter.Write(stream, commands);
            stream.Position = 0;
            return XDocument.Load(stream);
        }

        private static XElement GetThing() => WriteMaml(ReadFixture("Get-Thing.md")).Root!.Element(Command + "command")!;

        private static List<string> Paras(XElement? element) => element!.Elements(Maml + "para").Select(p => p.Value).ToList();

        [Fact]
        public void RootIsMshHelpItems()
        {
            var document = WriteMaml(ReadFixture("Get-Thing.md"), ReadFixture("Set-Thing.md"));

            Assert.Equal(XName.Get("helpItems", "http://msh"), document.Root!.Name);
            Assert.Equal("maml", document.Root.Attribute("schema")!.Value);
            Assert.Equal(["Get-Thing", "Set-Thing"], document.Root.Elements(Command + "command").Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value));
        }

        [Fact]
        public void DetailsAndDescription()
        {
            var command = GetThing();
            var details = command.Element(Command + "details")!;

            Assert.Equal("Get", details.Element(Command + "verb")!.Value);
            Assert.Equal("Thing", details.Element(Command + "noun")!.Value);
            Assert.Equal(["Gets things by name or by id."], Paras(details.Element(Maml + "description")));
            Assert.Equal(4, Paras(command.Element(Maml + "description")).Count);
        }

        [Fact]
        public void OneSyntaxItemPerParameterSetInSyntaxOrder()
        {
            var items = GetThing().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();

            List<string> Names(XElement item) => item.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).ToList();
            Assert.Equal(2, items.Count);
            Assert.Equal(["Name", "Priority", "Force"], Names(items[0]));
            Assert.Equal(["Id", "Priority", "Force"], Names(items[1]));
            Assert.All(items, i => Assert.Equal("Get-Thing", i.Element(Maml + "name")!.Value));
        }

        [Fact]
        public void AllParameterSetsPageHasOneSyntaxItem()
        {
            var command = WriteMaml(ReadFixture("Set-Thing.md")).Root!.Element(Command + "command")!;

            var item = Assert.Single(command.Element(Command + "syntax")!.Elements(Command + "syntaxItem"));
            Assert.Equal(2, item.Elements(Command + "parameter").Count());
        }

        [Fact]
        public void ParameterAttributesAndValues()
        {
            var parameters = GetThing().Element(Command + "parameters")!.Elements(Command + "parameter").ToList();
            var name = parameters[0];

            Assert.Equal("true", name.Attribute("required")!.Value);
            Assert.Equal("0", name.Attribute("position")!.Value);
            Assert.Equal("True (ByValue)", name.Attribute("pipelineInput")!.Value);
            Assert.Equal("true", name.Attribute("globbing")!.Value);
            Assert.Equal("none", name.Attribute("aliases")!.Value);
            Assert.Equal("String[]", name.Element(Command + "parameterValue")!.Value);
            Assert.Equal("String[]", name.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal("None", name.Element(Dev + "defaultValue")!.Value);
            Assert.Equal(["Specifies the names of the things to get. Wildcards are permitted."], Paras(name.Element(Maml + "description")));

            var id = parameters[1];
            Assert.Equal("named", id.Attribute("position")!.Value);
            Assert.Equal("False", id.Attribute("pipelineInput")!.Value);

            var force = parameters[3];
            Assert.Equal("All", force.Attribute("aliases")!.Value);
            Assert.Equal("False", force.Element(Dev + "defaultValue")!.Value);
            Assert.Equal("false", force.Element(Command + "parameterValue")!.Attribute("required")!.Value);
        }

        [Fact]
        public void SyntaxShowsAcceptedValuesAndNoValueForSwitches()
        {
            var item = GetThing().Element(Command + "syntax")!.Elements(Command + "syntaxItem").First();
            var priority = item.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Priority");
            var force = item.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Force");

            Assert.Equal(["Low", "Normal", "High"], priority.Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value));
            Assert.Null(force.Element(Command + "parameterValue"));
        }

        [Fact]
        public void InputsOutputsNotesExamplesLinks()
        {
            var command = GetThing();

            var input = command.Element(Command + "inputTypes")!.Element(Command + "inputType")!;
            Assert.Equal("System.String[]", input.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(["You can pipe names to this cmdlet."], Paras(input.Element(Maml + "description")));
            var output = command.Element(Command + "returnValues")!.Element(Command + "returnValue")!;
            Assert.Equal("System.String", output.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(["This is a note.", "Second note paragraph."], Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));

            var example = command.Element(Command + "examples")!.Elements(Command + "example").First();
            Assert.Equal("---------------- Example 1: Get a thing by name ----------------", example.Element(Maml + "title")!.Value);
            Assert.Equal("Get-Thing -Name 'alpha'", example.Element(Dev + "code")!.Value);
            Assert.Equal(["This command gets the thing named alpha."], Paras(example.Element(Dev + "remarks")));

            var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
                .Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value)).ToList();
            Assert.Equal(
                [("Online Version:", "https://example.com/docs/Get-Thing"), ("about_MailTools", ""), ("PowerShell docs", "https://learn.microsoft.com/powershell")],
                links);
        }

        [Fact]
        public void NoNotesMeansNoAlertSet()
        {
            var command = WriteMaml(ReadFixture("Set-Thing.md")).Root!.Element(Command + "command")!;

            Assert.Null(command.Element(Maml + "alertSet"));
        }

        [Fact]
        public void TextIsEscaped()
        {
            var help = ReadFixture("Set-Thing.md");
            help.Description.Clear();
            help.Description.Add("Use -Value <String> & friends.");

            var command = WriteMaml(help).Root!.Element(Command + "command")!;

            Assert.Equal(["Use -Value <String> & friends."], Paras(command.Element(Maml + "description")));
        }

        [Theory]
        [InlineData("Example 1: x", "------------------------- Example 1: x -------------------------")]
        [InlineData("Example 9: a title that is far too long to be padded out to sixty-four characters", "---- Example 9: a title that is far too long to be padded out to sixty-four characters ----")]
        public void ExampleTitlesArePadded(string title, string expected)
        {
            Assert.Equal(expected, MamlWriter.PadExampleTitle(title));
        }

        [Fact]
        public void FileIsUtf8XmlGetHelpCanLoad()
        {
            using var stream = new MemoryStream();
            MamlWriter.Write(stream, [ReadFixture("Get-Thing.md")]);
            stream.Position = 0;

            using var reader = XmlReader.Create(stream);
            reader.MoveToContent();
            Assert.Equal("helpItems", reader.LocalName);
        }
    }
}
