using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using MailTools.Accounts;
using MailTools.Completers;
using MailTools.Core.Accounts;
using MailTools.Core.Errors;
using MailTools.Core.Folders;
using MailTools.Core.Sessions;

namespace MailTools.Commands
{
    /// <summary>
    /// Test-MailAccount: connects to each saved account, logs in and totals its folders. A failing account is a
    /// result with Success = false and the reason, never an exception, so one bad account never hides the others.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "MailAccount")]
    [OutputType(typeof(AccountTestResult))]
    public sealed class TestMailAccountCommand : MailToolsCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(AccountNameCompleter))]
        public string[] Name { get; set; }

        [Parameter]
        [Credential]
        public PSCredential Credential { get; set; }

        /// <summary>A token made elsewhere, used instead of the saved sign-in.</summary>
        [Parameter]
        [ValidateNotNull]
        public System.Security.SecureString AccessToken { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 30;

        protected override void ProcessRecord()
        {
            var store = OpenAccountStore();
            var missing = new List<string>();
            var accounts = Invoke(() => store.Find(Name, missing), store.Path);
            foreach (var name in missing)
                WriteError(ToErrorRecord(store.NotFound(name), name));
            int done = 0;
            foreach (var account in accounts)
            {
                WriteProgress(new ProgressRecord(1, "Testing mail accounts", account.Name) { PercentComplete = done++ * 100 / Math.Max(1, accounts.Count) });
                WriteObject(Test(store, account));
            }
            WriteProgress(new ProgressRecord(1, "Testing mail accounts", "Done") { RecordType = ProgressRecordType.Completed });
        }

        AccountTestResult Test(AccountStore store, MailAccount account)
        {
            var watch = Stopwatch.StartNew();
            var result = new AccountTestResult { Account = account.Name, Server = account.Server, Protocol = account.Protocol };
            MailSession session = null;
            try
            {
                var credential = AccountCredentials.Resolve(this, store.Path, account, Credential, allowPrompt: false);
                var options = AccountConnection.OptionsFor(account, credential.GetNetworkCredential(), null, TimeoutSeconds, SignInParameters.IsInteractiveSession());
                if (AccessToken != null)
                {
                    options.Credential = new System.Net.NetworkCredential(account.UserName, string.Empty);
                    options.TokenSource = new Core.SignIn.StaticTokenSource(AccessToken);
                }
                result.Port = options.ResolvePort();
                session = SessionConnector.Connect(options, this, CancellationToken);
                result.Security = session.Security;
                result.TlsVersion = session.TlsVersion;
                result.Capabilities = session.Capabilities;
                var folders = FolderLister.List(session, null, false, this, CancellationToken).Folders;
                result.Folders = folders.Count;
                result.Messages = folders.Sum(f => f.Count);
                result.Size = folders.Sum(f => f.Size);
                result.Success = true;
                RecordSuccess(account.Name);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is OperationCanceledException && CancellationToken.IsCancellationRequested))
            {
                var mt = ex as MailToolsException ?? MailErrorTranslator.Translate(ex, null);
                result.ErrorId = mt.ErrorId;
                result.Error = mt.Message;
                SessionRegistry.Ledger.Failed(account.Name, MyInvocation.MyCommand.Name, mt.ErrorId, mt.Message);
                WriteVerbose($"{account.Name}: {mt.Message}");
            }
            finally
            {
                session?.Disconnect();
                result.Duration = watch.Elapsed;
            }
            return result;
        }
    }
}
