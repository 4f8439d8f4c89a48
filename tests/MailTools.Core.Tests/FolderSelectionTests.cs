using System.Collections.Generic;
using System.Linq;
using MailTools.Core.Folders;
using Xunit;

namespace MailTools.Core.Tests
{
    public class FolderSelectionTests
    {
        static readonly IList<string> Folders = new[] { "INBOX", "Archive", "Clients", "Clients/2025", "Clients/2024", "Sent", "Réservations" };

        static IList<string> Select(bool recurse, List<string> missing, params string[] names) =>
            FolderLister.Select(Folders, f => f, f => f.Split('/').Last(), f => '/', names, recurse, missing);

        [Fact]
        public void No_names_selects_every_folder_in_server_order()
        {
            Assert.Equal(Folders, Select(false, new List<string>()));
        }

        [Fact]
        public void Wildcards_match_full_names_and_leaf_names()
        {
            Assert.Equal(new[] { "Clients/2025", "Clients/2024" }, Select(false, new List<string>(), "202*"));
            Assert.Equal(new[] { "Clients/2025" }, Select(false, new List<string>(), "Clients/2025"));
        }

        [Fact]
        public void Recurse_adds_descendants_once()
        {
            Assert.Equal(new[] { "Clients", "Clients/2025", "Clients/2024" }, Select(true, new List<string>(), "Clients", "Clients/2025"));
        }

        [Fact]
        public void Plain_names_that_match_nothing_are_reported_but_wildcards_are_not()
        {
            var missing = new List<string>();
            var picked = Select(false, missing, "Nope", "Zz*", "Sent");
            Assert.Equal(new[] { "Sent" }, picked);
            Assert.Equal(new[] { "Nope" }, missing);
        }

        [Fact]
        public void An_exact_name_wins_over_its_wildcard_reading()
        {
            var all = new List<string> { "INBOX", "Ne*", "Newsletters", "[Gmail]", "[Gmail]/Sent Mail" };
            IList<string> Pick(params string[] names) => FolderLister.Select(all, f => f, f => f.Split('/').Last(), f => '/', names, false, new List<string>());
            Assert.Equal(new[] { "Ne*" }, Pick("Ne*"));
            Assert.Equal(new[] { "[Gmail]/Sent Mail" }, Pick("[Gmail]/Sent Mail"));
            Assert.Equal(new[] { "Newsletters" }, Pick("News*"));
            Assert.Equal(new[] { "Ne*", "Newsletters" }, Pick("N*"));
        }
    }
}
