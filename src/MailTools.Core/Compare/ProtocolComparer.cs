using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Search;
using MailTools.Core.Errors;
using MailTools.Core.Folders;
using MailTools.Core.Sessions;

namespace MailTools.Core.Compare
{
    /// <summary>
    /// Measures one account over IMAP and over POP3 (either may be missing) and builds the comparison.
    /// Strictly read-only: IMAP uses LIST-STATUS/STATUS, EXAMINE (RFC 3501 6.3.2: read-only, \Recent untouched),
    /// SEARCH and GETQUOTAROOT; POP3 uses CAPA, STAT and UIDL and never DELE, so its QUIT commits nothing.
    /// </summary>
    public static class ProtocolComparer
    {
        /// <summary>Measures both sessions read-only (a missing one stands as the given facts or "not checked") and builds the comparison.</summary>
        public static ProtocolComparison Compare(MailSession? imap, MailSession? pop3, IList<ProtocolProbeResult>? probes,
            ImapFacts? imapUnavailable, Pop3Facts? pop3Unavailable, IOutputWriter writer, CancellationToken token)
        {
            writer = writer ?? NullOutputWriter.Instance;
            const int activity = 51;
            string account = imap?.Account ?? pop3?.Account ?? string.Empty; // empty as ProtocolComparison.Account defaults
            writer.Progress(new ProgressInfo(activity, $"Comparing IMAP and POP3 for {account}", "IMAP: folders, counts and sizes", 10));
            var imapFacts = imap != null ? MeasureImap(imap, writer, token) : imapUnavailable ?? new ImapFacts { State = SideState.NotChecked };
            writer.Progress(new ProgressInfo(activity, $"Comparing IMAP and POP3 for {account}", "POP3: STAT and UIDL", 60));
            var pop3Facts = pop3 != null ? MeasurePop3(pop3, writer, token) : pop3Unavailable ?? new Pop3Facts { State = SideState.NotChecked };
            writer.Progress(new ProgressInfo(activity, $"Comparing IMAP and POP3 for {account}", "Done", 100, completed: true));
            return ComparisonBuilder.Build(account, imapFacts, pop3Facts, probes);
        }

        /// <summary>Measures one IMAP session read-only: LIST-STATUS, EXAMINE of the inbox, SEARCH, GETQUOTAROOT.</summary>
        public static ImapFacts MeasureImap(MailSession session, IOutputWriter writer, CancellationToken token)
        {
            if (session == null)
                throw new ArgumentNullException(nameof(session));
            if (session.Protocol != MailProtocol.Imap)
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    $"-ImapSession got a POP3 session ({session.Endpoint.Describe()}).", session)
                { RecommendedAction = "Pass an IMAP session to -ImapSession and a POP3 session to -Pop3Session." };

            // One LIST-STATUS round trip when the server allows it: the same code as Get-MailFolder.
            var listing = FolderLister.List(session, null, false, writer, token);
            var facts = new ImapFacts
            {
                Server = session.Server,
                Port = session.Port,
                Security = session.Security,
                TlsVersion = session.TlsVersion,
            };
            foreach (var f in listing.Folders.Where(f => f.IsSelectable))
            {
                facts.Folders.Add(new ProtocolComparisonFolder
                {
                    FullName = f.FullName,
                    Count = f.Count,
                    Unread = f.Unread,
                    Size = f.Size,
                    SpecialUse = f.SpecialUse,
                    VisibleToPop3 = f.SpecialUse == MailSpecialUse.Inbox,
                });
            }

            MailOperation.Run(session, writer, token, () =>
            {
                var client = session.Imap;
                facts.Idle = client.Capabilities.HasFlag(ImapCapabilities.Idle);
                facts.Notify = client.Capabilities.HasFlag(ImapCapabilities.Notify);
                facts.QuotaOffered = client.Capabilities.HasFlag(ImapCapabilities.Quota);
                MeasureInbox(client, facts, token);
                if (facts.QuotaOffered)
                    ReadQuota(client, facts, writer, token);
            });
            return facts;
        }

        static void MeasureInbox(ImapClient client, ImapFacts facts, CancellationToken token)
        {
            var inboxRow = facts.Folders.FirstOrDefault(f => f.SpecialUse == MailSpecialUse.Inbox);
            if (inboxRow == null || inboxRow.Count == 0)
                return;
            var inbox = client.Inbox;
            // EXAMINE, never SELECT: a read-only open changes no flag (RFC 3501 6.3.2).
            inbox.Open(FolderAccess.ReadOnly, token);
            try
            {
                facts.InboxDeleted = inbox.Search(SearchQuery.Deleted, token).Count;
                facts.InboxFlagged = inbox.Search(SearchQuery.Flagged, token).Count;
            }
            finally
            {
                // Closing a folder opened read-only never expunges (RFC 3501 6.4.2).
                inbox.Close(false, token);
            }
        }

        static void ReadQuota(ImapClient client, ImapFacts facts, IOutputWriter writer, CancellationToken token)
        {
            var (used, limit) = Folders.QuotaReader.Read(client, writer, token);
            facts.QuotaUsed = used;
            facts.QuotaLimit = limit;
        }

        /// <summary>Measures one POP3 session read-only: CAPA, STAT, UIDL (never DELE).</summary>
        public static Pop3Facts MeasurePop3(MailSession session, IOutputWriter writer, CancellationToken token)
        {
            if (session == null)
                throw new ArgumentNullException(nameof(session));
            if (session.Protocol != MailProtocol.Pop3)
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    $"-Pop3Session got an IMAP session ({session.Endpoint.Describe()}).", session)
                { RecommendedAction = "Pass a POP3 session to -Pop3Session and an IMAP session to -ImapSession." };

            return MailOperation.Run(session, writer, token, () =>
            {
                var pop = session.Pop3;
                var caps = pop.Capabilities;
                var facts = new Pop3Facts
                {
                    Server = session.Server,
                    Port = session.Port,
                    Security = session.Security,
                    TlsVersion = session.TlsVersion,
                    Uidl = caps.HasFlag(Pop3Capabilities.UIDL),
                    Top = caps.HasFlag(Pop3Capabilities.Top),
                    Pipelining = caps.HasFlag(Pop3Capabilities.Pipelining),
                    ExpireDays = caps.HasFlag(Pop3Capabilities.Expire) ? pop.ExpirePolicy : (int?)null,
                    LoginDelaySeconds = caps.HasFlag(Pop3Capabilities.LoginDelay) ? pop.LoginDelay : (int?)null,
                };
                writer.Verbose($"POP3 STAT on the {session.Endpoint.Describe()}.");
                facts.Count = pop.GetMessageCount(token); // STAT (RFC 1939): count and octets of the maildrop
                facts.Size = pop.Size;
                if (facts.Uidl)
                    facts.UidCount = facts.Count == 0 ? 0 : pop.GetMessageUids(token).Distinct(StringComparer.Ordinal).Count();
                return facts;
            });
        }
    }
}
