using System;

namespace MailTools.Core.Statistics
{
    /// <summary>The running totals of one group: a few numbers, whatever the number of messages added.</summary>
    public sealed class GroupAccumulator
    {
        /// <summary>Messages in the group.</summary>
        public int Count { get; private set; }
        /// <summary>Their total size in bytes (RFC822.SIZE).</summary>
        public long Size { get; private set; }
        /// <summary>The earliest date among them; null when none has one.</summary>
        public DateTimeOffset? Oldest { get; private set; }
        /// <summary>The latest date among them; null when none has one.</summary>
        public DateTimeOffset? Newest { get; private set; }
        /// <summary>How many are unread (no \Seen flag).</summary>
        public int Unread { get; private set; }
        /// <summary>How many are flagged.</summary>
        public int Flagged { get; private set; }

        internal void Add(in MessageFacts m)
        {
            Count++;
            Size += m.Size;
            if (m.Date.HasValue)
            {
                if (!Oldest.HasValue || m.Date.Value < Oldest.Value) Oldest = m.Date;
                if (!Newest.HasValue || m.Date.Value > Newest.Value) Newest = m.Date;
            }
            if (m.Unread) Unread++;
            if (m.Flagged) Flagged++;
        }

        internal void Merge(GroupAccumulator other)
        {
            Count += other.Count;
            Size += other.Size;
            if (other.Oldest.HasValue && (!Oldest.HasValue || other.Oldest.Value < Oldest.Value)) Oldest = other.Oldest;
            if (other.Newest.HasValue && (!Newest.HasValue || other.Newest.Value > Newest.Value)) Newest = other.Newest;
            Unread += other.Unread;
            Flagged += other.Flagged;
        }
    }
}
