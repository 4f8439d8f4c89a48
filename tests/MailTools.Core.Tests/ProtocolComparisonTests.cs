using System;
using System.Collections.Generic;
using System.Linq;
using MailTools.Core.Compare;
using Xunit;

namespace MailTools.Core.Tests
{
    public class ProtocolComparisonTests
    {
        static ImapFacts Imap(params (string name, int count, long size, int unread, MailSpecialUse use)[] folders) => new ImapFacts
        {
            Server = "mail.example.com",
            Port = 993,
            Security = MailSecurity.SslOnConnect,
            TlsVersion = "Tls13",
            Idle = true,
            Folders = folders.Select(f => new ProtocolComparisonFolder
            {
                FullName = f.name,
                Count = f.count,
                Size = f.size,
                Unread = f.unread,
                SpecialUse = f.use,
                VisibleToPop3 = f.use == MailSpecialUse.Inbox,
            }).ToList(),
        };

        static ImapFacts Typical() => Imap(
            ("INBOX", 10, 10_000, 3, MailSpecialUse.Inbox),
            ("Sent", 4, 4_000, 0, MailSpecialUse.Sent),
            ("Archive", 20, 2_000_000, 1, MailSpecialUse.Archive),
            ("Newsletters", 6, 6_000, 6, MailSpecialUse.None),
            ("Trash", 0, 0, 0, MailSpecialUse.Trash));

        static Pop3Facts Pop3(int count = 10, long size = 10_000) => new Pop3Facts
        {
            Server = "mail.example.com",
            Port = 995,
            Security = MailSecurity.SslOnConnect,
            TlsVersion = "Tls13",
            Count = count,
            Size = size,
            UidCount = count,
            Uidl = true,
            Top = true,
            Pipelining = true,
        };

        static ProtocolComparisonRow Row(ProtocolComparison c, string aspect) => c.Rows.Single(r => r.Aspect == aspect);

        [Fact]
        public void Both_protocols_give_counts_invisible_folders_and_an_imap_verdict()
        {
            var c = ComparisonBuilder.Build("alice@mail.example.com", Typical(), Pop3(), null);

            Assert.True(c.ImapAvailable);
            Assert.True(c.Pop3Available);
            Assert.Equal(5, c.ImapFolderCount);
            Assert.Equal(40, c.ImapMessageCount);
            Assert.Equal(30, c.InvisibleToPop3Count);
            Assert.Equal(2_010_000, c.InvisibleToPop3Size);
            Assert.Equal(3, c.InvisibleToPop3FolderCount); // Trash is empty: not a folder with hidden mail
            Assert.Equal(10, c.UnreadCount);
            Assert.Equal("Sent", c.SentFolder);
            Assert.Equal(4, c.SentCount);
            Assert.Contains("30 messages (1.9 MB) in 3 other folders are invisible to a POP3 client", Row(c, "Messages visible").Meaning);
            Assert.Contains("Archive 20, Newsletters 6, Sent 4", Row(c, "Messages visible").Meaning);
            Assert.Contains("would remove 10 messages (9.8 KB)", Row(c, "Deletion").Pop3);
            Assert.Contains("Both see the same 10 messages", Row(c, "Inbox agreement").Meaning);
            Assert.StartsWith("Use IMAP on every device", c.Recommendation);
            Assert.Contains("delete after download", c.Recommendation);
            Assert.Equal(11, c.Rows.Count);
            Assert.Equal("Recommendation", c.Rows.Last().Aspect);
        }

        [Fact]
        public void Virtual_all_mail_folders_are_not_counted_twice()
        {
            var imap = Imap(("INBOX", 2, 200, 0, MailSpecialUse.Inbox), ("Archive", 3, 300, 0, MailSpecialUse.Archive),
                ("[Gmail]/All Mail", 5, 500, 0, MailSpecialUse.All));
            var c = ComparisonBuilder.Build("a", imap, Pop3(2, 200), null);
            Assert.Equal(5, c.ImapMessageCount);
            Assert.Equal(3, c.InvisibleToPop3Count);
        }

        [Fact]
        public void Imap_only_server_reads_not_offered_and_still_recommends_imap()
        {
            var c = ComparisonBuilder.Build("a", Typical(), new Pop3Facts { State = SideState.NotOffered }, null);
            Assert.False(c.Pop3Available);
            Assert.Null(c.Pop3Count);
            Assert.All(c.Rows.Take(c.Rows.Count - 1).Skip(1), r => Assert.Equal("not offered", r.Pop3));
            Assert.Contains("only be used over IMAP", c.Recommendation);
            Assert.Contains("not offered", c.Recommendation);
            Assert.DoesNotContain("delete after download", c.Recommendation);
        }

        [Fact]
        public void Pop3_only_server_recommends_leaving_a_copy()
        {
            var c = ComparisonBuilder.Build("a", new ImapFacts { State = SideState.NotOffered }, Pop3(), null);
            Assert.False(c.ImapAvailable);
            Assert.Equal(10, c.Pop3Count);
            Assert.Equal("not offered", Row(c, "Messages visible").Imap);
            Assert.Contains("only be read over POP3", c.Recommendation);
            Assert.Contains("leave a copy on the server", c.Recommendation);
        }

        [Fact]
        public void Quota_shows_used_of_limit_and_a_nearly_full_server_gets_the_cleanup_advice()
        {
            var imap = Typical();
            imap.QuotaOffered = true;
            imap.QuotaUsed = 45L * 1024 * 1024;
            imap.QuotaLimit = 50L * 1024 * 1024;
            var c = ComparisonBuilder.Build("a", imap, Pop3(), null);
            Assert.Equal(90.0, c.QuotaPercent);
            Assert.Equal("45 MB of 50 MB used (90%)", Row(c, "Server storage").Imap);
            Assert.Contains("Invoke-MailCleanup", c.Recommendation);
            Assert.Contains("90% full", c.Recommendation);
        }

        [Fact]
        public void Inbox_mismatch_is_explained()
        {
            var imap = Typical();
            imap.InboxDeleted = 2;
            var c = ComparisonBuilder.Build("a", imap, Pop3(8, 8_000), null);
            var meaning = Row(c, "Inbox agreement").Meaning;
            Assert.Contains("IMAP sees 2 messages more than POP3", meaning);
            Assert.Contains("marked deleted", meaning);
        }

        [Fact]
        public void Login_refused_and_not_checked_are_values_not_errors()
        {
            var c = ComparisonBuilder.Build("a", Typical(), new Pop3Facts { State = SideState.LoginRefused, Problem = "wrong password" }, null);
            Assert.Equal("login refused", Row(c, "Deletion").Pop3);
            var n = ComparisonBuilder.Build("a", Typical(), null, null);
            Assert.Null(n.Pop3Available);
            Assert.Contains("POP3 was not checked", n.Recommendation);
        }

        [Fact]
        public void Reachable_row_lists_every_port_tried()
        {
            var probes = new List<ProtocolProbeResult>
            {
                new ProtocolProbeResult { Protocol = MailProtocol.Imap, Server = "m", Port = 993, Security = MailSecurity.SslOnConnect, Status = ProbeStatus.Answered, TlsVersion = "Tls13" },
                new ProtocolProbeResult { Protocol = MailProtocol.Imap, Server = "m", Port = 143, Security = MailSecurity.StartTls, Status = ProbeStatus.NotOffered },
                new ProtocolProbeResult { Protocol = MailProtocol.Pop3, Server = "m", Port = 995, Security = MailSecurity.SslOnConnect, Status = ProbeStatus.NotOffered },
                new ProtocolProbeResult { Protocol = MailProtocol.Pop3, Server = "m", Port = 110, Security = MailSecurity.StartTls, Status = ProbeStatus.NotOffered },
            };
            var c = ComparisonBuilder.Build("a", Typical(), new Pop3Facts { State = SideState.NotOffered }, probes);
            var row = Row(c, "Reachable and secure");
            Assert.Equal("993 TLS: yes (TLS 1.3); 143 STARTTLS: not offered; login: OK", row.Imap);
            Assert.Equal("995 TLS: not offered; 110 STARTTLS: not offered", row.Pop3);
        }

        [Fact]
        public void Probe_targets_cover_the_four_usual_ports_and_try_odd_ports_both_ways()
        {
            var imap = ProtocolProbe.Targets(MailProtocol.Imap, "m", null, MailSecurity.Auto);
            Assert.Equal(new[] { "993 SslOnConnect", "143 StartTls" }, imap.Select(t => $"{t.Port} {t.Security}"));
            var pop = ProtocolProbe.Targets(MailProtocol.Pop3, "m", Array.Empty<int>(), MailSecurity.Auto);
            Assert.Equal(new[] { "995 SslOnConnect", "110 StartTls" }, pop.Select(t => $"{t.Port} {t.Security}"));
            var odd = ProtocolProbe.Targets(MailProtocol.Imap, "m", new[] { 143, 10993 }, MailSecurity.Auto);
            Assert.Equal(new[] { "143 StartTls", "10993 SslOnConnect", "10993 StartTls" }, odd.Select(t => $"{t.Port} {t.Security}"));
            var forced = ProtocolProbe.Targets(MailProtocol.Imap, "m", new[] { 10993 }, MailSecurity.SslOnConnect);
            Assert.Equal(new[] { "10993 SslOnConnect" }, forced.Select(t => $"{t.Port} {t.Security}"));
            var startTlsOnly = ProtocolProbe.Targets(MailProtocol.Pop3, "m", null, MailSecurity.StartTls);
            Assert.Equal(new[] { "110 StartTls" }, startTlsOnly.Select(t => $"{t.Port} {t.Security}"));
        }

        [Fact]
        public void A_port_tried_both_ways_reports_the_mode_that_answered()
        {
            var results = new List<ProtocolProbeResult>
            {
                new ProtocolProbeResult { Protocol = MailProtocol.Imap, Server = "m", Port = 10143, Security = MailSecurity.SslOnConnect, Status = ProbeStatus.TlsFailed },
                new ProtocolProbeResult { Protocol = MailProtocol.Imap, Server = "m", Port = 10143, Security = MailSecurity.StartTls, Status = ProbeStatus.Answered },
                new ProtocolProbeResult { Protocol = MailProtocol.Imap, Server = "m", Port = 10993, Security = MailSecurity.SslOnConnect, Status = ProbeStatus.NotOffered },
                new ProtocolProbeResult { Protocol = MailProtocol.Imap, Server = "m", Port = 10993, Security = MailSecurity.StartTls, Status = ProbeStatus.NotOffered },
            };
            var kept = ProtocolProbe.Collapse(results);
            Assert.Equal(new[] { "10143 STARTTLS", "10993 TLS" }, kept.Select(r => r.Mode));
        }

        [Fact]
        public void Rendered_table_fits_80_columns_without_cutting_words()
        {
            var c = ComparisonBuilder.Build("alice@mail.example.com", Typical(), Pop3(), null);
            var text = ComparisonText.Render(c, 79);
            var lines = text.Split('\n');
            Assert.All(lines, l => Assert.True(l.Length <= 79, $"too long ({l.Length}): {l}"));
            Assert.StartsWith("IMAP and POP3 for alice@mail.example.com", text);
            Assert.Contains("What it means", text);
            // Every word of the verdict is still whole somewhere in the text.
            var words = new HashSet<string>(text.Split(new[] { ' ', '\n' }, System.StringSplitOptions.RemoveEmptyEntries));
            Assert.NotNull(c.Recommendation);
            Assert.All(c.Recommendation.Split(' '), w => Assert.Contains(w, words));
        }

        [Fact]
        public void Wrap_keeps_words_whole_and_cuts_only_overlong_ones()
        {
            Assert.Equal(new[] { "one two", "three" }, ComparisonText.Lines("one two three", 8));
            Assert.Equal(new[] { "abcdefgh", "ij" }, ComparisonText.Lines("abcdefghij", 8));
            Assert.Equal(new[] { "" }, ComparisonText.Lines(null, 8));
        }

        [Fact]
        public void Reference_needs_no_server_and_has_every_aspect()
        {
            var r = ReferenceComparison.Build();
            Assert.True(r.IsReference);
            Assert.Null(r.ImapAvailable);
            Assert.Equal(13, r.Rows.Count);
            Assert.All(r.Rows, row => Assert.False(string.IsNullOrWhiteSpace(row.Meaning)));
            var measured = ComparisonBuilder.Build("a", Typical(), Pop3(), null);
            SendingRows.Apply(measured, SendingRowsTests.Accepted());
            Assert.Equal(measured.Rows.Select(x => x.Aspect), r.Rows.Select(x => x.Aspect));
            Assert.Contains("no copy on the server", r.Recommendation);
        }

        [Theory]
        [InlineData(0, "0 bytes")]
        [InlineData(1, "1 byte")]
        [InlineData(2048, "2 KB")]
        [InlineData(1572864, "1.5 MB")]
        [InlineData(53687091200, "50 GB")]
        public void Sizes_read_as_people_say_them(long bytes, string expected)
        {
            Assert.Equal(expected, ComparisonBuilder.Size(bytes));
        }
    }
}
