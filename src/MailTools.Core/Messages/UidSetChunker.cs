using System;
using System.Collections.Generic;
using System.Linq;
using MailKit;
using MailKit.Search;

namespace MailTools.Core.Messages
{
    /// <summary>
    /// Compresses UIDs into ranges (1:500,502,504:600) and splits them into UID sets whose text stays under a
    /// limit, so every UID STORE / MOVE / COPY / EXPUNGE / FETCH command line stays well under 8 KB.
    /// RFC 7162 section 4 recommends clients keep command lines under 8192 octets; Exchange and others refuse longer ones.
    /// One command per chunk, never one per message.
    /// </summary>
    public static class UidSetChunker
    {
        /// <summary>Room for the set itself: 8192 less the tag, the command name, flags and a destination folder name.</summary>
        public const int DefaultMaxSetLength = 7000;

        /// <summary>Splits <paramref name="uids"/> (any order, duplicates allowed) into ascending UID sets.</summary>
        /// <param name="maxSetLength">Most characters the set's text may take ("1:5,7" is 5).</param>
        /// <param name="maxCount">Most UIDs in one set (bounds memory when a FETCH brings back one object per UID); 0 = no limit.</param>
        /// <param name="uids">The UIDs, in any order; duplicates are dropped; null throws ArgumentNullException.</param>
        public static IEnumerable<UniqueIdSet> Chunk(IEnumerable<uint> uids, int maxSetLength = DefaultMaxSetLength, int maxCount = 0)
        {
            if (uids == null)
                throw new ArgumentNullException(nameof(uids));
            if (maxSetLength < 21)
                throw new ArgumentOutOfRangeException(nameof(maxSetLength), "A set must have room for at least one range.");
            return ChunkSorted(SortedDistinct(uids), maxSetLength, maxCount);
        }

        /// <summary>The same chunking for MailKit UniqueIds.</summary>
        public static IEnumerable<UniqueIdSet> Chunk(IEnumerable<UniqueId> uids, int maxSetLength = DefaultMaxSetLength, int maxCount = 0) =>
            Chunk(uids.Select(u => u.Id), maxSetLength, maxCount);

        static IEnumerable<uint> SortedDistinct(IEnumerable<uint> uids)
        {
            var list = uids as List<uint> ?? uids.ToList();
            bool sorted = true;
            for (int i = 1; i < list.Count && sorted; i++)
                sorted = list[i] > list[i - 1];
            if (sorted)
                return list;
            var copy = new List<uint>(list);
            copy.Sort();
            return copy.Distinct();
        }

        static IEnumerable<UniqueIdSet> ChunkSorted(IEnumerable<uint> sorted, int maxSetLength, int maxCount)
        {
            var set = new UniqueIdSet(SortOrder.Ascending);
            int length = 0;
            uint start = 0, end = 0;
            bool open = false;

            foreach (uint uid in sorted)
            {
                if (uid == 0)
                    continue; // 0 is never a valid UID (RFC 3501 2.3.1.1)
                if (open && uid == end + 1 && (maxCount <= 0 || set.Count + (int)(uid - start) + 1 <= maxCount))
                {
                    end = uid;
                    continue;
                }
                if (open)
                {
                    int add = RangeLength(start, end) + (length > 0 ? 1 : 0);
                    if (length + add > maxSetLength || (maxCount > 0 && set.Count + (int)(end - start + 1) > maxCount))
                    {
                        yield return set;
                        set = new UniqueIdSet(SortOrder.Ascending);
                        length = 0;
                        add = RangeLength(start, end);
                    }
                    AddRange(set, start, end);
                    length += add;
                }
                start = end = uid;
                open = true;
            }
            if (open)
            {
                int add = RangeLength(start, end) + (length > 0 ? 1 : 0);
                if (length + add > maxSetLength || (maxCount > 0 && set.Count + (int)(end - start + 1) > maxCount))
                {
                    yield return set;
                    set = new UniqueIdSet(SortOrder.Ascending);
                }
                AddRange(set, start, end);
            }
            if (set.Count > 0)
                yield return set;
        }

        static void AddRange(UniqueIdSet set, uint start, uint end)
        {
            for (uint u = start; ; u++)
            {
                set.Add(new UniqueId(u));
                if (u == end)
                    break;
            }
        }

        /// <summary>Characters "start:end" (or "start") takes in a set.</summary>
        internal static int RangeLength(uint start, uint end) =>
            start == end ? Digits(start) : Digits(start) + 1 + Digits(end);

        static int Digits(uint n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
    }
}
