using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailTools.Core.Errors;
using MailTools.Core.Text;
using MailTools.Core.Sessions;

namespace MailTools.Core.Folders
{
    /// <summary>What Get-MailFolder found: the folders, and an error for each plain (wildcard-free) name that matched nothing.</summary>
    public sealed class FolderListing
    {
        /// <summary>The folders found, in the server's order.</summary>
        public IList<MailFolder> Folders { get; } = new List<MailFolder>();
        /// <summary>A FolderNotFound/FolderNotSelectable error for each plain name that matched nothing usable.</summary>
        public IList<MailToolsException> Missing { get; } = new List<MailToolsException>();
    }

    /// <summary>
    /// Lists folders with counts, unread and sizes in as few round trips as the server allows:
    /// one LIST-STATUS (RFC 5819) carrying STATUS=SIZE (RFC 8438) when offered; otherwise one LIST, then one STATUS
    /// per wanted folder, and (without STATUS=SIZE) one FETCH RFC822.SIZE per non-empty folder. Never per message.
    /// </summary>
    public static class FolderLister
    {
        /// <summary>Lists the named folders (wildcards and roles allowed; all when none) with counts and sizes, in as few round trips as the server allows.</summary>
        public static FolderListing List(MailSession session, IReadOnlyList<string>? names, bool recurse, IOutputWriter writer, CancellationToken token)
        {
            if (session == null)
                throw new ArgumentNullException(nameof(session));
            writer = writer ?? NullOutputWriter.Instance;
            return MailOperation.Run(session, writer, token, () =>
            {
                return session.Protocol == MailProtocol.Pop3
                    ? ListPop3(session, names, token)
                    : ListImap(session, names, recurse, writer, token);
            });
        }

        static FolderListing ListImap(MailSession session, IReadOnlyList<string>? names, bool recurse, IOutputWriter writer, CancellationToken token)
        {
            var imap = session.Imap;
            var ns = imap.PersonalNamespaces.Count > 0 ? imap.PersonalNamespaces[0] : new FolderNamespace('/', string.Empty);
            bool listStatus = imap.Capabilities.HasFlag(ImapCapabilities.ListStatus);
            bool statusSize = imap.Capabilities.HasFlag(ImapCapabilities.StatusSize);
            var items = StatusItems.Count | StatusItems.Unread | StatusItems.UidValidity;
            if (statusSize)
                items |= StatusItems.Size;

            writer.Verbose(listStatus
                ? $"Listing folders with LIST-STATUS{(statusSize ? " and STATUS=SIZE" : string.Empty)} (one command)."
                : "The server has no LIST-STATUS: listing folders, then one STATUS per folder.");

            // The first command: a connection dropped while the session sat idle shows here, so it reconnects and lists again.
            IList<IMailFolder> all = MailOperation.Resumable(session, "the folder listing", writer, token, () => listStatus
                ? session.Imap.GetFolders(ns, items, false, token)
                : session.Imap.GetFolders(ns, false, token));
            session.RememberFolders(all.Select(f => f.FullName));

            var listing = new FolderListing();
            var missing = new List<string>();
            var wanted = Select(all, names, recurse, missing);
            foreach (var name in missing)
                listing.Missing.Add(MailErrorTranslator.FolderNotFound(NamePattern.Unescape(name), session.Endpoint));
            int done = 0;
            foreach (var folder in wanted)
            {
                token.ThrowIfCancellationRequested();
                bool selectable = !folder.Attributes.HasFlag(FolderAttributes.NoSelect) && !folder.Attributes.HasFlag(FolderAttributes.NonExistent);
                if (selectable && !listStatus)
                    folder.Status(items, token);
                long size = (long)(folder.Size ?? 0);
                if (selectable && !statusSize && folder.Count > 0)
                    size = SumSizes(folder, token);

                listing.Folders.Add(new MailFolder
                {
                    Name = folder.Name,
                    FullName = folder.FullName,
                    Count = selectable ? folder.Count : 0,
                    Unread = selectable ? folder.Unread : 0,
                    Size = size,
                    SpecialUse = SpecialUseOf(folder),
                    Account = session.Account,
                    Session = session,
                    Separator = folder.DirectorySeparator,
                    UidValidity = folder.UidValidity,
                    IsSelectable = selectable,
                });
                done++;
                if (!listStatus && wanted.Count > 20)
                    writer.Progress(new ProgressInfo(1, $"Reading folders of {session.Account}", folder.FullName, done * 100 / wanted.Count));
            }
            if (!listStatus && wanted.Count > 20)
                writer.Progress(new ProgressInfo(1, $"Reading folders of {session.Account}", "Done", 100, completed: true));
            return listing;
        }

        // Without STATUS=SIZE the only exact size is the sum of RFC822.SIZE: one FETCH for the whole folder.
        static long SumSizes(IMailFolder folder, CancellationToken token)
        {
            folder.Open(FolderAccess.ReadOnly, token);
            try
            {
                long total = 0;
                foreach (var summary in folder.Fetch(0, -1, MessageSummaryItems.Size, token))
                    total += (long)(summary.Size ?? 0);
                return total;
            }
            finally
            {
                folder.Close(false, token);
            }
        }

        static FolderListing ListPop3(MailSession session, IReadOnlyList<string>? names, CancellationToken token)
        {
            var listing = new FolderListing();
            if (names != null && names.Count > 0)
            {
                bool any = false;
                foreach (var name in names)
                {
                    if (new NamePattern(name).IsMatch("INBOX"))
                        any = true;
                    else if (!NamePattern.HasWildcard(name))
                        listing.Missing.Add(MailErrorTranslator.FolderNotFound(name, session.Endpoint));
                }
                if (!any)
                    return listing;
            }
            var pop = session.Pop3;
            int count = pop.GetMessageCount(token);
            long size = count == 0 ? 0 : pop.GetMessageSizes(token).Sum(s => (long)s);
            listing.Folders.Add(new MailFolder
            {
                Name = "INBOX",
                FullName = "INBOX",
                Count = count,
                Unread = null,
                Size = size,
                SpecialUse = MailSpecialUse.Inbox,
                Account = session.Account,
                Session = session,
                Separator = '/',
            });
            return listing;
        }

        /// <summary>
        /// Applies the name patterns (matched against the full name, or the leaf name when the pattern has no separator).
        /// A folder whose full name equals the pattern exactly (in NFC) is taken alone; `-escaped characters are literal.
        /// </summary>
        internal static IList<IMailFolder> Select(IList<IMailFolder> all, IReadOnlyList<string>? names, bool recurse, IList<string> missing) =>
            Select(all, f => f.FullName, f => f.Name, f => f.DirectorySeparator, names, recurse, missing);

        internal static IList<T> Select<T>(IList<T> all, Func<T, string> fullNameOf, Func<T, string> nameOf, Func<T, char> separatorOf,
            IReadOnlyList<string>? names, bool recurse, IList<string> missing)
        {
            if (names == null || names.Count == 0)
                return all.ToList();

            var picked = new List<T>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var pattern = new NamePattern(name);
                // An exact name always wins over its wildcard reading: "[Gmail]/Sent Mail" or a folder really named "Ne*".
                bool exact = all.Any(f => NamePattern.SameName(fullNameOf(f), name));
                bool matched = false;
                foreach (var f in all)
                {
                    string fullName = fullNameOf(f);
                    char separator = separatorOf(f);
                    bool leafOnly = name.IndexOf(separator) < 0;
                    if (exact ? !NamePattern.SameName(fullName, name) : !(pattern.IsMatch(fullName) || (leafOnly && pattern.IsMatch(nameOf(f)))))
                        continue;
                    matched = true;
                    if (seen.Add(fullName))
                        picked.Add(f);
                    if (!recurse)
                        continue;
                    string prefix = fullName + separator;
                    foreach (var child in all)
                        if (fullNameOf(child).StartsWith(prefix, StringComparison.Ordinal) && seen.Add(fullNameOf(child)))
                            picked.Add(child);
                }
                if (!matched && !pattern.HasWildcards)
                    missing.Add(name);
            }
            // Keep the server's order, which users recognise.
            var order = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < all.Count; i++)
                order[fullNameOf(all[i])] = i;
            return picked.OrderBy(f => order.TryGetValue(fullNameOf(f), out var i) ? i : int.MaxValue).ToList();
        }

        internal static MailSpecialUse SpecialUseOf(IMailFolder folder)
        {
            var a = folder.Attributes;
            if (string.Equals(folder.FullName, "INBOX", StringComparison.OrdinalIgnoreCase) || a.HasFlag(FolderAttributes.Inbox))
                return MailSpecialUse.Inbox;
            if (a.HasFlag(FolderAttributes.Sent)) return MailSpecialUse.Sent;
            if (a.HasFlag(FolderAttributes.Drafts)) return MailSpecialUse.Drafts;
            if (a.HasFlag(FolderAttributes.Trash)) return MailSpecialUse.Trash;
            if (a.HasFlag(FolderAttributes.Junk)) return MailSpecialUse.Junk;
            if (a.HasFlag(FolderAttributes.Archive)) return MailSpecialUse.Archive;
            if (a.HasFlag(FolderAttributes.All)) return MailSpecialUse.All;
            if (a.HasFlag(FolderAttributes.Flagged)) return MailSpecialUse.Flagged;
            return MailSpecialUse.None;
        }
    }
}
