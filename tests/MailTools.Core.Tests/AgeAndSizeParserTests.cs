using System;
using System.Globalization;
using MailTools.Core.Errors;
using MailTools.Core.Text;
using Xunit;

namespace MailTools.Core.Tests
{
    public class AgeAndSizeParserTests
    {
        static readonly DateTime Now = new DateTime(2025, 5, 31, 12, 0, 0);

        [Theory]
        [InlineData("30d", "2025-05-01")]
        [InlineData("30", "2025-05-01")]
        [InlineData("30 days", "2025-05-01")]
        [InlineData("2w", "2025-05-17")]
        [InlineData("6mo", "2024-11-30")]
        [InlineData("1y", "2024-05-31")]
        [InlineData("1Y", "2024-05-31")]
        public void Ages_count_back_from_now(string text, string expectedDay)
        {
            var age = AgeParser.Parse(text, "-OlderThan");
            Assert.Equal(DateTime.Parse(expectedDay, CultureInfo.InvariantCulture), age.CutoffFrom(Now).Date);
        }

        [Fact]
        public void Numbers_are_days_and_TimeSpans_are_exact()
        {
            Assert.Equal(Now.AddDays(-45), AgeParser.Parse(45, "x").CutoffFrom(Now));
            Assert.Equal(Now.AddHours(-36), AgeParser.Parse(TimeSpan.FromHours(36), "x").CutoffFrom(Now));
        }

        [Theory]
        [InlineData("30x")]
        [InlineData("thirty days")]
        [InlineData("-5d")]
        [InlineData("1.5mo")]
        [InlineData("")]
        public void Bad_ages_name_the_value_and_the_place(string text)
        {
            var ex = Assert.Throws<MailToolsException>(() => AgeParser.Parse(text, "rule 'Old' (line 3)"));
            Assert.Equal(ErrorIds.InvalidAge, ex.ErrorId);
            Assert.Equal(MailErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("rule 'Old' (line 3)", ex.Message);
            Assert.Contains("6mo", ex.Message);
        }

        [Theory]
        [InlineData("500000", 500000L)]
        [InlineData("500KB", 500L * 1024)]
        [InlineData("500 kb", 500L * 1024)]
        [InlineData("10MB", 10L * 1024 * 1024)]
        [InlineData("1.5M", 1572864L)]
        [InlineData("1GB", 1024L * 1024 * 1024)]
        public void Sizes_use_powershell_units(string text, long expected)
        {
            Assert.Equal(expected, SizeParser.Parse(text, "-LargerThan"));
        }

        [Fact]
        public void Numeric_sizes_are_bytes()
        {
            Assert.Equal(1234L, SizeParser.Parse(1234, "x"));
            Assert.Equal(10L * 1024 * 1024, SizeParser.Parse(10L * 1024 * 1024, "x"));
        }

        [Theory]
        [InlineData("10 megs")]
        [InlineData("MB")]
        [InlineData("-1")]
        public void Bad_sizes_are_refused_with_their_id(string text)
        {
            var ex = Assert.Throws<MailToolsException>(() => SizeParser.Parse(text, "-LargerThan"));
            Assert.Equal(ErrorIds.InvalidSize, ex.ErrorId);
            Assert.Contains("-LargerThan", ex.Message);
            Assert.Contains("10MB", ex.Message);
        }
    }
}
