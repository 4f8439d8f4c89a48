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
            Assert.False(new NamePattern("Ne`*").HasWildcards);   // escaped: a literal name
        }

        [Theory]
        [InlineData("[Gmail]/Sent Mail")]
        [InlineData("Ne*")]
        [InlineData("What?")]
        [InlineData("back`tick")]
        public void An_escaped_name_matches_only_itself(string name)
        {
            var pattern = new NamePattern(NamePattern.Escape(name));
            Assert.True(pattern.IsMatch(name));
            Assert.False(pattern.HasWildcards);
            Assert.False(pattern.IsMatch(name + "x"));
            Assert.Equal(name, NamePattern.Unescape(NamePattern.Escape(name)));
        }

        [Fact]
        public void Nfc_and_nfd_spellings_are_the_same_name()
        {
            string nfd = "Re\u0301sume\u0301", nfc = "R\u00e9sum\u00e9";
            Assert.True(NamePattern.SameName(nfc, nfd));
            Assert.True(new NamePattern(nfc).IsMatch(nfd));
            Assert.True(new NamePattern("R\u00e9s*").IsMatch(nfd));
            Assert.False(NamePattern.SameName("Resume", nfd));
        }
    }
}
