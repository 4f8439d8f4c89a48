using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using MailTools.Core.Compare;
using MailTools.Core.Discovery;
using MailTools.Core.Errors;
using MailTools.Core.Folders;
using MailTools.Core.SignIn;
using MailTools.Core.Sessions;

namespace MailTools.Core.Accounts
{
    /// <summary>
    /// Test-MailAccount's workflow for one account: connect, log in, list and total the folders, disconnect (and, when
    /// asked, check SMTP submission). A failing account is a result with Success = false and the reason, never an
    /// exception, so one bad account never hides the others. Only a stop (Ctrl+C) leaves as an exception.
    /// </summary>
    public static class AccountTester
    {
        /// <summary>Tests one account; the result says what worked and, on failure, the ErrorId and message.</summary>
        public static AccountTestResult Test(AccountTestRequest request, IOutputWriter writer, CancellationToken token)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            writer = writer ?? NullOutputWriter.Instance;
            var account = request.Account;
            var watch = Stopwatch.StartNew();
            var result = new AccountTestResult { Account = account.Name, Server = account.Server, Protocol = account.Protocol };
            NetworkCredential? credential = null;
            MailSession? session = null;
            try
            {
                credential = request.Credential();
                var options = AccountConnection.OptionsFor(account, credential, null, request.TimeoutSeconds, request.Interactive);
                if (request.AccessToken != null)
                {
                    options.Credential = new NetworkCredential(account.UserName, string.Empty);
                    options.TokenSource = new StaticTokenSource(request.AccessToken);
                }
                result.Port = options.ResolvePort();
                session = SessionConnector.Connect(options, writer, token);
                result.Security = session.Security;
                result.TlsVersion = session.TlsVersion;
                result.Capabilities = session.Capabilities;
                var folders = FolderLister.List(session, Array.Empty<string>(), false, writer, token).Folders;
                result.Folders = folders.Count;
                result.Messages = folders.Sum(f => f.Count);
                result.Size = folders.Sum(f => f.Size);
                result.Success = true;
            }
            catch (MailToolsException mt) when (!(mt.Kind == MailErrorKind.OperationStopped && token.IsCancellationRequested))
            {
                result.ErrorId = mt.ErrorId;
                result.Error = mt.Message;
                writer.Verbose($"{account.Name}: {mt.Message}");
            }
            finally
            {
                session?.Disconnect();
            }
            // Sending is checked whether or not reading worked: a refused password shows on both sides.
            if (request.Smtp && credential != null)
                TestSmtp(account, credential, request.TimeoutSeconds, result, writer, token);
            result.Duration = watch.Elapsed;
            return result;
        }

        static void TestSmtp(MailAccount account, NetworkCredential credential, int timeoutSeconds, AccountTestResult result, IOutputWriter writer, CancellationToken token)
        {
            SendingFacts facts;
            try
            {
                facts = SubmissionCheck.Run(string.IsNullOrEmpty(account.SmtpServer) ? account.Server : account.SmtpServer,
                    account.SmtpPort.HasValue ? new[] { account.SmtpPort.Value } : null, credential, account.DnsServer,
                    Math.Min(timeoutSeconds, 15), writer, token);
            }
            catch (MailToolsException mt) when (mt.Kind != MailErrorKind.OperationStopped)
            {
                writer.WriteError(mt);
                return;
            }
            var used = facts.Used;
            result.SmtpServer = facts.Server;
            result.SmtpPort = used?.Port;
            result.SmtpSecurity = used?.Security;
            result.SmtpAuthenticationMechanisms = used?.AuthenticationMechanisms ?? Array.Empty<string>();
            result.SmtpMaxMessageSize = used?.MaxMessageSize;
            result.SmtpSuccess = facts.State == SideState.Measured && facts.Login == SmtpLoginResult.Accepted;
            if (result.SmtpSuccess != true)
                result.SmtpError = $"Sending through {facts.Server}: {facts.Describe() ?? "the password was not tried"}.";
        }
    }
}
