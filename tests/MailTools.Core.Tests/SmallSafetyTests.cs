using System;
using System.Linq;
using MailKit;
using MailTools.Core.Cleanup;
using MailTools.Core.Errors;
using MailTools.Core.Export;
using MailTools.Core.Messages;
using MailTools.Core.Text;
using Xunit;

namespace MailTools.Core.Tests
{
    /// <summary>The small ones of issue 11, item 12: clearer messages and no quadratic selection.</summary>
    public class SmallSafetyTests
    {
        [Theory]
        [InlineData("99999y")]
        [InlineData("99999d")]
        [InlineData("5000mo")]
        [InlineData(99999)]
        public void An_age_too_large_says_so(object value)
        {
            var ex = Assert.Throws<MailToolsException>(() => AgeParser.Parse(value, "-OlderThan"));
            Assert.Equal(ErrorIds.InvalidAge, ex.ErrorId);
            Assert.Contains("too large", ex.Message);
            Assert.DoesNotContain("is not an age", ex.Message);
        }

        [Fact]
        public void A_wrong_age_still_says_it_is_not_an_age()
        {
            var ex = Assert.Throws<MailToolsException>(() => AgeParser.Parse("3x", "-OlderThan"));
            Assert.Contains("is not an age", ex.Message);
        }

        [Fact]
        public void A_range_that_ends_before_it_starts_is_named()
        {
            var q = new MessageQuery { Since = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), Before = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) };
            Assert.Contains("matches nothing", q.EmptyRangeWarning());
            Assert.Contains("2030-01-01", q.EmptyRangeWarning());
            q.Before = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);
            Assert.Null(q.EmptyRangeWarning());
            Assert.Null(new MessageQuery { Since = DateTimeOffset.Now }.EmptyRangeWarning());
        }

        static MailToolsException PolicyError(string json) =>
            Assert.Throws<MailToolsException>(() => PolicyReader.Read(JsonPolicyParser.Parse(json, "p.json"), "p.json"));

        [Fact]
        public void A_wrong_value_names_its_line_once()
        {
            var ex = PolicyError("{ \"Rules\": [ { \"Folders\": \"INBOX\", \"OlderThan\": \"30d\", \"From\": 5, \"Read\": \"yes\" } ] }");
            Assert.Contains("line 1, rule 'rule 1': 'From' must be text", ex.Message);
            Assert.Contains("line 1, rule 'rule 1': 'Read' must be", ex.Message);
            Assert.DoesNotContain("line 1, line 1", ex.Message);
        }

        [Fact]
        public void A_value_of_the_wrong_shape_is_named_by_its_shape_not_its_dotnet_type()
        {
            var ex = PolicyError("{ \"Rules\": [ { \"Folders\": \"INBOX\", \"LargerThan\": { \"mb\": 10 } } ] }");
            Assert.DoesNotContain("System.Collections", ex.Message);
            Assert.Contains("LargerThan", ex.Message);
        }

        [Theory]
        [InlineData("{ \"Rules\": [ { \"Folders\": \"INBOX\" \"OlderThan\": \"30d\" } ] }")]
        [InlineData("{ \"Rules\": [ { \"Folders\": \"INBOX\", \"OlderThan\": \"30d\" } ] } x")]
        [InlineData("{ \"Rules\": [ { \"Folders\": [\"INBOX\",,], \"OlderThan\": \"30d\" } ] }")]
        public void A_json_syntax_error_is_said_once_without_reader_jargon(string json)
        {
            var ex = Assert.Throws<MailToolsException>(() => JsonPolicyParser.Parse(json, "p.json"));
            Assert.Equal(ErrorIds.InvalidPolicy, ex.ErrorId);
            Assert.DoesNotContain("reader options", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("LineNumber", ex.Message);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(ex.Message, @"line \d+").Cast<object>());
        }

        [Fact]
        public void A_trailing_comma_in_a_hand_edited_json_policy_is_accepted()
        {
            var policy = PolicyReader.Read(JsonPolicyParser.Parse("{ \"Rules\": [ { \"Folders\": \"INBOX\", \"OlderThan\": \"30d\", }, ], }", "p.json"), "p.json");
            Assert.Single(policy.Rules);
        }

        [Fact]
        public void Archive_verification_selects_exactly_the_wanted_uids_from_a_large_manifest()
        {
            // 200,000 manifest entries against 100,000 wanted UIDs: a nested loop would make 2*10^10 comparisons.
            var wanted = Enumerable.Range(1, 100_000).Select(i => new UniqueId(7, (uint)(i * 2))).ToList();
            var entries = Enumerable.Range(1, 200_000)
                .Select(i => new ManifestEntry { Folder = "Archive", UidValidity = 7, Key = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                .ToList();
            var isWanted = MailboxExporter.WantedFilter(wanted);
            var chosen = entries.Where(isWanted).Select(e => e.Uid).ToList();
            Assert.Equal(100_000, chosen.Count);
            Assert.All(chosen, uid => Assert.Equal(0u, uid % 2));
            Assert.True(MailboxExporter.WantedFilter(null)(entries[0]));
        }
    }
}
