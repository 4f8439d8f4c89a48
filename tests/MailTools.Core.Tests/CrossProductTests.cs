using System;
using System.Linq;
using System.Text;
using MailTools.Core.Statistics;
using MimeKit;
using Xunit;

namespace MailTools.Core.Tests
{
    public class CrossProductTests
    {
        static MessageFacts Message(string? from, long size, int year) =>
            new MessageFacts("INBOX", size, new DateTimeOffset(year, 3, 1, 12, 0, 0, TimeSpan.Zero), false, false, from, null, null);

        [Fact]
        public void Sender_by_year_counts_each_pair_and_keeps_totals()
        {
            var m = new MailboxMeasurement("a", new[] { (System.Collections.Generic.IReadOnlyList<MailboxGroupBy>)new[] { MailboxGroupBy.Sender, MailboxGroupBy.Year } }, 0);
            var now = DateTime.Now;
            m.Add(Message("x@a", 100, 2023), 1, now);
            m.Add(Message("x@a", 50, 2024), 2, now);
            m.Add(Message("x@a", 25, 2024), 3, now);
            m.Add(Message(null, 7, 2024), 4, now);
            var rows = m.RowsWithParts(new[] { MailboxGroupBy.Sender, MailboxGroupBy.Year }).ToList();
            Assert.Equal(new[] { "x@a, 2023", "x@a, 2024", "(no sender), 2024" }, rows.Select(r => r.Row.Key));
            Assert.Equal(new[] { "x@a", "2024" }, rows[1].Parts);
            Assert.Equal(2, rows[1].Row.Count);
            Assert.Equal(75, rows[1].Row.Size);
            Assert.Equal("Sender, Year", rows[0].Row.GroupBy);
            Assert.Equal(m.Total.Size, rows.Sum(r => r.Row.Size));
        }

        [Fact]
        public void Ordered_dimensions_keep_their_order_and_folded_rows_say_others_in_each_part()
        {
            var table = new GroupTable(new[] { MailboxGroupBy.Year, MailboxGroupBy.SizeBand }, maxKeys: 4);
            Assert.Equal(new[] { "2024", ">= 10 MB" }, table.PartsOf("2024" + GroupTable.Separator + ">= 10 MB"));
            Assert.Equal(new[] { GroupTable.Others, GroupTable.Others }, table.PartsOf(GroupTable.Others));
            table.Add("2024" + GroupTable.Separator + "10-100 KB", Message("a", 20000, 2024));
            table.Add("2023" + GroupTable.Separator + ">= 10 MB", Message("a", 20 << 20, 2023));
            table.Add("2024" + GroupTable.Separator + "< 10 KB", Message("a", 10, 2024));
            Assert.Equal(new[] { "2023" + GroupTable.Separator + ">= 10 MB", "2024" + GroupTable.Separator + "< 10 KB", "2024" + GroupTable.Separator + "10-100 KB" },
                table.Rows().Select(r => r.Key));
        }

        [Theory]
        [InlineData("\"News\" <news@Shop.Example>", "news@shop.example", "shop.example")]
        [InlineData("=?utf-8?q?J=C3=B6rg?= <joerg@example.de>", "joerg@example.de", "example.de")]
        [InlineData("undisclosed", "undisclosed", "undisclosed")]
        public void The_sender_cache_gives_what_parsing_each_header_gives(string from, string address, string domain)
        {
            var cache = new SenderCache();
            for (int i = 0; i < 3; i++)   // the first a miss, then hits on equal bytes in new arrays
            {
                var headers = new HeaderList();
                headers.Add(new Header(Encoding.UTF8, HeaderId.From, from));
                headers.Add(new Header(HeaderId.Subject, "s" + i));
                Assert.Equal((address, domain), cache.Of(headers));
                Assert.Equal(address, GroupKeys.AddressOf(headers[HeaderId.From]));
            }
            Assert.Equal((null, GroupKeys.NoSender), cache.Of(new HeaderList()));
        }
    }
}
