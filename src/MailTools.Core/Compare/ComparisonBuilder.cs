using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MailTools.Core.Compare
{
    /// <summary>
    /// Turns the measured facts into the rows and the verdict. Pure: no network, so every wording is unit-tested.
    /// Written for the reader of the owner's note: plain words, a protocol term only with what it does.
    /// </summary>
    public static class ComparisonBuilder
    {
        internal const string Reachable = "Reachable and secure";
        internal const string Visible = "Messages visible";
        internal const string InboxAgreement = "Inbox agreement";
        internal const string Deletion = "Deletion";
        internal const string LeaveOnServer = "Leave on server";
        internal const string ReadState = "Read state and flags";
        internal const string SentItems = "Sent items";
        internal const string RealTime = "Real-time updates";
        internal const string Storage = "Server storage";
        internal const string Offline = "Offline access";
        internal const string Verdict = "Recommendation";

        // Above this share of the quota the verdict says "archive and clean up".
        const double NearlyFullPercent = 80.0;

        /// <summary>Turns the measured facts into rows, numbers and a verdict (pure: no I/O).</summary>
        public static ProtocolComparison Build(string account, ImapFacts? imap, Pop3Facts? pop3, IList<ProtocolProbeResult>? probes)
        {
            imap = imap ?? new ImapFacts { State = SideState.NotChecked };
            pop3 = pop3 ?? new Pop3Facts { State = SideState.NotChecked };
            probes = probes ?? new List<ProtocolProbeResult>();
            bool hasImap = imap.State == SideState.Measured;
            bool hasPop3 = pop3.State == SideState.Measured;

            var c = new ProtocolComparison
            {
                Account = account,
                ImapServer = imap.Server ?? probes.FirstOrDefault(p => p.Protocol == MailProtocol.Imap)?.Server,
                Pop3Server = pop3.Server ?? probes.FirstOrDefault(p => p.Protocol == MailProtocol.Pop3)?.Server,
                ImapAvailable = imap.State == SideState.NotChecked ? (bool?)null : hasImap,
                Pop3Available = pop3.State == SideState.NotChecked ? (bool?)null : hasPop3,
                ImapProblem = hasImap ? null : ProblemText(imap.State, imap.Problem, "IMAP"),
                Pop3Problem = hasPop3 ? null : ProblemText(pop3.State, pop3.Problem, "POP3"),
                Probes = probes.ToArray(),
            };

            // Virtual folders (\All, \Flagged: Gmail's "All Mail", "Starred") show messages stored elsewhere; leave them out of totals.
            var counted = imap.Folders.Where(f => f.SpecialUse != MailSpecialUse.All && f.SpecialUse != MailSpecialUse.Flagged).ToList();
            var inbox = counted.FirstOrDefault(f => f.SpecialUse == MailSpecialUse.Inbox);
            var others = counted.Where(f => f.SpecialUse != MailSpecialUse.Inbox).ToList();
            var othersWithMail = others.Where(f => f.Count > 0).ToList();
            var sent = counted.FirstOrDefault(f => f.SpecialUse == MailSpecialUse.Sent) ?? counted.FirstOrDefault(f => IsSentName(f.FullName));

            if (hasImap)
            {
                c.ImapTlsVersion = imap.TlsVersion;
                c.Folders = imap.Folders.ToArray();
                c.ImapFolderCount = counted.Count;
                c.ImapMessageCount = counted.Sum(f => f.Count);
                c.ImapSize = counted.Sum(f => f.Size);
                c.InboxCount = inbox?.Count ?? 0;
                c.InboxSize = inbox?.Size ?? 0;
                c.InboxDeletedCount = imap.InboxDeleted;
                c.InboxFlaggedCount = imap.InboxFlagged;
                c.InvisibleToPop3Count = others.Sum(f => f.Count);
                c.InvisibleToPop3Size = others.Sum(f => f.Size);
                c.InvisibleToPop3FolderCount = othersWithMail.Count;
                c.UnreadCount = counted.Sum(f => f.Unread ?? 0);
                c.SentFolder = sent?.FullName;
                c.SentCount = sent?.Count;
                c.ImapIdle = imap.Idle;
                c.ImapNotify = imap.Notify;
                c.QuotaUsed = imap.QuotaUsed;
                c.QuotaLimit = imap.QuotaLimit;
                if (imap.QuotaUsed.HasValue && imap.QuotaLimit.HasValue && imap.QuotaLimit.Value > 0)
                    c.QuotaPercent = Math.Round(100.0 * imap.QuotaUsed.Value / imap.QuotaLimit.Value, 1);
            }
            if (hasPop3)
            {
                c.Pop3TlsVersion = pop3.TlsVersion;
                c.Pop3Count = pop3.Count;
                c.Pop3Size = pop3.Size;
                c.Pop3UidCount = pop3.UidCount;
                c.Pop3Uidl = pop3.Uidl;
                c.Pop3Top = pop3.Top;
                c.Pop3Pipelining = pop3.Pipelining;
                c.Pop3ExpireDays = pop3.ExpireDays;
                c.Pop3LoginDelaySeconds = pop3.LoginDelaySeconds;
            }

            // Shown only in the cells of a side that was not measured.
            string imapMissing = Short(imap.State);
            string pop3Missing = Short(pop3.State);
            var rows = new List<ProtocolComparisonRow>();

            // Reachable and secure
            rows.Add(new ProtocolComparisonRow(Reachable,
                ReachCell(MailProtocol.Imap, imap.State, imap.Port, imap.Security, imap.TlsVersion, probes),
                ReachCell(MailProtocol.Pop3, pop3.State, pop3.Port, pop3.Security, pop3.TlsVersion, probes),
                ReachMeaning(imap, pop3, probes)));

            // Messages visible
            string visibleMeaning;
            if (hasImap && c.InvisibleToPop3Count > 0)
                visibleMeaning = $"{Count(Measured(c.InvisibleToPop3Count))} ({Size(Measured(c.InvisibleToPop3Size))}) in {Plural(Measured(c.InvisibleToPop3FolderCount), "other folder")} are invisible to a POP3 client: {TopFolders(othersWithMail)}.";
            else if (hasImap)
                visibleMeaning = "All the mail is in the inbox, so a POP3 client sees everything an IMAP client sees.";
            else if (hasPop3)
                visibleMeaning = "POP3 shows the inbox only; other folders, if the account has any, cannot be seen without IMAP.";
            else
                visibleMeaning = "Nothing could be measured.";
            rows.Add(new ProtocolComparisonRow(Visible,
                hasImap ? $"{Count(Measured(c.ImapMessageCount))} ({Size(Measured(c.ImapSize))}) in {Plural(Measured(c.ImapFolderCount), "folder")}" : imapMissing,
                hasPop3 ? $"{Count(pop3.Count)} ({Size(pop3.Size)}), inbox only" : pop3Missing,
                visibleMeaning));

            // Inbox agreement
            rows.Add(new ProtocolComparisonRow(InboxAgreement,
                hasImap ? $"INBOX: {Count(Measured(c.InboxCount))} ({Size(Measured(c.InboxSize))})" : imapMissing,
                hasPop3 ? $"STAT: {Count(pop3.Count)} ({Size(pop3.Size)})" : pop3Missing,
                AgreementMeaning(hasImap, hasPop3, c, pop3)));

            // Deletion
            rows.Add(new ProtocolComparisonRow(Deletion,
                hasImap ? "only what you delete; a delete shows on every device" : imapMissing,
                hasPop3 ? $"'delete after download' would remove {Count(pop3.Count)} ({Size(pop3.Size)})" : pop3Missing,
                hasPop3 && pop3.Count > 0
                    ? $"A POP3 client set to delete after download would take these {Count(pop3.Count)} off the server: they would vanish from your phone, webmail and every other device. IMAP removes only what you delete."
                    : hasPop3 ? "The inbox is empty now, but every new message a POP3 client downloads and deletes disappears from all other devices. IMAP removes only what you delete."
                    : "IMAP removes only what you delete, and the deletion shows on every device."));

            // Leave on server
            rows.Add(new ProtocolComparisonRow(LeaveOnServer,
                hasImap ? "always: mail stays until you delete it" : imapMissing,
                hasPop3 ? Pop3Features(pop3) : pop3Missing,
                LeaveMeaning(hasPop3, pop3)));

            // Read state and flags
            rows.Add(new ProtocolComparisonRow(ReadState,
                hasImap ? $"kept on the server: {c.UnreadCount} unread, {c.InboxFlaggedCount} flagged in the inbox" : imapMissing,
                hasPop3 ? "none: each device keeps its own" : pop3Missing,
                "IMAP keeps read, flagged and answered marks (\\Seen, \\Flagged, \\Answered) on the server, so reading a message on the phone marks it read on the laptop too. POP3 keeps none: every device shows the mail as new."));

            // Sent items
            rows.Add(new ProtocolComparisonRow(SentItems,
                hasImap ? (sent != null ? $"'{sent.FullName}': {Count(sent.Count)}" : "no Sent folder found") : imapMissing,
                hasPop3 ? "none: sent mail stays on the sending device" : pop3Missing,
                "IMAP clients file what you send in the server's Sent folder, where every device sees it. POP3 has no folders, so each device keeps only what it sent itself."));

            // Real-time updates
            rows.Add(new ProtocolComparisonRow(RealTime,
                hasImap ? $"IDLE: {YesNo(imap.Idle)}, NOTIFY: {YesNo(imap.Notify)}" : imapMissing,
                hasPop3 ? "no: the client checks every few minutes" : pop3Missing,
                hasImap && imap.Idle
                    ? "With IDLE the server tells IMAP clients about new mail at once (push). A POP3 client only finds it at its next check."
                    : "This server offers no IMAP push (IDLE), so clients check at intervals either way."));

            // Server storage
            rows.Add(new ProtocolComparisonRow(Storage,
                hasImap ? StorageCell(c, imap) : imapMissing,
                hasPop3 ? $"{Size(pop3.Size)} in the inbox; cannot see the rest" : pop3Missing,
                StorageMeaning(hasImap, c, imap)));

            // Offline access
            rows.Add(new ProtocolComparisonRow(Offline,
                hasImap ? "copies on each device; the server keeps the master" : imapMissing,
                hasPop3 ? "the downloaded copy may be the only one" : pop3Missing,
                "Both let you read mail without a connection. With POP3 'delete after download', losing or replacing that device loses the mail."));

            c.Recommendation = Recommend(imap, pop3, c);
            rows.Add(new ProtocolComparisonRow(Verdict,
                hasImap ? "recommended" : imapMissing,
                hasPop3 ? (hasImap ? "only with 'leave a copy on the server'" : "the only choice here") : pop3Missing,
                c.Recommendation));
            c.Rows = rows.ToArray();
            return c;
        }

        internal static string Recommend(ImapFacts imap, Pop3Facts pop3, ProtocolComparison c)
        {
            bool hasImap = imap.State == SideState.Measured;
            bool hasPop3 = pop3.State == SideState.Measured;
            var text = new List<string>();
            if (hasImap)
            {
                if (hasPop3)
                    text.Add($"Use IMAP on every device (phone, laptop, webmail): they all see the same {Count(Measured(c.ImapMessageCount))} in {Plural(Measured(c.ImapFolderCount), "folder")}, the same read marks and the same Sent folder.");
                else if (pop3.State == SideState.NotChecked)
                    text.Add($"Use IMAP on every device (phone, laptop, webmail): they all see the same {Count(Measured(c.ImapMessageCount))} in {Plural(Measured(c.ImapFolderCount), "folder")}, the same read marks and the same Sent folder. POP3 was not checked.");
                else
                    text.Add($"This account can only be used over IMAP (POP3: {ProblemText(pop3.State, pop3.Problem, "POP3")}). Set up every device as IMAP: the {Count(Measured(c.ImapMessageCount))} in {Plural(Measured(c.ImapFolderCount), "folder")} stay on the server, in step on all of them.");
                if (hasPop3 && pop3.Count > 0)
                    text.Add($"Do not set any device to POP3 'delete after download': it would take {Count(pop3.Count)} ({Size(pop3.Size)}) off the server and off every other device. A POP3 client also never sees the {Count(Measured(c.InvisibleToPop3Count))} in other folders.");
                else if (hasPop3)
                    text.Add("Do not set any device to POP3 'delete after download': each new message it fetched would disappear from every other device.");
                if (c.QuotaPercent.HasValue && c.QuotaPercent.Value >= NearlyFullPercent)
                    text.Add($"The server is {c.QuotaPercent.Value.ToString("0", CultureInfo.InvariantCulture)}% full: archive old mail and clean up with Invoke-MailCleanup rather than switching to POP3 deletion to make room.");
            }
            else if (hasPop3)
            {
                string how = imap.State == SideState.NotChecked ? "IMAP was not checked" : $"IMAP: {ProblemText(imap.State, imap.Problem, "IMAP")}";
                text.Add($"This account can only be read over POP3 ({how}), which shows each device just the inbox ({Count(pop3.Count)}).");
                text.Add(pop3.Uidl
                    ? "If you read mail on more than one device, turn on 'leave a copy on the server' on every one and never 'delete after download', or mail will vanish from the others."
                    : "This server has no UIDL, so 'leave a copy on the server' cannot work reliably: use one device only, or ask for IMAP.");
                text.Add("Sent mail and read marks stay on each device. Ask your provider to switch on IMAP.");
            }
            else
            {
                text.Add("Neither IMAP nor POP3 could be used for this account, so there is nothing to recommend yet: check the server name, ports and password.");
            }
            return string.Join(" ", text);
        }

        static string ReachCell(MailProtocol protocol, SideState state, int port, MailSecurity security, string? tls, IList<ProtocolProbeResult> probes)
        {
            var mine = probes.Where(p => p.Protocol == protocol).ToList();
            var parts = new List<string>();
            if (mine.Count > 0)
            {
                foreach (var p in mine)
                    parts.Add(p.Status == ProbeStatus.Answered ? $"{p.Mode}: yes ({TlsName(p.TlsVersion)})" : $"{p.Mode}: {ProbeWords(p)}");
            }
            else if (state == SideState.Measured)
            {
                string mode = security == MailSecurity.SslOnConnect ? "TLS" : security == MailSecurity.StartTls ? "STARTTLS" : "plain";
                parts.Add($"{port} {mode}: yes ({TlsName(tls)})");
            }
            switch (state)
            {
                case SideState.Measured: parts.Add("login: OK"); break;
                case SideState.LoginRefused: parts.Add("login: refused"); break;
                case SideState.NotChecked: parts.Add("not checked"); break;
                case SideState.NotOffered: if (mine.Count == 0) parts.Add("not offered"); break;
                case SideState.Unusable: parts.Add("not used"); break;
            }
            return string.Join("; ", parts);
        }

        static string ReachMeaning(ImapFacts imap, Pop3Facts pop3, IList<ProtocolProbeResult> probes)
        {
            var text = new List<string>();
            bool hasImap = imap.State == SideState.Measured, hasPop3 = pop3.State == SideState.Measured;
            if (hasImap && hasPop3)
                text.Add("Both answer over an encrypted connection with a trusted certificate, and the login works.");
            else if (hasImap)
                text.Add($"IMAP works. POP3: {ProblemText(pop3.State, pop3.Problem, "POP3")}.");
            else if (hasPop3)
                text.Add($"POP3 works. IMAP: {ProblemText(imap.State, imap.Problem, "IMAP")}.");
            if (probes.Any(p => p.Status == ProbeStatus.CertificateUntrusted))
                text.Add("A certificate was not trusted: check the server name before using that port.");
            if (probes.Any(p => p.Status == ProbeStatus.NoStartTls))
                text.Add("A port without STARTTLS would send your password unencrypted: do not use it.");
            if ((hasImap && IsOldTls(imap.TlsVersion)) || (hasPop3 && IsOldTls(pop3.TlsVersion)))
                text.Add("The server uses an old TLS version; ask your provider to update it.");
            if (text.Count == 0)
                text.Add("Nothing answered securely.");
            return string.Join(" ", text);
        }

        static string AgreementMeaning(bool hasImap, bool hasPop3, ProtocolComparison c, Pop3Facts pop3)
        {
            if (!hasImap || !hasPop3)
                return $"Nothing to compare: {(hasImap ? "POP3" : "IMAP")} could not be used.";
            int imapCount = Measured(c.InboxCount);
            long imapSize = Measured(c.InboxSize);
            if (imapCount == pop3.Count && imapSize == pop3.Size)
                return $"Both see the same {Count(pop3.Count)} in the inbox.";
            var why = new List<string>();
            if (imapCount != pop3.Count)
            {
                int diff = imapCount - pop3.Count;
                why.Add(diff > 0
                    ? $"IMAP sees {Count(diff)} more than POP3."
                    : $"POP3 sees {Count(-diff)} more than IMAP.");
                if (diff > 0 && c.InboxDeletedCount > 0)
                    why.Add($"{Count(c.InboxDeletedCount.Value)} in the inbox are marked deleted but not yet removed; some servers hide those from POP3.");
                why.Add("Mail may also have arrived or been deleted between the two looks, or the server may hide mail a POP3 client already took (or show POP3 more than the inbox, as Gmail can). Run it again to check.");
            }
            else
            {
                why.Add($"Same number of messages; the sizes differ by {Size(Math.Abs(imapSize - pop3.Size))} because the two protocols count line endings and headers differently.");
            }
            return string.Join(" ", why);
        }

        static string Pop3Features(Pop3Facts pop3)
        {
            var parts = new List<string>
            {
                $"UIDL: {YesNo(pop3.Uidl)}",
                $"TOP: {YesNo(pop3.Top)}",
                $"PIPELINING: {YesNo(pop3.Pipelining)}",
            };
            if (pop3.ExpireDays.HasValue)
                parts.Add(pop3.ExpireDays.Value < 0 ? "EXPIRE: never" : $"EXPIRE: {Plural(pop3.ExpireDays.Value, "day")}");
            if (pop3.LoginDelaySeconds.HasValue)
                parts.Add($"LOGIN-DELAY: {pop3.LoginDelaySeconds.Value} s");
            return string.Join(", ", parts);
        }

        static string LeaveMeaning(bool hasPop3, Pop3Facts pop3)
        {
            if (!hasPop3)
                return "With IMAP nothing needs setting: the server is where the mail lives. POP3 clients need 'leave a copy on the server' to keep it there.";
            var text = new List<string>();
            text.Add(pop3.Uidl
                ? "UIDL gives each message a permanent id, so a POP3 client can 'leave a copy on the server' and still fetch only new mail. TOP lets it preview headers first."
                : "This server has no UIDL: a POP3 client cannot tell old mail from new, so 'leave a copy on the server' brings duplicates.");
            if (pop3.ExpireDays.HasValue && pop3.ExpireDays.Value == 0)
                text.Add("EXPIRE 0: the server deletes every message once a POP3 client has downloaded it, whatever the client is set to.");
            else if (pop3.ExpireDays.HasValue && pop3.ExpireDays.Value > 0)
                text.Add($"EXPIRE: the server deletes mail {Plural(pop3.ExpireDays.Value, "day")} after a POP3 client downloads it.");
            if (pop3.LoginDelaySeconds.HasValue && pop3.LoginDelaySeconds.Value > 0)
                text.Add($"LOGIN-DELAY: POP3 clients may check only every {pop3.LoginDelaySeconds.Value} seconds.");
            return string.Join(" ", text);
        }

        static string StorageCell(ProtocolComparison c, ImapFacts imap)
        {
            if (c.QuotaUsed.HasValue && c.QuotaLimit.HasValue)
                return $"{Size(c.QuotaUsed.Value)} of {Size(c.QuotaLimit.Value)} used ({c.QuotaPercent.GetValueOrDefault().ToString("0.#", CultureInfo.InvariantCulture)}%)";
            if (c.QuotaUsed.HasValue)
                return $"{Size(c.QuotaUsed.Value)} used, no limit";
            return $"{Size(Measured(c.ImapSize))} in all folders (no quota reported)";
        }

        static string StorageMeaning(bool hasImap, ProtocolComparison c, ImapFacts imap)
        {
            if (!hasImap)
                return "Without IMAP the server's space cannot be measured; POP3 only sees the inbox.";
            if (c.QuotaPercent.HasValue)
            {
                double p = c.QuotaPercent.Value;
                long free = Math.Max(0, Measured(c.QuotaLimit) - Measured(c.QuotaUsed));
                if (p >= 95)
                    return $"The mailbox is full or nearly so ({Size(free)} free): new mail may bounce. Archive old mail and clean up with Invoke-MailCleanup.";
                if (p >= NearlyFullPercent)
                    return $"The mailbox is filling up ({Size(free)} free). Archive old mail and clean up with Invoke-MailCleanup rather than letting a POP3 client delete it.";
                return $"Plenty of room: {Size(free)} free of {Size(Measured(c.QuotaLimit))}.";
            }
            return imap.QuotaOffered
                ? "The server offers quotas but set none for this mailbox."
                : "The server does not report a limit (no QUOTA extension); ask your provider how much space the account has.";
        }

        internal static string? ProblemText(SideState state, string? problem, string protocol)
        {
            string basic;
            switch (state)
            {
                case SideState.NotOffered: basic = "not offered by this server"; break;
                case SideState.LoginRefused: basic = "the login was refused"; break;
                case SideState.Unusable: basic = "it answered but could not be used safely"; break;
                case SideState.NotChecked: basic = "not checked"; break;
                default: return null;
            }
            return string.IsNullOrEmpty(problem) ? basic : $"{basic} ({problem})";
        }

        static string Short(SideState state)
        {
            switch (state)
            {
                case SideState.NotOffered: return "not offered";
                case SideState.LoginRefused: return "login refused";
                case SideState.Unusable: return "not usable";
                default: return "not checked";
            }
        }

        static string ProbeWords(ProtocolProbeResult p)
        {
            switch (p.Status)
            {
                case ProbeStatus.NotOffered: return "not offered";
                case ProbeStatus.CertificateUntrusted: return "untrusted certificate";
                case ProbeStatus.NoStartTls: return "no STARTTLS";
                case ProbeStatus.HostNotFound: return "name not found";
                default: return "TLS failed";
            }
        }

        static string TopFolders(IList<ProtocolComparisonFolder> folders)
        {
            const int shown = 4;
            var top = folders.OrderByDescending(f => f.Count).ThenBy(f => f.FullName, StringComparer.Ordinal).ToList();
            string list = string.Join(", ", top.Take(shown).Select(f => $"{f.FullName} {f.Count.ToString("N0", CultureInfo.InvariantCulture)}"));
            return top.Count > shown ? $"{list} and {Plural(top.Count - shown, "more folder")}" : list;
        }

        static bool IsSentName(string fullName)
        {
            string leaf = fullName.Split('/', '.').Last();
            return new[] { "Sent", "Sent Items", "Sent Messages", "Sent Mail" }.Any(n => string.Equals(n, leaf, StringComparison.OrdinalIgnoreCase));
        }

        static bool IsOldTls(string? tls) => tls == "Tls" || tls == "Tls11" || tls == "Ssl3" || tls == "Ssl2";

        internal static string TlsName(string? tls)
        {
            switch (tls)
            {
                case "Tls13": return "TLS 1.3";
                case "Tls12": return "TLS 1.2";
                case "Tls11": return "TLS 1.1";
                case "Tls": return "TLS 1.0";
                case null: case "": case "None": case "none": return "unencrypted";
                default: return tls;
            }
        }

        /// <summary>The IMAP totals are set whenever IMAP was measured (and the quota ones whenever QuotaPercent is): a missing one is a bug here.</summary>
        static T Measured<T>(T? value) where T : struct =>
            value ?? throw new InvalidOperationException("A comparison figure was read before it was measured.");

        static string YesNo(bool value) => value ? "yes" : "no";

        internal static string Count(int n) => Plural(n, "message");

        internal static string Plural(int n, string noun) =>
            $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? string.Empty : "s")}";

        /// <summary>Sizes as people read them: bytes, KB, MB, GB (1024-based, one decimal).</summary>
        internal static string Size(long bytes)
        {
            if (bytes < 1024)
                return bytes == 1 ? "1 byte" : $"{bytes} bytes";
            if (bytes < 1024L * 1024)
                return (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB";
            if (bytes < 1024L * 1024 * 1024)
                return (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
            return (bytes / (1024.0 * 1024 * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + " GB";
        }
    }
}
