using Xunit;
using static MailTools.HelpBuilder.Tests.CommandPageReaderTests;

namespace MailTools.HelpBuilder.Tests
{
    public class AboutTopicWriterTests
    {
        private static string[] Lines() => AboutTopicWriter.Convert("about_Thing.md", Fixture("about_Thing.md")).Split('\n');

        [Fact]
        public void StartsWithTopicAndName()
        {
            Assert.Equal(["TOPIC", "    about_thing", "", "SHORT DESCRIPTION", "    Sends and reads mail from PowerShell."], Lines()[..5]);
        }

        [Fact]
        public void WrapsTextAtEightyColumnsIndentedFourSpaces()
        {
            var lines = Lines();

            Assert.All(lines, line => Assert.True(line.Length <= 80, $"too long: '{line}'"));
            Assert.Contains("    MailTools is a module of compiled cmdlets over MailKit. This paragraph is", lines);
            Assert.Contains("    - `-SmtpServer` names the server and this bullet is also long enough to need", lines);
            Assert.Contains("      wrapping onto another line.", lines);
        }

        [Fact]
        public void HeadingsAndCode()
        {
            var lines = Lines();

            Assert.Contains("LONG DESCRIPTION", lines);
            Assert.Contains("Configuration", lines); // ## subtopic at the margin, as written
            Assert.Contains("    Get-Thing -Name x", lines); // code indented
            Assert.Equal("    Get-Thing", lines[^2]);
            Assert.Equal("", lines[^1]); // ends with one newline
        }

        [Fact]
        public void MustStartWithTitle()
        {
            var error = Assert.Throws<HelpFormatException>(() => AboutTopicWriter.Convert("about_Thing.md", "Some text.\n"));

            Assert.Equal(1, error.Line);
            Assert.Contains("must start with '# about_Thing'", error.Message);
        }
    }
}
