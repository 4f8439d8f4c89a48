using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace MailTools
{
    /// <summary>
    /// The open sessions and the current one, kept per runspace: ForEach-Object -Parallel and ThreadJob runspaces
    /// each see their own sessions, so a MailKit client is never shared across threads by accident.
    /// </summary>
    internal static class SessionRegistry
    {
        sealed class RunspaceSessions
        {
            public readonly List<MailSession> Open = new List<MailSession>();
            public MailSession? Current;
            public readonly RunLedger Ledger = new RunLedger();
        }

        static readonly ConditionalWeakTable<Runspace, RunspaceSessions> s_table = new ConditionalWeakTable<Runspace, RunspaceSessions>();
        static readonly RunspaceSessions s_noRunspace = new RunspaceSessions();

        static RunspaceSessions Mine()
        {
            var rs = Runspace.DefaultRunspace;
            return rs == null ? s_noRunspace : s_table.GetValue(rs, _ => new RunspaceSessions());
        }

        public static MailSession? Current
        {
            get
            {
                var mine = Mine();
                lock (mine) return mine.Current;
            }
        }

        public static IReadOnlyList<MailSession> All
        {
            get
            {
                var mine = Mine();
                lock (mine) return mine.Open.ToList();
            }
        }

        /// <summary>The per-account outcomes of this runspace's commands, for Get-MailRunSummary.</summary>
        public static RunLedger Ledger => Mine().Ledger;

        public static void Add(MailSession session)
        {
            var mine = Mine();
            lock (mine)
            {
                mine.Open.Add(session);
                mine.Current = session;
            }
        }

        /// <summary>
        /// After a failed Connect-MailServer: no session is current, so a later command without -Session stops with
        /// MailToolsNoSession instead of acting on the account that happened to be connected before.
        /// </summary>
        public static void ClearCurrent()
        {
            var mine = Mine();
            lock (mine) mine.Current = null;
        }

        public static void Remove(MailSession session)
        {
            var mine = Mine();
            lock (mine)
            {
                mine.Open.Remove(session);
                if (ReferenceEquals(mine.Current, session))
                    mine.Current = mine.Open.LastOrDefault();
            }
        }
    }
}
