using System.Collections.Generic;
using System.Management.Automation;
using MailTools.Completers;
using MailTools.Core.Accounts;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools
{
    /// <summary>
    /// Shared by Measure-Mailbox, Export-MailReport, Get-MailCleanupSuggestion and Get-MailQuota: what to look at, from sessions (or the
    /// current one), folders piped from Get-MailFolder (grouped per session, so each account is measured in one pass),
    /// or saved accounts (connected for the command and disconnected after it).
    /// </summary>
    public abstract class MailboxSourceCommand : MailToolsCmdlet
    {
        protected const string SessionSet = "Session";
        protected const string AccountSet = "Account";
        protected const string AccountObjectSet = "AccountObject";

        [Parameter(ParameterSetName = SessionSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public MailSession? Session { get; set; }

        [Parameter(ParameterSetName = AccountSet, Mandatory = true)]
        [ArgumentCompleter(typeof(AccountNameCompleter))]
        [SupportsWildcards]
        public string[]? Account { get; set; }

        [Parameter(ParameterSetName = AccountObjectSet, Mandatory = true, ValueFromPipeline = true)]
        public MailAccount? InputObject { get; set; }

        /// <summary>Folders: names, wildcards or roles (@Sent); piped Get-MailFolder objects bind by FullName. Default: every folder.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        [Alias("FullName")]
        public string[]? Folder { get; set; }

        [Parameter(ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = AccountObjectSet)]
        [Credential]
        public PSCredential? Credential { get; set; }

        readonly List<MailSession> _order = new List<MailSession>();
        readonly Dictionary<MailSession, List<string>> _folders = new Dictionary<MailSession, List<string>>();
        readonly HashSet<MailSession> _owned = new HashSet<MailSession>();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == SessionSet)
            {
                Add(ResolveSession(Session));
                return;
            }
            foreach (var pair in ResolveAccounts(Account, InputObject, Credential, allowPrompt: true))
            {
                MailSession? session = null;
                var options = AccountConnection.OptionsFor(pair.Key, pair.Value.GetNetworkCredential(), null, 60);
                if (!TryInvoke(() => session = SessionConnector.Connect(options, this, CancellationToken), pair.Key) || session == null)
                    continue;
                _owned.Add(session);
                Add(session);
            }
        }

        void Add(MailSession session)
        {
            if (!_folders.TryGetValue(session, out var names))
            {
                _order.Add(session);
                _folders[session] = names = new List<string>();
            }
            if (Folder != null)
                names.AddRange(Folder);
            if (BoundFromPipeline(nameof(Folder)))
                _pipedFolders = true;
        }

        bool _pipedFolders;

        /// <summary>
        /// A folder problem Core reports while measuring: a hierarchy-only folder piped from Get-MailFolder is skipped
        /// (verbose), one named on the command line is an error, like every other consumer of folders.
        /// </summary>
        protected override void WriteCoreError(MailToolsException failure) => WriteFolderError(failure, _pipedFolders);

        /// <summary>Each account once, with every folder given for it (empty = all).</summary>
        protected IEnumerable<KeyValuePair<MailSession, IReadOnlyList<string>?>> Sources()
        {
            foreach (var session in _order)
                yield return new KeyValuePair<MailSession, IReadOnlyList<string>?>(session, _folders[session].Count == 0 ? null : _folders[session]);
        }

        /// <summary>Logs out of the saved accounts this command connected to.</summary>
        protected void DisconnectOwned()
        {
            foreach (var session in _owned)
                session.Disconnect();
            _owned.Clear();
        }
    }
}
