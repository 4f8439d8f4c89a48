using System;
using System.IO;
using MailTools.Core.Cleanup;
using MailTools.Core.Messages;
using MailTools.Core.Text;
using Xunit;

namespace MailTools.Core.Tests
{
    public class DeletionLogTests
    {
        [Fact]
        public void Appends_across_runs_with_one_header_and_quotes_like_RFC_4180()
        {
            string path = Path.Combine(Path.GetTempPath(), "mailtools-log-" + Guid.NewGuid().ToString("N") + ".csv");
            try
            {
                var m = new MailMessage { Account = "a@x", Folder = "INBOX", Uid = 7, Subject = "Hello, \"world\"\r\nagain", From = "A <a@x>", Size = 10, MessageId = "id@x" };
                using (var log = DeletionLog.Open(path)) { log.Write(DateTimeOffset.Now, m, "Delete", null); log.Flush(); }
                using (var log = DeletionLog.Open(path)) { log.Write(DateTimeOffset.Now, m, "Trash", "Trash"); log.Flush(); }
                var lines = File.ReadAllLines(path);
                Assert.Equal(3, lines.Length);
                Assert.StartsWith("Time,Account,Folder,Uid,MessageId", lines[0]);
                Assert.Contains(",\"Hello, \"\"world\"\"  again\",", lines[1]);
                Assert.EndsWith(",Trash,Trash", lines[2]);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Exact_times_are_checked_on_the_client_and_widened_on_the_server()
        {
            var q = new MessageQuery { Before = new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero) };
            Assert.True(q.MatchesTime(new DateTimeOffset(2025, 3, 10, 11, 59, 0, TimeSpan.Zero)));
            Assert.False(q.MatchesTime(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero)));
            var server = Assert.IsType<MailKit.Search.DateSearchQuery>(q.ToSearchQuery(DateTime.Now));
            Assert.Equal(q.Before.Value.LocalDateTime.Date.AddDays(2), server.Date);
        }

        [Fact]
        public void Pop3_matching_uses_every_condition_on_the_client()
        {
            var now = new DateTime(2025, 6, 1);
            var q = new MessageQuery { OlderThan = AgeParser.Parse("30d", "x"), LargerThan = 1000, Subject = "report" };
            var old = new MailMessage { Date = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), Size = 5000, Subject = "Monthly Report" };
            Assert.True(q.Matches(old, now));
            old.Size = 999;
            Assert.False(q.Matches(old, now));
            var recent = new MailMessage { Date = new DateTimeOffset(2025, 5, 30, 0, 0, 0, TimeSpan.Zero), Size = 5000, Subject = "report" };
            Assert.False(q.Matches(recent, now));
        }
    }
}
