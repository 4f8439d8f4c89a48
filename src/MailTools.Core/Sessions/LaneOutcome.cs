using System;

namespace MailTools.Core.Sessions
{
    /// <summary>The outcome of one job run by <see cref="ConnectionLanes"/>: its value, or the exception it ended with.</summary>
    public sealed class LaneOutcome<T>
    {
        /// <summary>The job's place in the list given to <see cref="ConnectionLanes.Run{TItem, T}"/>.</summary>
        public int Index { get; internal set; }

        /// <summary>What the job returned; default when it failed.</summary>
        public T? Value { get; internal set; }

        /// <summary>What the job failed with (translated by the envelope), or null.</summary>
        public Exception? Error { get; internal set; }
    }
}
