using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using MailTools.Core.Export;
using MimeKit;
using Xunit;

namespace MailTools.Core.Tests
{
    /// <summary>Import must upload the exact bytes of an exported message, and read mbox files with flat memory.</summary>
    public class ImportRawBytesTests
    {
        static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

        static byte[] Serialise(byte[] raw)
        {
            var probe = new MessageProbe();
            probe.Write(raw, 0, raw.Length);
            var message = RawMimeMessage.Create(probe.Head, (s, t) => s.Write(raw, 0, raw.Length));
            Assert.NotNull(message);
            var options = FormatOptions.Default.Clone();
            options.NewLineFormat = NewLineFormat.Dos;   // what the importer hands MailKit
            using (var ms = new MemoryStream())
            {
                message.WriteTo(options, ms);
                Assert.Equal(probe.CrlfSize, ms.Length);   // the size used for duplicate detection is the size sent
                return ms.ToArray();
            }
        }

        public static IEnumerable<object[]> Messages() => new[]
        {
            new object[] { "plain", "From: a@example.com\r\nSubject: hi\r\nMessage-ID: <1@x>\r\n\r\nbody\r\n" },
            new object[] { "headers-only-no-newline", "From: a@example.com\r\nSubject: only headers" },
            new object[] { "no-body", "Subject: x\r\n\r\n" },
            new object[] { "folded-and-8bit", "Subject: =?x-unknown?B?SGVsbG8=?= and\r\n\tfolded \u00e9\r\nTo: undisclosed-recipients:;\r\n\r\n\u00e9\u00e8\r\n" },
            new object[] { "invalid-first-line", "this is not a header\r\nX-Later: yes\r\n\r\nbody\r\n" },
            new object[] { "from-lines", "Subject: f\r\n\r\nFrom here\r\n>From there\r\n\r\n" },
            new object[] { "colon-first", ":odd\r\n\r\nx\r\n" },
            new object[] { "utf8-bom-first", "\u00ef\u00bb\u00bfFrom: a@example.com\r\nSubject: bom\r\n\r\nx\r\n" },
            new object[] { "leftover-from-line", "From user@example.com  Fri Feb 22 10:11:12 2013\r\nFrom: a@example.com\r\n\r\nx\r\n" },
            new object[] { "no-colon-at-all", "just text\r\nmore text" },
        };

        [Theory]
        [MemberData(nameof(Messages))]
        public void Crlf_messages_are_sent_byte_for_byte(string name, string text)
        {
            var raw = Encoding.GetEncoding("ISO-8859-1").GetBytes(text);
            Assert.True(raw.SequenceEqual(Serialise(raw)), name);
        }

        [Fact]
        public void Bare_lf_becomes_crlf_and_nothing_else_changes()
        {
            var raw = Ascii("Subject: lf\nX: y\n\nline one\nline two\r\nend");
            Assert.Equal(Ascii("Subject: lf\r\nX: y\r\n\r\nline one\r\nline two\r\nend"), Serialise(raw));
        }

        [Fact]
        public void Bytes_without_a_line_end_cannot_be_sent_unchanged()
        {
            var raw = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0, 1, 2, 3 };
            var probe = new MessageProbe();
            probe.Write(raw, 0, raw.Length);
            Assert.Null(probe.Headers());
            Assert.Null(RawMimeMessage.Create(probe.Head, (s, t) => s.Write(raw, 0, raw.Length)));
        }

        [Fact]
        public void Mbox_reader_keeps_memory_flat_for_a_long_line_and_a_30_MB_message()
        {
            // One 10,000-character line and one 30 MB message that is a single line: the reader must stream them.
            var path = Path.Combine(Path.GetTempPath(), "mt-mboxrd-" + Guid.NewGuid().ToString("N") + ".mbox");
            try
            {
                string longLine = new string('x', 10_000);
                using (var fs = File.Create(path))
                {
                    var head = Ascii("From a@example.com Mon Jan  1 00:00:00 2024\nSubject: long\r\n\r\n" + longLine + "\r\n>From quoted\r\n\n");
                    fs.Write(head, 0, head.Length);
                    var from = Ascii("From b@example.com Mon Jan  1 00:00:00 2024\nSubject: big\r\n\r\n");
                    fs.Write(from, 0, from.Length);
                    var chunk = Enumerable.Repeat((byte)'y', 1024 * 1024).ToArray();
                    for (int i = 0; i < 30; i++)
                        fs.Write(chunk, 0, chunk.Length);
                    fs.Write(Ascii("\r\n\n"), 0, 3);
                }
                var sizes = new List<long>();
                var hashes = new List<string>();
                var current = new HashingStream(Stream.Null);   // replaced at each message start
                long before = GC.GetAllocatedBytesForCurrentThread();
                using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
                {
                    int n = new MboxrdReader(fs).ReadAll((line, at) => current = new HashingStream(Stream.Null), s => { sizes.Add(current.BytesWritten); hashes.Add(current.Finish()); });
                    Assert.Equal(2, n);
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated < 4 * 1024 * 1024, $"the reader allocated {allocated} bytes for a 30 MB message");

                var first = Ascii("Subject: long\r\n\r\n" + longLine + "\r\nFrom quoted\r\n");
                Assert.Equal(first.Length, sizes[0]);
                Assert.Equal(FolderWriters.Sha256Of(new MemoryStream(first), out _), hashes[0]);
                Assert.Equal(Ascii("Subject: big\r\n\r\n").Length + 30L * 1024 * 1024 + 2, sizes[1]);
            }
            finally { File.Delete(path); }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(4096)]
        public void Mbox_reader_gives_the_same_bytes_whatever_the_read_size(int chunk)
        {
            var mbox = Ascii("junk before\nFrom a Mon Jan  1 00:00:00 2024\nSubject: 1\n\n>From x\n>>From y\n>Fro\n>\nFrom\n\n\n"
                + "From b Mon Jan  1 00:00:00 2024\nSubject: 2\n\nlast line without newline");
            var messages = new List<string>();
            var current = new MemoryStream();   // replaced at each message start
            new MboxrdReader(new TrickleStream(mbox, chunk)).ReadAll((line, at) => current = new MemoryStream(), s => messages.Add(Encoding.ASCII.GetString(current.ToArray())));
            Assert.Equal(new[]
            {
                "Subject: 1\n\nFrom x\n>From y\n>Fro\n>\nFrom\n\n",
                "Subject: 2\n\nlast line without newline",
            }, messages);
        }

        [Fact]
        public void Mbox_reader_keeps_a_from_line_without_a_date_as_body_text()
        {
            var mbox = Ascii("From alice@example.com Mon Feb  5 09:00:00 2024\nSubject: memo\n\nFrom the desk of Alice: closed.\n\n"
                + "From bob Tue Feb  6 09:00:00 2024 +0100\nSubject: 2\n\nx\n\n"
                + "From - Wed Feb  7 09:00:00 2024\nSubject: 3\n\ny\n");
            var messages = new List<string>();
            var bodyLines = new List<string>();
            var current = new MemoryStream();   // replaced at each message start
            new MboxrdReader(new MemoryStream(mbox), bodyLines.Add).ReadAll((line, at) => current = new MemoryStream(), s => messages.Add(Encoding.ASCII.GetString(current.ToArray())));
            Assert.Equal(new[] { "Subject: memo\n\nFrom the desk of Alice: closed.\n", "Subject: 2\n\nx\n", "Subject: 3\n\ny\n" }, messages);
            Assert.Equal(new[] { "From the desk of Alice: closed." }, bodyLines);
        }

        /// <summary>Returns at most N bytes per Read, to cut lines at every possible place.</summary>
        sealed class TrickleStream : MemoryStream
        {
            readonly int _chunk;
            public TrickleStream(byte[] bytes, int chunk) : base(bytes) { _chunk = chunk; }
            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _chunk));
        }
    }
}
