using Xunit;
using static MailTools.HelpBuilder.Tests.CommandPageReaderTests;

namespace MailTools.HelpBuilder.Tests
{
    public sealed class ProgramTests : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("helpbuilder-").FullName;
        private readonly StringWriter _out = new();
        private readonly StringWriter _err = new();

        private string Docs => Path.Combine(_root, "docs");
        private string Out => Path.Combine(_root, "out", "en-US");

        public ProgramTests()
        {
            Directory.CreateDirectory(Docs);
            foreach (var name in new[] { "Get-Thing.md", "Set-Thing.md", "about_Thing.md" })
            {
                File.WriteAllText(Path.Combine(Docs, name), Fixture(name));
            }
            File.WriteAllText(Path.Combine(Docs, "_notes.md"), "not a help page\n");
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private int Run() => Program.Run(["--docs", Docs, "--out", Out, "--assembly", "MailTools.dll"], _out, _err);

        [Fact]
        public void WritesMamlAndAboutTopicsAndSkipsUnderscoreFiles()
        {
            Assert.Equal(0, Run());

            Assert.Equal(["MailTools.dll-Help.xml", "about_Thing.help.txt"], Directory.GetFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var xml = File.ReadAllText(Path.Combine(Out, "MailTools.dll-Help.xml"));
            Assert.Contains("<command:name>Get-Thing</command:name>", xml);
            Assert.Contains("<command:name>Set-Thing</command:name>", xml);
            Assert.StartsWith("TOPIC\n", File.ReadAllText(Path.Combine(Out, "about_Thing.help.txt")));
            Assert.Equal("", _err.ToString());
        }

        [Fact]
        public void InvalidPagesFailNamingEveryFileAndWriteNothing()
        {
            File.WriteAllText(Path.Combine(Docs, "Get-Thing.md"), Fixture("Get-Thing.md").Replace("## EXAMPLES", "## EXAMPLE"));
            File.WriteAllText(Path.Combine(Docs, "New-Thing.md"), "# New-Thing\n\n## SYNOPSIS\nCreates a thing.\n");

            Assert.Equal(1, Run());

            var errors = _err.ToString();
            Assert.Contains(Path.Combine(Docs, "Get-Thing.md") + "(", errors);
            Assert.Contains("unexpected section '## EXAMPLE'", errors);
            Assert.Contains(Path.Combine(Docs, "New-Thing.md") + "(1): error: New-Thing: missing the '## DESCRIPTION' section", errors);
            Assert.False(Directory.Exists(Out));
        }

        [Theory]
        [InlineData]
        [InlineData("--docs", "docs")]
        [InlineData("--docs", "docs", "--out")]
        public void MissingArgumentsExitTwo(params string[] args)
        {
            Assert.Equal(2, Program.Run(args, _out, _err));
            Assert.Contains("usage:", _err.ToString());
        }

        [Fact]
        public void MissingDocsFolderExitsTwo()
        {
            Assert.Equal(2, Program.Run(["--docs", Path.Combine(_root, "nope"), "--out", Out, "--assembly", "MailTools.dll"], _out, _err));
            Assert.Contains("does not exist", _err.ToString());
        }
    }
}
