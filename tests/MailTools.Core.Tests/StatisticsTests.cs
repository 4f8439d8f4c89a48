using System;
using System.Linq;
using MailTools.Core.Cleanup;
using MailTools.Core.Report;
using MailTools.Core.Statistics;
using Xunit;

namespace MailTools.Core.Tests
{
    public class StatisticsTests
    {
        static MessageFacts Message(string from, long size, int year = 2024) =>
            new MessageFacts("INBOX", size, new DateTimeOffset(year, 3, 1, 12, 0, 0, TimeSpan.Zero), false, false, from, null, null);

        [Fact]
        public void A_table_with_too_many_keys_folds_the_smallest_half_and_keeps_totals_exact()
        {
            var table = new GroupTable(MailboxGroupBy.Sender, maxKeys: 10);
            long total = 0;
            for (int i = 0; i < 100; i++)
            {
                table.Add($"s{i}@example.com", Message($"s{i}@example.com", 1000 + i));
                total += 1000 + i;
            }
            Assert.True(table.Folded);
            Assert.True(table.KeyCount <= 11);
            Assert.Equal(total, table.Groups.Sum(g => g.Value.Size));
            Assert.Equal(100, table.Groups.Sum(g => g.Value.Count));
            Assert.Contains(table.Groups, g => g.Key == "s99@example.com"); // the largest survive
        }

        [Fact]
        public void Top_keeps_the_largest_by_size_or_by_count()
        {
            var table = new GroupTable(MailboxGroupBy.Sender);
            table.Add("big@x", Message("big@x", 5000));
            for (int i = 0; i < 3; i++) table.Add("many@x", Message("many@x", 10));
            table.Add("small@x", Message("small@x", 1));
            Assert.Equal(new[] { "big@x" }, table.Rows(1).Select(r => r.Key));
            Assert.Equal(new[] { "many@x" }, table.Rows(1, byCount: true).Select(r => r.Key));
            Assert.Equal(new[] { "big@x", "many@x", "small@x" }, table.Rows().Select(r => r.Key));
        }

        [Theory]
        [InlineData(0, "< 10 KB")]
        [InlineData(10239, "< 10 KB")]
        [InlineData(10240, "10-100 KB")]
        [InlineData(1048576, "1-10 MB")]
        [InlineData(10485760, ">= 10 MB")]
        public void Size_bands_use_1024(long size, string band) => Assert.Equal(band, GroupKeys.SizeBand(size));

        [Theory]
        [InlineData("\"News\" <news@Shop.Example>", "news@shop.example")]
        [InlineData("=?utf-8?q?J=C3=B6rg?= <joerg@example.de>", "joerg@example.de")]
        [InlineData("", null)]
        public void The_sender_is_the_first_address_in_lower_case(string header, string? address) => Assert.Equal(address, GroupKeys.AddressOf(header));

        [Theory]
        [InlineData("Tech Digest <digest.techdigest.example>", "digest.techdigest.example")]
        [InlineData("<list.example.org>", "list.example.org")]
        [InlineData("  ", null)]
        public void The_list_is_the_List_Id_identifier(string header, string? id) => Assert.Equal(id, GroupKeys.ListIdOf(header));

        [Fact]
        public void A_ListId_rule_reads_from_JSON_and_counts_as_a_condition()
        {
            var policy = PolicyReader.Read(JsonPolicyParser.Parse(
                "{ \"Rules\": [ { \"Name\": \"L\", \"Folders\": \"INBOX\", \"ListId\": \"news.example\", \"Action\": \"Delete\" } ] }", "p.json"), "p.json");
            Assert.Equal("news.example", policy.Rules[0].Query.ListId);
            Assert.True(PolicyReader.HasCondition(policy.Rules[0].Query));
            Assert.Contains("list 'news.example'", policy.Rules[0].Query.Describe());
        }

        [Fact]
        public void The_written_policy_quotes_names_and_leaves_flagged_mail_alone()
        {
            var set = new SuggestionSet();
            var rule = new CleanupRule { Name = "Old mail from o'brien@example.com", Folders = { "Clients", "Q&A: 'x'" }, Action = CleanupAction.Delete };
            rule.Query.From = "o'brien@example.com";
            rule.Query.OlderThan = Text.AgeParser.Parse("90d", "t");
            set.Policy.Rules.Add(rule);
            set.Suggestions.Add(new MailCleanupSuggestion { Account = "a", Rule = rule.Name, Count = 3, Size = 2048, Reason = "line one\nline two" });
            var text = PolicyWriter.Write(new[] { set }, new DateTime(2026, 1, 2));
            Assert.Contains("From = 'o''brien@example.com'", text);
            Assert.Contains("Folders = 'Clients', 'Q&A: ''x'''", text);
            Assert.Contains("OlderThan = '90d'", text);
            Assert.Contains("# line one line two a: 3 message(s), 2.0 KB freed.", text);
            Assert.DoesNotContain("IncludeFlagged", text);
        }

        [Fact]
        public void Nice_scales_end_on_round_numbers()
        {
            var s = ChartScale.ForBytes(4.8 * 1024 * 1024);
            Assert.Equal("MB", s.Unit);
            Assert.Equal(5.0 * 1024 * 1024, s.Max);
            Assert.Equal(6, s.Ticks().Count());
            Assert.Equal(8, ChartScale.ForCount(7).Max);
        }
    }
}
