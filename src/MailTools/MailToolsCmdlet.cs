using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Runtime.InteropServices;
using MailTools.Core;
using MailTools.Core.Accounts;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools
{
    /// <summary>
    /// What every MailTools cmdlet shares: -Session resolution, the cancellation token (Ctrl+C cancels it),
    /// the IOutputWriter Core talks through, and the one place MailToolsExceptions become ErrorRecords.
    /// </summary>
    public abstract class MailToolsCmdlet : PSCmdlet, IOutputWriter, IDisposable
    {
        CancellationTokenSource _cancellation = new CancellationTokenSource();
        readonly System.Collections.Generic.HashSet<string> _accountsUsed = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
        readonly System.Collections.Generic.HashSet<MailSession> _fellBack = new System.Collections.Generic.HashSet<MailSession>();

        protected CancellationToken CancellationToken => _cancellation.Token;

        protected override void StopProcessing()
        {
            _cancellation.Cancel();
            base.StopProcessing();
        }

        public void Dispose()
        {
            // Every account this command worked on counts as done in the run summary, unless the command was
            // stopped; an account with any failure is counted as failed whatever else happened to it.
            if (!_cancellation.IsCancellationRequested)
                foreach (var account in _accountsUsed)
                    SessionRegistry.Ledger.Succeeded(account);
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>The session given, else the current one; a clear error when there is none.</summary>
        protected MailSession ResolveSession(MailSession? given)
        {
            var session = given ?? SessionRegistry.Current;
            if (session == null)
            {
                var open = SessionRegistry.All;
                string why = open.Count == 0 ? "and none is open."
                    : $"and none is current: the last Connect-MailServer failed (or the current session was closed), so MailTools will not guess between the {open.Count} open session(s) ({string.Join(", ", open.Select(o => o.Account))}).";
                ThrowTerminatingError(ToErrorRecord(new MailToolsException(ErrorIds.NoSession, MailErrorKind.InvalidOperation,
                    $"{MyInvocation.MyCommand.Name} needs a mail session, {why}", null)
                {
                    RecommendedAction = open.Count == 0
                        ? "Connect first: Connect-MailServer -Server <name> -Credential (Get-Credential), or pass -Session."
                        : "Pass -Session (Get-MailSession shows the open ones), or connect again with Connect-MailServer.",
                }));
                throw new PipelineStoppedException();   // not reached: ThrowTerminatingError always throws
            }
            if (given == null)
                _fellBack.Add(session);
            _accountsUsed.Add(session.Account);
            return session;
        }

        /// <summary>
        /// The account as a ShouldProcess text names it. When the command fell back to the current session while
        /// several are open, it says so, so that a prompt or -WhatIf never leaves the account to be guessed.
        /// </summary>
        protected string Describe(MailSession session)
        {
            int open = SessionRegistry.All.Count;
            return _fellBack.Contains(session) && open > 1
                ? $"{session.Account} (the current session of {open} open; pass -Session to choose another)"
                : session.Account;
        }

        /// <summary>
        /// A destructive command that will not ask (-Force) says which account the current session is, when it fell
        /// back to it while several are open.
        /// </summary>
        protected void WarnIfGuessed(MailSession session)
        {
            if (_fellBack.Contains(session) && SessionRegistry.All.Count > 1)
                WriteWarning($"{MyInvocation.MyCommand.Name} acts on {Describe(session)}.");
        }

        /// <summary>Runs a Core call; a MailKit/Core failure ends the command with a proper ErrorRecord.</summary>
        protected T Invoke<T>(Func<T> call, object? target = null)
        {
            try
            {
                return call();
            }
            catch (Exception ex) when (IsStopRequest(ex))
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (IsMailFailure(ex))
            {
                ThrowTerminatingError(ToErrorRecord(ex, target));
                throw; // not reached
            }
        }

        /// <summary>Runs a Core call; a failure becomes a non-terminating error and the pipeline goes on.</summary>
        protected bool TryInvoke(Action call, object? target = null)
        {
            try
            {
                call();
                return true;
            }
            catch (Exception ex) when (IsStopRequest(ex))
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (IsMailFailure(ex))
            {
                OnFailure();   // first: WriteError throws under -ErrorAction Stop
                WriteError(ToErrorRecord(ex, target));
                return false;
            }
        }

        /// <summary>Called when a failure becomes a non-terminating error, just before it is written (Connect-MailServer forgets the current session).</summary>
        protected virtual void OnFailure()
        {
        }

        // Exception filters must not throw (CA2219: .NET swallows it and the filter counts as false), so these only
        // decide; the catch blocks above throw. Ctrl+C (StopProcessing) cancels the token: whatever that interrupted
        // leaves as PipelineStoppedException, never as an error record.
        bool IsStopRequest(Exception ex) =>
            CancellationToken.IsCancellationRequested
            && (ex is OperationCanceledException || (ex is MailToolsException mt && mt.Kind == MailErrorKind.OperationStopped));

        static bool IsMailFailure(Exception ex) =>
            !(ex is PipelineStoppedException) && !(ex is ArgumentNullException);

        /// <summary>The account profiles file ($env:MAILTOOLS_CONFIG, else the user's config folder).</summary>
        protected static AccountStore OpenAccountStore() =>
            new AccountStore(AccountStore.DefaultPath(Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows)));

        /// <summary>
        /// Saved accounts by name (wildcards) or the one piped in, each with its password (-Credential, vault, or a
        /// prompt). Unknown names and missing passwords are non-terminating errors: the other accounts go on.
        /// </summary>
        protected System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<MailAccount, PSCredential>> ResolveAccounts(
            string[]? names, MailAccount? piped, PSCredential? given, bool allowPrompt)
        {
            var store = OpenAccountStore();
            var missing = new System.Collections.Generic.List<string>();
            System.Collections.Generic.IList<MailAccount>? accounts = null;
            if (piped != null)
                accounts = new[] { piped };
            else if (!TryInvoke(() => accounts = store.Find(names, missing), store.Path) || accounts == null)
                yield break;
            foreach (var name in missing)
            {
                OnFailure();
                WriteError(ToErrorRecord(store.NotFound(name), name));
            }
            foreach (var account in accounts)
            {
                // given! : Resolve checks for null itself (no -Credential); its parameter is not annotated yet (Accounts/ is providers').
                PSCredential? credential = null;
                if (TryInvoke(() => credential = Accounts.AccountCredentials.Resolve(this, store.Path, account, given!, allowPrompt), account) && credential != null)
                    yield return new System.Collections.Generic.KeyValuePair<MailAccount, PSCredential>(account, credential);
            }
        }

        /// <summary>Notes that this command finished its work for an account (see Get-MailRunSummary).</summary>
        protected static void RecordSuccess(string account) => SessionRegistry.Ledger.Succeeded(account);

        static string? AccountOf(object? target)
        {
            switch (target)
            {
                case MailSession s: return s.Account;
                case ServerEndpoint e: return string.IsNullOrEmpty(e.Account) ? (e.UserName == null ? null : $"{e.UserName}@{e.Server}") : e.Account;
                case MailFolder f: return f.Account;
                case MailAccount a: return a.Name;
                default: return null;
            }
        }

        protected ErrorRecord ToErrorRecord(Exception ex, object? target = null)
        {
            var mt = ex as MailToolsException ?? MailErrorTranslator.Translate(ex, null);
            // Every failure that concerns an account counts against it in the run summary.
            SessionRegistry.Ledger.Failed(AccountOf(mt.Target) ?? AccountOf(target), MyInvocation?.MyCommand?.Name, mt.ErrorId, mt.Message);
            var record = new ErrorRecord(mt, mt.ErrorId, ErrorCategoryMap.For(mt.Kind), mt.Target ?? target);
            if (!string.IsNullOrEmpty(mt.RecommendedAction))
                record.ErrorDetails = new ErrorDetails(mt.Message) { RecommendedAction = mt.RecommendedAction };
            return record;
        }

        protected void WriteMailError(MailToolsException ex)
        {
            OnFailure();
            WriteError(ToErrorRecord(ex));
        }

        System.Collections.Generic.HashSet<string>? _boundBeforeInput;

        /// <summary>
        /// Remembers what the command line bound, so that values bound from the pipeline can be told apart, then runs
        /// the cmdlet's own <see cref="Begin"/>. Sealed: a cmdlet that overrode this and forgot the base call would
        /// silently take piped hierarchy-only folders for named ones.
        /// </summary>
        protected sealed override void BeginProcessing()
        {
            _boundBeforeInput = new System.Collections.Generic.HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            Begin();
        }

        /// <summary>The cmdlet's BeginProcessing: checks made once, before any pipeline input.</summary>
        protected virtual void Begin() { }

        /// <summary>True when the parameter's value came from the pipeline object (by property name), not from the command line.</summary>
        protected bool BoundFromPipeline(string parameter) =>
            _boundBeforeInput != null && !_boundBeforeInput.Contains(parameter) && MyInvocation.BoundParameters.ContainsKey(parameter);

        /// <summary>
        /// Get-MailFolder lists hierarchy-only folders (IsSelectable = False); piped on, they are skipped with a verbose
        /// line. Named on the command line they stay an error: a name must never quietly mean nothing.
        /// </summary>
        protected void WriteFolderError(MailToolsException ex, bool fromPipeline)
        {
            if (fromPipeline && ex.ErrorId == ErrorIds.FolderNotSelectable)
                WriteVerbose("Skipped: " + ex.Message);
            else
                WriteMailError(ex);
        }

        void IOutputWriter.Verbose(string message) => WriteVerbose(message);
        void IOutputWriter.Warning(string message) => WriteWarning(message);
        void IOutputWriter.Debug(string message) => WriteDebug(message);
        bool IOutputWriter.ShouldProcess(string target, string action) => ShouldProcess(target, action);
        void IOutputWriter.WriteError(MailToolsException failure) => WriteCoreError(failure);
        bool IOutputWriter.ShouldProcess(MailSession session, string target, string action) => ShouldChange(session, target, action);

        /// <summary>
        /// A change Core is about to make to the account's mail: ShouldProcess with the account named as
        /// <see cref="Describe"/> does. Invoke-MailCleanup -Force answers through <see cref="ShouldProcessUnasked"/>.
        /// </summary>
        protected virtual bool ShouldChange(MailSession session, string target, string action) =>
            ShouldProcess($"{target} of {Describe(session)}", action);

        /// <summary>
        /// For a change made without asking (-Force; a plain export, which only adds files): under -WhatIf the
        /// "What if:" line names it and the answer is no; otherwise yes, and never a prompt. The target and action
        /// are built only under -WhatIf (a preview may cost a round trip); null means nothing to show (its failure
        /// was reported), and the answer is no.
        /// </summary>
        protected bool ShouldProcessUnasked(Func<(string Target, string Action)?> change)
        {
            if (!WhatIfOn)
                return true;
            var shown = change();
            return shown != null && ShouldProcess(shown.Value.Target, shown.Value.Action);
        }

        // The one read of -WhatIf in the module, kept private to the host. PowerShell tells a cmdlet about -WhatIf
        // only through ShouldProcess, and ShouldProcess also prompts whenever ConfirmImpact (High here) reaches
        // $ConfirmPreference, whatever ShouldProcessReason overload is used. A change that must not prompt (-Force,
        // a plain export) yet must still only preview under -WhatIf therefore needs the switch (or
        // $WhatIfPreference, which -WhatIf sets in the command's scope) read here.
        /// <summary>True under -WhatIf (or $WhatIfPreference): nothing will be changed, whatever -Force says.</summary>
        protected bool WhatIfOn =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent
            : SessionState.PSVariable.GetValue("WhatIfPreference") is SwitchParameter sp ? sp.IsPresent
            : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

        /// <summary>How a per-item failure Core reports becomes a non-terminating error; Invoke-MailCleanup skips piped hierarchy-only folders.</summary>
        protected virtual void WriteCoreError(MailToolsException failure) => WriteMailError(failure);

        void IOutputWriter.Progress(ProgressInfo progress)
        {
            var record = new ProgressRecord(progress.ActivityId, progress.Activity, string.IsNullOrEmpty(progress.Status) ? " " : progress.Status)
            {
                PercentComplete = Math.Min(100, progress.PercentComplete),
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                ParentActivityId = progress.ParentActivityId,
            };
            WriteProgress(record);
        }
    }
}
