using System.Collections.Generic;
using System.Management.Automation;
using MailTools.Accounts;
using MailTools.Completers;
using MailTools.Core.Compare;
using MailTools.Core.Errors;
using MailTools.Core.Discovery;
using MailTools.Discovery;
using System;

namespace MailTools.Commands
{
    /// <summary>
    /// Compare-MailProtocol: IMAP and POP3 side by side for one real account (what each sees, keeps and deletes),
    /// or -Reference for the general comparison with no server. Read-only.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "MailProtocol", DefaultParameterSetName = ServerSet)]
    [OutputType(typeof(ProtocolComparison))]
    public sealed class CompareMailProtocolCommand : MailToolsCmdlet
    {
        const string ServerSet = "Server";
        const string SessionsSet = "Sessions";
        const string ReferenceSet = "Reference";
        const string AccountSet = "Account";
        const string TokenSet = "AccessToken";
        const string AccountObjectSet = "AccountObject";
        const string EmailSet = "EmailAddress";

        /// <summary>Find the IMAP, POP3 and SMTP servers from the address and compare the best verified ones.</summary>
        [Parameter(ParameterSetName = EmailSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? EmailAddress { get; set; }

        [Parameter(ParameterSetName = EmailSet)]
        [ValidateNotNullOrEmpty]
        public string? DnsServer { get; set; }

        /// <summary>The SMTP submission host for the sending side; default the IMAP server.</summary>
        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? SmtpServer { get; set; }

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int[]? SmtpPort { get; set; }

        [Parameter(ParameterSetName = ServerSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EmailSet)]
        [Parameter(ParameterSetName = TokenSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("ComputerName", "HostName")]
        public string? Server { get; set; }

        /// <summary>The mailbox to sign in to with -AccessToken.</summary>
        [Parameter(ParameterSetName = TokenSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? UserName { get; set; }

        [Parameter(ParameterSetName = TokenSet, Mandatory = true)]
        [ValidateNotNull]
        public System.Security.SecureString? AccessToken { get; set; }

        [Parameter(ParameterSetName = ServerSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EmailSet, Mandatory = true)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ImapServer { get; set; }

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Pop3Server { get; set; }

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int[]? ImapPort { get; set; }

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int[]? Pop3Port { get; set; }

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("Auto", "SslOnConnect", "StartTls")]
        public MailSecurity Security { get; set; } = MailSecurity.Auto;

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter(ParameterSetName = ServerSet)]
        [Parameter(ParameterSetName = EmailSet)]
        [Parameter(ParameterSetName = TokenSet)]
        [Parameter(ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = AccountObjectSet)]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 15;

        [Parameter(ParameterSetName = SessionsSet, ValueFromPipelineByPropertyName = true)]
        public MailSession? ImapSession { get; set; }

        [Parameter(ParameterSetName = SessionsSet, ValueFromPipelineByPropertyName = true)]
        public MailSession? Pop3Session { get; set; }

        [Parameter(ParameterSetName = ReferenceSet, Mandatory = true)]
        public SwitchParameter Reference { get; set; }

        /// <summary>Saved accounts (Register-MailAccount) by name; wildcards compare several.</summary>
        [Parameter(ParameterSetName = AccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(AccountNameCompleter))]
        [Alias("AccountName")]
        public string[]? Account { get; set; }

        /// <summary>Profiles from Get-MailAccount, bound by type so `Get-MailAccount | Compare-MailProtocol` works.</summary>
        [Parameter(ParameterSetName = AccountObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public MailAccount? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ReferenceSet:
                    WriteObject(ReferenceComparison.Build());
                    break;
                case SessionsSet:
                    CompareSessions();
                    break;
                case AccountSet:
                case AccountObjectSet:
                    CompareAccounts();
                    break;
                case EmailSet when string.IsNullOrEmpty(Server):
                    CompareAddress();
                    break;
                default:
                    CompareServer();
                    break;
            }
        }

        void CompareSessions()
        {
            if (ImapSession == null && Pop3Session == null)
            {
                ThrowTerminatingError(ToErrorRecord(new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    "Compare-MailProtocol needs -ImapSession, -Pop3Session or both.", null)
                { RecommendedAction = "Open them with Connect-MailServer -Protocol Imap / -Protocol Pop3, or use -Server with -Credential." }));
            }
            WriteObject(Invoke(() => ProtocolComparer.Compare(ImapSession, Pop3Session, null, null, null, this, CancellationToken)));
        }

        // Each saved account is compared on its own; one that fails is a non-terminating error and the others go on.
        void CompareAccounts()
        {
            foreach (var pair in ResolveAccounts(Account, InputObject, null, allowPrompt: true))
            {
                var account = pair.Key;
                TryInvoke(() =>
                {
                    var request = ServerComparisonRequest.ForAccount(account, pair.Value.GetNetworkCredential(), TimeoutSeconds, SignInParameters.IsInteractiveSession());
                    var comparison = ServerComparison.Run(request, this, CancellationToken);
                    comparison.Account = account.Name;
                    RecordSuccess(account.Name);
                    WriteObject(comparison);
                }, account);
            }
        }

        // The best verified IMAP, POP3 and SMTP candidates become a one-off account; -Server (when given) wins.
        void CompareAddress()
        {
            TryInvoke(() =>
            {
                var candidates = AddressDiscovery.Find(EmailAddress!, DnsServer, Math.Max(TimeoutSeconds, 30), this, CancellationToken);   // ! : mandatory in the EmailAddress set
                var account = DiscoveredAccount.Build(EmailAddress!, EmailAddress!, MailProtocol.Imap, candidates, DnsServer, this);   // ! : mandatory in the EmailAddress set
                var credential = Credential!.GetNetworkCredential();   // ! : mandatory in the EmailAddress set
                var request = ServerComparisonRequest.ForAccount(account, credential, TimeoutSeconds);
                request.Credential = credential;
                var comparison = ServerComparison.Run(request, this, CancellationToken);
                comparison.Account = EmailAddress!;   // ! : mandatory in the EmailAddress set
                WriteObject(comparison);
            }, EmailAddress);
        }

        void CompareServer()
        {
            if (ParameterSetName == EmailSet)
                WriteVerbose($"-Server {Server} given: no discovery for '{EmailAddress}'.");
            if (SkipCertificateCheck)
                WriteWarning($"Certificate checking is off for {Server}: anyone between you and the server could read the password and the mail. Use -SkipCertificateCheck only for a server you know.");
            var request = new ServerComparisonRequest
            {
                ImapServer = ImapServer ?? Server!,   // ! : mandatory in the Server and Token sets; the Email set comes here only with -Server
                Pop3Server = Pop3Server ?? Server,
                ImapPorts = ImapPort,
                Pop3Ports = Pop3Port,
                Security = Security,
                // -Credential is mandatory in the Server set, -AccessToken in the AccessToken set.
                Credential = AccessToken != null || Credential == null ? new System.Net.NetworkCredential(UserName, string.Empty) : Credential.GetNetworkCredential(),
                SkipCertificateCheck = SkipCertificateCheck,
                TimeoutSeconds = TimeoutSeconds,
                SmtpServer = SmtpServer ?? Server,
                SmtpPorts = SmtpPort,
                DnsServer = DnsServer,
                SignIn = AccessToken != null ? new Core.SignIn.SignInSettings { Method = SignInMethod.AccessToken, AccessToken = AccessToken } : null,
            };
            WriteObject(Invoke(() => ServerComparison.Run(request, this, CancellationToken), Server));
        }
    }
}
