using System;
using System.Collections.Generic;
using System.Linq;

namespace MailTools.Core.Statistics
{
    /// <summary>The N largest messages seen so far: a bounded min-heap, so memory is N entries whatever the account holds.</summary>
    public sealed class LargestMessages
    {
        readonly int _capacity;
        readonly SortedSet<(long Size, string Folder, uint Uid)> _heap = new SortedSet<(long, string, uint)>();
        readonly Dictionary<(string, uint), LargeMessage> _items = new Dictionary<(string, uint), LargeMessage>();

        /// <summary>Keeps the <paramref name="capacity"/> largest messages; 0 keeps none.</summary>
        public LargestMessages(int capacity) => _capacity = Math.Max(0, capacity);

        internal void Offer(string folder, uint uid, in MessageFacts m)
        {
            if (Makes(m.Size))
                Keep(new LargeMessage { Folder = folder, Uid = uid, Size = m.Size, Date = m.Date, From = m.From });
        }

        /// <summary>Adds another list's messages (with the subjects it fetched), keeping the largest N of both.</summary>
        internal void Merge(LargestMessages other)
        {
            foreach (var m in other._items.Values)
                if (Makes(m.Size))
                    Keep(m);
        }

        bool Makes(long size) => _capacity > 0 && (_heap.Count < _capacity || size > _heap.Min.Size);

        void Keep(LargeMessage m)
        {
            if (_heap.Count >= _capacity)
            {
                var min = _heap.Min;
                _heap.Remove(min);
                _items.Remove((min.Folder, min.Uid));
            }
            _heap.Add((m.Size, m.Folder, m.Uid));
            _items[(m.Folder, m.Uid)] = m;
        }

        /// <summary>UIDs of this folder still among the largest (their subjects are fetched once the folder is done).</summary>
        internal IList<uint> UidsIn(string folder) => _items.Keys.Where(k => k.Item1 == folder).Select(k => k.Item2).ToList();

        internal LargeMessage? Get(string folder, uint uid) => _items.TryGetValue((folder, uid), out var m) ? m : null;

        /// <summary>The kept messages, largest first.</summary>
        public IList<LargeMessage> Items => _items.Values.OrderByDescending(m => m.Size).ThenBy(m => m.Folder, StringComparer.Ordinal).ToList();
    }
}
