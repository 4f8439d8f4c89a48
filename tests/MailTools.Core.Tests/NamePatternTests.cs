using MailTools.Core.Text;
using Xunit;

namespace MailTools.Core.Tests
{
    public class NamePatternTests
    {
        [Theory]
        [InlineData("Arch*", "Archive", true)]
        [InlineData("arch*", "Archive", true)]
        [InlineData("Arch*", "INBOX", false)]
        [InlineData("?ent", "Sent", true)]
        [InlineData("[SD]*", "Drafts", true)]
        [InlineData("[SD]*", "Trash", false)]
        [InlineData("Clients/*", "Clients/2025", true)]
        [InlineData("Réserv*", "Réservations", true)]
        [InlineData("a.b", "axb", false)]
        [InlineData("a`*b", "a*b", true)]
        [InlineData("a`*b", "axb", false)]
        [InlineData("(x)+", "(x)+", true)]
        public void Matches_like_PowerShell_wildcards(string pattern, string text, bool expected)
        {
            Assert.Equal(expected, new NamePattern(pattern).IsMatch(text));
        }

        [Fact]
        public void Knows_when_a_pattern_has_wildcards()
        {
            Assert.True(new NamePattern("A*").HasWildcards);
            Assert.False(new NamePattern("Archive").HasWildcards);
        }
    }
}
