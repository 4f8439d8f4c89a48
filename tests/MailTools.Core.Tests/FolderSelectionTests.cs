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
    }
}
