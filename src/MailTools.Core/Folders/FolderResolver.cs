using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;
using MailTools.Core.Text;

namespace MailTools.Core.Folders
{
    /// <summary>
    /// Turns folder names, wildcards and special-use roles (@Trash, @Junk, @Sent, @Archive, @Drafts, @Inbox) into the
    /// server's folders from one LIST. Roles exist because names are localised ("Papierkorb", "Corbeille"): the role
    /// comes from the folder's RFC 6154 attribute, read by <see cref="FolderLister.SpecialUseOf"/>.
    /// </summary>
    public sealed class FolderResolver
    {
        readonly MailSession _session;
        readonly IList<IMailFolder> _all;

        FolderResolver(MailSession session, IList<IMailFolder> all)
        {
            _session = session;
            _all = all;
        }

        /// <summary>
        /// Lists the account's folders once (one LIST; with <paramref name="status"/> a LIST-STATUS, still one command, when
        /// the server has LIST-STATUS and STATUS=SIZE, else a plain LIST). Call inside session.Acquire() after EnsureConnected.
        /// </summary>
        internal static FolderResolver Load(MailSession session, CancellationToken token, StatusItems status = StatusItems.None)
        {
            var imap = session.Imap;
            var ns = imap.PersonalNamespaces.Count > 0 ? imap.PersonalNamespaces[0] : new FolderNamespace('/', string.Empty);
            bool withStatus = status != StatusItems.None && HasListStatusSize(imap);
            var all = withStatus ? imap.GetFolders(ns, status, false, token) : imap.GetFolders(ns, false, token);
            session.RememberFolders(all.Select(f => f.FullName));
            return new FolderResolver(session, all) { HasStatus = withStatus };
        }

        /// <summary>
        /// <see cref="Load"/> as the first command of an operation: a connection the server dropped while the session sat
        /// idle (a restart, an idle cut, a reset) shows only here, so the listing reconnects and runs again
        /// (<see cref="MailOperation.Resumable{T}"/>); it changes nothing on the server.
        /// </summary>
        internal static FolderResolver Listed(MailSession session, IOutputWriter writer, CancellationToken token, StatusItems status = StatusItems.None) =>
            MailOperation.Resumable(session, "the folder listing", writer, token, () => MailOperation.Command(session, () => Load(session, token, status)));

        internal static bool HasListStatusSize(ImapClient imap) =>
            imap.Capabilities.HasFlag(ImapCapabilities.ListStatus) && imap.Capabilities.HasFlag(ImapCapabilities.StatusSize);

        /// <summary>The listing carried STATUS (LIST-STATUS): each folder's Size, Count, UidNext are as of the listing.</summary>
        internal bool HasStatus { get; private set; }

        /// <summary>Every folder of the listing.</summary>
        internal IList<IMailFolder> All => _all;

        /// <summary>True for a special-use role name such as "@Trash".</summary>
        public static bool IsRole(string name) => name != null && name.Length > 1 && name[0] == '@';

        /// <summary>Reads a role name ("@Trash") into its special use; false for anything else.</summary>
        public static bool TryParseRole(string name, out MailSpecialUse role)
        {
            role = MailSpecialUse.None;
            return IsRole(name) && Enum.TryParse(name.Substring(1), true, out role) && role != MailSpecialUse.None;
        }

        /// <summary>
        /// The selectable folders the names, wildcards and roles mean: roles first, then the server's order.
        /// A plain name that matches nothing is a FolderNotFound, one that names a hierarchy-only folder a
        /// FolderNotSelectable (never silent nothing); a wildcard just leaves such folders out (verbose).
        /// </summary>
        internal IList<IMailFolder> Resolve(IReadOnlyList<string> names, IList<MailToolsException> missing, IOutputWriter? writer = null)
        {
            var picked = new List<IMailFolder>();
            var byName = new List<IMailFolder>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                if (IsRole(name))
                {
                    var folder = ByRole(name);
                    if (folder != null && seen.Add(folder.FullName))
                        picked.Add(folder);
                    continue;
                }
                var notFound = new List<string>();
                foreach (var f in FolderLister.Select(_all, new[] { name }, false, notFound))
                {
                    if (Selectable(f))
                    {
                        if (seen.Add(f.FullName))
                            byName.Add(f);
                    }
                    else if (NamePattern.HasWildcard(name))
                        writer?.Verbose($"'{name}' matches '{f.FullName}', which is not selectable (it only holds sub-folders): skipped.");
                    else
                        missing.Add(MailErrorTranslator.FolderNotSelectable(f.FullName, _session.Endpoint));
                }
                foreach (var n in notFound)
                    missing.Add(MailErrorTranslator.FolderNotFound(NamePattern.Unescape(n), _session.Endpoint));
            }
            picked.AddRange(byName.OrderBy(f => _all.IndexOf(f)));
            return picked;
        }

        /// <summary>The folder with a special-use role ("@Trash"); a clear error when the server marks none.</summary>
        internal IMailFolder ByRole(string roleName)
        {
            if (!TryParseRole(roleName, out var role))
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    $"'{roleName}' is not a folder role. Roles are @Inbox, @Sent, @Drafts, @Trash, @Junk, @Archive, @All, @Flagged.", roleName);
            var folder = _all.FirstOrDefault(f => FolderLister.SpecialUseOf(f) == role && Selectable(f))
                ?? ByWellKnownName(role);
            if (folder == null)
                throw new MailToolsException(ErrorIds.SpecialFolderNotFound, MailErrorKind.ObjectNotFound,
                    $"The {_session.Endpoint.Describe()} marks no folder as {role} (RFC 6154 special-use), so '{roleName}' names nothing.", roleName)
                { RecommendedAction = $"Name the folder itself instead of '{roleName}' (Get-MailFolder shows the names), or for Trash give -Destination." };
            return folder;
        }

        // What clients name these folders when the server has no RFC 6154 SPECIAL-USE (older Courier, Exchange, hosters).
        static readonly Dictionary<MailSpecialUse, string[]> WellKnownNames = new Dictionary<MailSpecialUse, string[]>
        {
            [MailSpecialUse.Trash] = new[] { "Trash", "Deleted Items", "Deleted Messages", "Deleted" },
            [MailSpecialUse.Junk] = new[] { "Junk", "Spam", "Junk E-mail", "Junk Email", "Bulk Mail" },
            [MailSpecialUse.Sent] = new[] { "Sent", "Sent Items", "Sent Messages", "Sent Mail" },
            [MailSpecialUse.Drafts] = new[] { "Drafts", "Draft" },
            [MailSpecialUse.Archive] = new[] { "Archive", "Archives" },
        };

        /// <summary>
        /// Only when the server marks no folder with the role at all: the one folder (top level or under INBOX) with a
        /// name clients use for it. Two candidates are ambiguous, so none is taken.
        /// </summary>
        IMailFolder? ByWellKnownName(MailSpecialUse role)
        {
            if (!WellKnownNames.TryGetValue(role, out var names) || _all.Any(f => FolderLister.SpecialUseOf(f) == role))
                return null;
            var candidates = _all.Where(f => Selectable(f) && names.Any(n =>
                    string.Equals(f.FullName, n, StringComparison.OrdinalIgnoreCase)
                    || (f.ParentFolder != null && string.Equals(f.ParentFolder.FullName, "INBOX", StringComparison.OrdinalIgnoreCase) && string.Equals(f.Name, n, StringComparison.OrdinalIgnoreCase))))
                .ToList();
            return candidates.Count == 1 ? candidates[0] : null;
        }

        /// <summary>A folder by exact name, a role, or the one name a wildcard matches.</summary>
        internal IMailFolder Single(string name)
        {
            if (IsRole(name))
                return ByRole(name);
            var missing = new List<MailToolsException>();
            var found = Resolve(new[] { name }, missing);
            if (missing.Count > 0)
                throw missing[0];
            if (found.Count != 1)
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    $"'{name}' matches {found.Count} folders on the {_session.Endpoint.Describe()}; a destination must be one folder.", name);
            return found[0];
        }

        /// <summary>Every selectable folder with its role: RFC 6154's, else a well-known name's when the server marks none.</summary>
        internal IList<(string Name, MailSpecialUse Role)> SelectableFolders()
        {
            var byName = new Dictionary<string, MailSpecialUse>(StringComparer.Ordinal);
            foreach (var role in WellKnownNames.Keys)
            {
                var f = ByWellKnownName(role);
                if (f != null)
                    byName[f.FullName] = role;
            }
            return _all.Where(Selectable).Select(f =>
            {
                var role = FolderLister.SpecialUseOf(f);
                return (f.FullName, role == MailSpecialUse.None && byName.TryGetValue(f.FullName, out var r) ? r : role);
            }).ToList();
        }

        internal static bool Selectable(IMailFolder f) =>
            !f.Attributes.HasFlag(FolderAttributes.NoSelect) && !f.Attributes.HasFlag(FolderAttributes.NonExistent);
    }
}
