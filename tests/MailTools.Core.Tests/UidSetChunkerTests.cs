using System;
using System.Collections.Generic;
using System.Linq;
using MailTools.Core.Messages;
using Xunit;

namespace MailTools.Core.Tests
{
    public class UidSetChunkerTests
    {
        [Fact]
        public void Contiguous_uids_become_one_range()
        {
            var chunks = UidSetChunker.Chunk(Enumerable.Range(1, 100000).Select(i => (uint)i)).ToList();
            Assert.Single(chunks);
            Assert.Equal("1:100000", chunks[0].ToString());
        }

        [Fact]
        public void Fifty_thousand_scattered_uids_stay_under_8KB_per_command_and_lose_nothing()
        {
            // Every other UID from a folder of 100,000, plus random holes: the worst case for range compression.
            var random = new Random(4315);
            var uids = new List<uint>();
            for (uint u = 1; uids.Count < 50000; u += 2)
                if (random.Next(10) != 0 || u % 7 == 0)
                    uids.Add(u + (uint)(u > 60000 ? 1000000 : 0));
            var shuffled = uids.OrderBy(_ => random.Next()).ToList();

            var chunks = UidSetChunker.Chunk(shuffled).ToList();

            Assert.True(chunks.Count > 1);
            foreach (var chunk in chunks)
            {
                string set = chunk.ToString();
                // The longest command we send: tag + UID STORE <set> +FLAGS.SILENT (\Deleted)
                string command = $"A00001 UID STORE {set} +FLAGS.SILENT (\\Deleted)\r\n";
                Assert.True(command.Length < 8192, $"command of {command.Length} characters");
                Assert.True(set.Length <= UidSetChunker.DefaultMaxSetLength);
            }
            var back = chunks.SelectMany(c => c.Select(u => u.Id)).ToList();
            Assert.Equal(uids.OrderBy(u => u), back);
            // Chunks are ascending and do not overlap.
            for (int i = 1; i < chunks.Count; i++)
                Assert.True(chunks[i].First().Id > chunks[i - 1].Last().Id);
            // Close to full: no more chunks than the text needs.
            int total = chunks.Sum(c => c.ToString().Length);
            Assert.True(chunks.Count <= total / (UidSetChunker.DefaultMaxSetLength - 20) + 1);
        }

        [Fact]
        public void Ranges_are_compressed_inside_a_chunk()
        {
            var chunk = UidSetChunker.Chunk(new uint[] { 9, 1, 2, 3, 5, 7, 8, 3 }).Single();
            Assert.Equal("1:3,5,7:9", chunk.ToString());
        }

        [Fact]
        public void Max_count_bounds_the_uids_per_chunk()
        {
            var chunks = UidSetChunker.Chunk(Enumerable.Range(1, 2500).Select(i => (uint)i), maxCount: 1000).ToList();
            Assert.Equal(new[] { 1000, 1000, 500 }, chunks.Select(c => c.Count));
            Assert.Equal("1:1000", chunks[0].ToString());
            Assert.Equal("2001:2500", chunks[2].ToString());
        }

        [Fact]
        public void Nothing_in_gives_nothing_out()
        {
            Assert.Empty(UidSetChunker.Chunk(Array.Empty<uint>()));
        }
    }
}
