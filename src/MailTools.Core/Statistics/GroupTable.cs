using System;
using System.Collections.Generic;
using System.Linq;

namespace MailTools.Core.Statistics
{
    /// <summary>
    /// One grouping's accumulators: one dimension (Sender) or the cross product of several (Sender × Year), whose key is
    /// the parts joined with <see cref="Separator"/>. Memory grows with the number of distinct keys, never with the number of messages;
    /// and a grouping with very many keys (senders of a 20-year-old account) is held to <see cref="MaxKeys"/>: when it
    /// passes that, the smaller half is folded into one "(others)" row, so totals stay exact and memory stays bounded.
    /// </summary>
    public sealed class GroupTable
    {
        /// <summary>The key of the row that holds the folded, smaller groups.</summary>
        public const string Others = "(others)";
        /// <summary>The most keys one grouping keeps before folding the smaller half.</summary>
        public const int MaxKeys = 20000;
        /// <summary>Joins the parts of a cross-product key: a control character no sender, list or folder name holds.</summary>
        public const char Separator = '\u001F';
        internal const string SeparatorText = "\u001F";

        readonly Dictionary<string, GroupAccumulator> _groups = new Dictionary<string, GroupAccumulator>(StringComparer.Ordinal);
        readonly int _maxKeys;

        /// <summary>A table of one dimension.</summary>
        public GroupTable(MailboxGroupBy by, int maxKeys = MaxKeys) : this(new[] { by }, maxKeys) { }

        /// <summary>A table of one dimension or the cross product of several, in this order.</summary>
        public GroupTable(IReadOnlyList<MailboxGroupBy> by, int maxKeys = MaxKeys)
        {
            if (by == null || by.Count == 0) throw new ArgumentException("At least one grouping.", nameof(by));
            By = by.ToArray();
            _maxKeys = Math.Max(2, maxKeys);
        }

        /// <summary>The dimensions, in the order asked for (one, or several for a cross product).</summary>
        public IReadOnlyList<MailboxGroupBy> By { get; }

        /// <summary>The parts of a key, one per dimension ("(others)" in each for the folded row).</summary>
        public IReadOnlyList<string> PartsOf(string key)
        {
            if (By.Count == 1)
                return new[] { key };
            if (key == Others)
                return By.Select(_ => Others).ToArray();
            return key.Split(Separator);
        }
        /// <summary>How many rows (keys) the table holds now.</summary>
        public int KeyCount => _groups.Count;
        /// <summary>True once keys were folded into "(others)".</summary>
        public bool Folded { get; private set; }

        internal void Add(string key, in MessageFacts m)
        {
            if (!_groups.TryGetValue(key, out var group))
            {
                if (_groups.Count >= _maxKeys)
                    Fold();
                _groups[key] = group = new GroupAccumulator();
            }
            group.Add(m);
        }

        /// <summary>Adds another table's rows (same dimensions): totals stay exact, and the key limit holds as in <see cref="Add"/>.</summary>
        internal void Merge(GroupTable other)
        {
            foreach (var pair in other._groups)
            {
                if (!_groups.TryGetValue(pair.Key, out var group))
                {
                    if (_groups.Count >= _maxKeys && pair.Key != Others)
                        Fold();
                    if (!_groups.TryGetValue(pair.Key, out group))   // folding may have made "(others)"
                        _groups[pair.Key] = group = new GroupAccumulator();
                }
                group.Merge(pair.Value);
            }
            Folded |= other.Folded;
        }

        /// <summary>A row for the key even with no message (an empty folder is still a folder).</summary>
        internal void Ensure(string key)
        {
            if (!_groups.ContainsKey(key) && _groups.Count < _maxKeys)
                _groups[key] = new GroupAccumulator();
        }

        void Fold()
        {
            var others = _groups.TryGetValue(Others, out var o) ? o : new GroupAccumulator();
            foreach (var pair in _groups.Where(p => p.Key != Others).OrderBy(p => p.Value.Size).Take(_groups.Count / 2).ToList())
            {
                others.Merge(pair.Value);
                _groups.Remove(pair.Key);
            }
            _groups[Others] = others;
            Folded = true;
        }

        /// <summary>Every row, in no particular order.</summary>
        public IEnumerable<KeyValuePair<string, GroupAccumulator>> Groups => _groups;

        /// <summary>
        /// The rows in their order: ordered groupings by key, the others largest first. With <paramref name="top"/> &gt; 0 only the
        /// largest that many (by size, or count), picked with a bounded heap rather than a full sort.
        /// </summary>
        public IList<KeyValuePair<string, GroupAccumulator>> Rows(int top = 0, bool byCount = false)
        {
            IEnumerable<KeyValuePair<string, GroupAccumulator>> rows = _groups;
            if (top > 0 && _groups.Count > top)
                rows = TopN(top, byCount);
            return By.All(GroupKeys.IsOrdered)
                ? rows.OrderBy(p => OrderOf(p.Key), StringComparer.Ordinal).ToList()
                : rows.OrderByDescending(p => byCount ? p.Value.Count : p.Value.Size).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        }

        string OrderOf(string key)
        {
            if (By.Count == 1)
                return GroupKeys.OrderOf(By[0], key);
            var parts = PartsOf(key);
            return string.Join(SeparatorText, By.Select((by, i) => GroupKeys.OrderOf(by, parts[i])));
        }

        List<KeyValuePair<string, GroupAccumulator>> TopN(int top, bool byCount)
        {
            var heap = new SortedSet<(long Weight, string Key)>();
            foreach (var pair in _groups)
            {
                long weight = byCount ? pair.Value.Count : pair.Value.Size;
                if (heap.Count < top)
                    heap.Add((weight, pair.Key));
                else if (weight > heap.Min.Weight)
                {
                    heap.Remove(heap.Min);
                    heap.Add((weight, pair.Key));
                }
            }
            return heap.Select(h => new KeyValuePair<string, GroupAccumulator>(h.Key, _groups[h.Key])).ToList();
        }
    }
}
