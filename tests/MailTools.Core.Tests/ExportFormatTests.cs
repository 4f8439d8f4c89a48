using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using MailKit;
using MailTools;
using MailTools.Core;
using MailTools.Core.Export;
using Xunit;

namespace MailTools.Core.Tests
{
    public class SafePathTests
    {
        [Theory]
        [InlineData("../escape")]
        [InlineData("..")]
        [InlineData(".")]
        [InlineData("a/b\\c:d")]
        [InlineData("CON")]
        [InlineData("nul.txt")]
        [InlineData("  trailing. ")]
        [InlineData("x\0y\r\n")]
        public void Segment_never_leaves_the_root(string name)
        {
            string root = Path.Combine(Path.GetTempPath(), "mt-root");
            string seg = SafePath.Segment(name);
            Assert.DoesNotContain('/', seg);
            Assert.DoesNotContain('\\', seg);
            Assert.DoesNotContain(':', seg);
            Assert.False(seg.StartsWith(".", StringComparison.Ordinal));
            Assert.False(SafePath.IsReserved(seg));
            string full = SafePath.Combine(root, seg);
            Assert.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, full);
        }

        [Fact]
        public void Segment_keeps_non_ascii_and_is_reversible()
        {
            Assert.Equal("Geschäftspost", SafePath.Segment("Geschäftspost"));
            Assert.Equal("Entwürfe%2E2024", SafePath.Segment("Entwürfe.2024", escapeDots: true));
            foreach (var name in new[] { "a/b\\c:d", "../escape", "100% sure", "Entwürfe.2024" })
                Assert.Equal(name, MailboxImporter.Unescape(SafePath.Segment(name, escapeDots: true)));
        }

        [Fact]
        public void Long_names_are_bounded_and_stay_unique()
        {
            string a = new string('ä', 300) + "1", b = new string('ä', 300) + "2";
            string sa = SafePath.Segment(a), sb = SafePath.Segment(b);
            Assert.True(Encoding.UTF8.GetByteCount(sa) <= SafePath.MaxSegmentBytes);
            Assert.NotEqual(sa, sb);
        }

        [Fact]
        public void Eml_names_from_hostile_subjects_are_safe()
        {
            string name = SafePath.EmlFileName(new DateTimeOffset(2024, 1, 3, 12, 0, 5, TimeSpan.Zero), "Re: <a>|b?*\"c\"/..\\CON\t\n" + new string('x', 500), "42");
            Assert.StartsWith("20240103-120005 Re_ _a__b___c__.._CON ", name);
            Assert.EndsWith(" 42.eml", name);
            Assert.True(Encoding.UTF8.GetByteCount(name) < 200);
            Assert.Equal(-1, name.IndexOfAny(Path.GetInvalidFileNameChars().Concat(new[] { ':', '*', '?', '"', '<', '>', '|', '\\' }).ToArray()));
            Assert.Equal("20240103-120005 _CON 7.eml", SafePath.EmlFileName(new DateTimeOffset(2024, 1, 3, 12, 0, 5, TimeSpan.Zero), "CON", "7"));
        }
    }

    public class MboxrdTests
    {
        static byte[] Quote(byte[] input, int chunk)
        {
            var ms = new MemoryStream();
            var q = new MboxrdQuotingStream(ms);
            for (int i = 0; i < input.Length; i += chunk)
                q.Write(input, i, Math.Min(chunk, input.Length - i));
            q.Complete();
            return ms.ToArray();
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(4096)]
        public void Quotes_every_from_line_once_more_whatever_the_buffer_split(int chunk)
        {
            var input = Encoding.ASCII.GetBytes("Subject: x\r\n\r\nFrom here\r\n>From there\r\n>>From far\r\nFrom\r\n Fromage\r\nFro\r\n>Fr\r\nFrom ");
            var expected = "Subject: x\r\n\r\n>From here\r\n>>From there\r\n>>>From far\r\nFrom\r\n Fromage\r\nFro\r\n>Fr\r\n>From ";
            Assert.Equal(expected, Encoding.ASCII.GetString(Quote(input, chunk)));
        }

        [Fact]
        public void Writer_and_reader_round_trip_exact_bytes_including_binary()
        {
            var rnd = new Random(7);
            var bodies = new[]
            {
                Encoding.ASCII.GetBytes("Subject: a\r\n\r\nFrom the start\r\n>From quoted\r\n\r\n\r\n"),
                Enumerable.Range(0, 20000).Select(_ => (byte)rnd.Next(256)).Concat(Encoding.ASCII.GetBytes("\r\n")).ToArray(),
                Encoding.ASCII.GetBytes("Subject: c\n\nFrom lf only\n\n"),
            };
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mt-mbox-" + Guid.NewGuid().ToString("N")));
            try
            {
                var state = new ExportState { Folder = "INBOX" };
                using (var w = new MboxWriter(dir.FullName, "INBOX", '/'))
                {
                    w.Recover(state, false, NullOutputWriter.Instance);
                    uint uid = 1;
                    foreach (var body in bodies)
                    {
                        var info = new MessageInfo { Folder = "INBOX", Key = (uid++).ToString(CultureInfo.InvariantCulture), InternalDate = DateTimeOffset.UtcNow, EnvelopeSender = "a b@example.com" };
                        var s = w.Begin(info);
                        var h = new HashingStream(s);
                        h.Write(body, 0, body.Length);
                        w.Commit(info, h.Finish(), body.Length, h.LastByte);
                    }
                    w.CompleteBatch(state);
                }
                var read = new System.Collections.Generic.List<byte[]>();
                using (var fs = File.OpenRead(Path.Combine(dir.FullName, "INBOX.mbox")))
                {
                    var cur = new MemoryStream();   // replaced at each message start
                    int n = new MboxrdReader(fs).ReadAll((line, off) => { Assert.StartsWith("From a_b@example.com ", line); return cur = new MemoryStream(); }, s => read.Add(cur.ToArray()));
                    Assert.Equal(3, n);
                }
                for (int i = 0; i < bodies.Length; i++)
                    Assert.Equal(bodies[i], read[i]);
                Assert.Equal(new FileInfo(Path.Combine(dir.FullName, "INBOX.mbox")).Length, state.MboxLength);
            }
            finally { dir.Delete(true); }
        }

        [Fact]
        public void From_line_has_asctime_and_parses_back()
        {
            var date = new DateTimeOffset(2024, 1, 3, 9, 4, 5, TimeSpan.FromHours(2));
            string line = MboxWriter.FromLine("<>", date);
            Assert.Equal("From <> Wed Jan  3 07:04:05 2024", line);
            Assert.Equal(date.ToUniversalTime(), MailboxImporter.ParseFromLineDate(line));
            Assert.Equal("From MAILER-DAEMON Wed Jan  3 07:04:05 2024", MboxWriter.FromLine(null, date));
        }
    }

    public class ExportStateTests
    {
        [Fact]
        public void Uid_sets_are_compact_and_round_trip()
        {
            var set = ExportState.ParseSet("1:5,7,9:12", 99);
            Assert.Equal(10, set.Count);
            Assert.Equal("1:5,7,9:12", ExportState.FormatSet(set));
            Assert.Equal("", ExportState.FormatSet(ExportState.ParseSet("", 1)));
        }

        [Fact]
        public void State_saves_atomically_and_loads_back()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mt-state-" + Guid.NewGuid().ToString("N")));
            try
            {
                string path = ExportState.PathFor(dir.FullName, "Archiv/2023\nx");
                var s = new ExportState { Folder = "Archiv/2023\nx", Format = ExportFormat.Mbox, UidValidity = 7, UidNext = 40, HighestModSeq = 123, MboxLength = 999 };
                foreach (var k in new[] { "1", "2", "3", "10", "P abc=" }) s.Add(k);
                s.Save(path);
                s.Save(path); // replacing an existing state
                var t = ExportState.Load(path, "Archiv/2023\nx", ExportFormat.Maildir);
                Assert.True(t.Exists);
                Assert.Equal(ExportFormat.Mbox, t.Format);
                Assert.Equal(7u, t.UidValidity);
                Assert.Equal(40u, t.UidNext);
                Assert.Equal(123ul, t.HighestModSeq);
                Assert.Equal(999, t.MboxLength);
                Assert.True(t.Contains("10") && t.Contains("P abc=") && !t.Contains("4"));
                Assert.Single(Directory.GetFiles(dir.FullName));
            }
            finally { dir.Delete(true); }
        }

        [Fact]
        public void Manifest_lines_round_trip_and_last_line_wins()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mt-man-" + Guid.NewGuid().ToString("N")));
            try
            {
                var e = new ManifestEntry { Folder = "Ordner \"1\"\\ä", UidValidity = 5, Key = "3", MessageId = "a@b", Size = 10, Sha256 = "00", File = "x/y.eml", Date = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)) };
                ExportManifest.Append(dir.FullName, new[] { e });
                e.Sha256 = "ff";
                ExportManifest.Append(dir.FullName, new[] { e });
                File.AppendAllText(Path.Combine(dir.FullName, ExportManifest.FileName), "{\"folder\":\"torn"); // power cut mid-line
                var loaded = ExportManifest.Load(dir.FullName, e.Folder);
                var only = Assert.Single(loaded.Values);
                Assert.Equal("ff", only.Sha256);
                Assert.Equal(e.Date, only.Date);
                Assert.Equal("x/y.eml", only.File);
                Assert.Equal(3u, only.Uid);
            }
            finally { dir.Delete(true); }
        }
    }

    public class MaildirNamingTests
    {
        [Fact]
        public void Flags_go_in_the_name_in_ascii_order_and_come_back()
        {
            var all = MessageFlags.Seen | MessageFlags.Answered | MessageFlags.Flagged | MessageFlags.Draft | MessageFlags.Deleted;
            Assert.Equal("2,DFRST", MaildirWriter.FlagsToInfo(all));
            Assert.Equal("2,", MaildirWriter.FlagsToInfo(MessageFlags.None));
            Assert.Equal(all, MaildirWriter.InfoToFlags("1.M1U2.mailtools:2,DFRST"));
            var info = new MessageInfo { UidValidity = 17, Key = "42", InternalDate = DateTimeOffset.FromUnixTimeSeconds(1700000000), Flags = MessageFlags.Seen };
            Assert.StartsWith("1700000000.M17U42.mailtools", MaildirWriter.FileNameFor(info));
            Assert.EndsWith("2,S", MaildirWriter.FileNameFor(info));
        }

        [Fact]
        public void A_batch_cut_before_it_was_made_durable_leaves_nothing_in_cur()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mt-md-" + Guid.NewGuid().ToString("N")));
            try
            {
                var state = new ExportState { Folder = "INBOX", UidValidity = 9 };
                using (var w = new MaildirWriter(dir.FullName, "INBOX", '/'))
                {
                    w.Recover(state, false, NullOutputWriter.Instance);
                    var info = new MessageInfo { Folder = "INBOX", UidValidity = 9, Key = "7", InternalDate = DateTimeOffset.UtcNow };
                    var body = Encoding.ASCII.GetBytes("Message-ID: <a@b>\r\n\r\nhi\r\n");
                    var s = w.Begin(info);
                    s.Write(body, 0, body.Length);
                    w.Commit(info, "h", body.Length, '\n');
                    // killed here: CompleteBatch (fsync, rename into cur/) never ran
                    Assert.Empty(Directory.GetFiles(Path.Combine(dir.FullName, "cur")));
                    Assert.Single(Directory.GetFiles(Path.Combine(dir.FullName, "tmp")));
                }
                using (var w = new MaildirWriter(dir.FullName, "INBOX", '/'))
                {
                    Assert.Empty(w.Recover(state, false, NullOutputWriter.Instance));
                    Assert.Empty(Directory.GetFiles(Path.Combine(dir.FullName, "tmp")));
                    Assert.Empty(Directory.GetFiles(Path.Combine(dir.FullName, "cur")));
                }
            }
            finally
            {
                dir.Delete(true);
            }
        }

        [Fact]
        public void A_message_on_disk_but_not_in_the_state_is_recovered_not_rewritten()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mt-md-" + Guid.NewGuid().ToString("N")));
            try
            {
                var state = new ExportState { Folder = "Work.Sub", UidValidity = 9 };
                using (var w = new MaildirWriter(dir.FullName, "Work.Sub", '/'))
                {
                    w.Recover(state, false, NullOutputWriter.Instance);
                    var info = new MessageInfo { Folder = "Work.Sub", UidValidity = 9, Key = "5", InternalDate = DateTimeOffset.UtcNow };
                    var body = Encoding.ASCII.GetBytes("Message-ID: <x@y>\r\n\r\nhi\r\n");
                    var s = w.Begin(info);
                    s.Write(body, 0, body.Length);
                    w.Commit(info, "h", body.Length, '\n');
                    w.CompleteBatch(state);   // durable and in cur/; the run is killed before the state records it
                    // an unfinished delivery from a killed run
                    File.WriteAllText(Path.Combine(dir.FullName, ".Work%2ESub", "tmp", "1.M9U6.mailtools"), "torn");
                }
                using (var w = new MaildirWriter(dir.FullName, "Work.Sub", '/'))
                {
                    var found = w.Recover(state, false, NullOutputWriter.Instance);
                    var e = Assert.Single(found);
                    Assert.Equal("5", e.Key);
                    Assert.Equal("x@y", e.MessageId);
                    Assert.Empty(Directory.GetFiles(Path.Combine(dir.FullName, ".Work%2ESub", "tmp")));
                }
            }
            finally { dir.Delete(true); }
        }
    }
}
