using System;
using System.Collections.Generic;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// What one clean-up run remembers across its rules, so that a message is acted on at most once per run: the UIDs
    /// a rule claimed per folder, and per destination the UIDNEXT it had before the run's first move into it.
    /// </summary>
    internal sealed class CleanupRunState
    {
        public Dictionary<string, HashSet<uint>> Claimed { get; } = new Dictionary<string, HashSet<uint>>(StringComparer.Ordinal);
        public Dictionary<string, uint> Ceiling { get; } = new Dictionary<string, uint>(StringComparer.Ordinal);

        /// <summary>Later rules skip these UIDs of <paramref name="folder"/> (acted on, or planned under -WhatIf).</summary>
        public void Claim(string folder, IEnumerable<uint> uids)
        {
            lock (this)   // the lanes of a two-connection run share the state; the runner locks it the same way
            {
                if (!Claimed.TryGetValue(folder, out var claimed))
                    Claimed[folder] = claimed = new HashSet<uint>();
                foreach (var u in uids)
                    claimed.Add(u);
            }
        }
    }
}
