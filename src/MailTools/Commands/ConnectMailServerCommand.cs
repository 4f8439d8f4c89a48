using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using MailTools.Accounts;
using MailTools.Completers;
using MailTools.Core.Accounts;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;
using MailTools.Core.Discovery;
using MailTools.Core.SignIn;
using MailTools.Discovery;

namespace MailTools.Commands
{
    /// <summary>
    /// Connect-MailServer: opens a logged-in IMAP or POP3 session and makes it the current one.
    /// A failure is a non-terminating error for that server or account, so `Get-MailAccount | Connect-MailServer`
    /// goes on with the others (use -ErrorAction Stop to stop at the first).
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "MailServer", DefaultParameterSetName = ServerSet)]
    [OutputType(typeof(MailSession))]
    public sealed class ConnectMailServerCommand : MailToolsCmdlet, IDynamicParameters
    {
        const string ServerSet = "Server";
        const string AccountSet = "Account";
        const string AccountObjectSet = "AccountObject";
        const string EmailSet = "EmailAddress";
        const string TokenSet = "AccessToken";
        const string SignInSet = "SignIn";

        /// <summary>Find the server from the address (Find-MailServer) and use the best verified candidate.</summary>
        [Parameter(ParameterSetName = EmailSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? EmailAddress { get; set; }

        [Parameter(ParameterSetName = EmailSet)]
        [ValidateNotNullOrEmpty]
        public string? DnsServer { get; set; }

        [Parameter(ParameterSetName = ServerSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EmailSet)]
        [Parameter(ParameterSetName = TokenSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = SignInSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("ComputerName", "HostName")]
        public string? Server { get; set; }

        [Parameter(ParameterSetName = AccountSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [Alias("Name", "AccountName")]
        [ArgumentCompleter(typeof(AccountNameCompleter))]
        public string[]? Account { get; set; }

        // Profiles piped from Get-MailAccount bind here by type, before any property-name binding could pick the
        // Server set (a profile also has a Server property).
        [Parameter(ParameterSetName = AccountObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public MailAccount? InputObject { get; set; }

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EmailSet)]
        [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = SignInSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EmailSet)]
        [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = SignInSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = AccountObjectSet)]
        public MailProtocol Protocol { get; set; } = MailProtocol.Imap;

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EmailSet)]
        [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = SignInSet, ValueFromPipelineByPropertyName = true)]
        public MailSecurity Security { get; set; } = MailSecurity.Auto;

        [Parameter(ParameterSetName = ServerSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EmailSet, Mandatory = true)]
        [Parameter(ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = AccountObjectSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        [Parameter(ParameterSetName = ServerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EmailSet)]
        [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = SignInSet, ValueFromPipelineByPropertyName = true)]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter(ParameterSetName = ServerSet)]
        [Parameter(ParameterSetName = EmailSet)]
        public SwitchParameter AllowInsecureAuthentication { get; set; }

        /// <summary>The mailbox to open with a token (for app-only sign-in, the mailbox the app acts on).</summary>
        [Parameter(ParameterSetName = TokenSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = SignInSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? UserName { get; set; }

        [Parameter(ParameterSetName = TokenSet, Mandatory = true)]
        [Parameter(ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = AccountObjectSet)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        /// <summary>
        /// -ClientId, -TenantId, -Scope, -Interactive, certificate or -ClientSecret, -TokenCachePath, the Google files:
        /// declared once (<see cref="SignInParameters"/>); they go with -Server and -UserName (the SignIn set).
        /// </summary>
        readonly SignInParameters _signIn = new SignInParameters();

        /// <summary>The shared sign-in parameters.</summary>
        public object GetDynamicParameters() => _signIn;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProtocolLogPath { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 60;

        // A failed connect leaves no session current: a script that goes on (-ErrorAction Continue) must not clean
        // the account that happened to be connected before. A later successful connect is current again.
        protected override void OnFailure() => SessionRegistry.ClearCurrent();

        /// <summary>Connections MailTools opens to this account at once, across runspaces (provider limits: Dovecot 10, Gmail 15).</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int MaxConnections { get; set; } = ConnectionGate.DefaultLimit;

        /// <summary>How long to wait out throttling or a full connection limit, without progress, before giving up.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int MaxWaitSeconds { get; set; } = 300;

        protected override void ProcessRecord()
        {
            if (ParameterSetName != SignInSet && !TryInvoke(RefuseSignInParameters, Server ?? EmailAddress))
                return;
            if (ParameterSetName == EmailSet)
            {
                ConnectionOptions? found = null;
                if (TryInvoke(() => found = FromAddress(), EmailAddress) && found != null)
                    Open(found);
                return;
            }
            if (ParameterSetName == AccountSet || ParameterSetName == AccountObjectSet)
            {
                foreach (var saved in AccountOptions())
                    Open(saved);
                return;
            }

            var options = Given();
            if (ParameterSetName == TokenSet)
                options.TokenSource = new StaticTokenSource(AccessToken!);   // ! : mandatory in the AccessToken set
            else if (ParameterSetName == SignInSet && !TryInvoke(() => options.TokenSource = TokenSourceFactory.Create(SignIn(), UserName!, Protocol), Server))   // ! : mandatory in the SignIn set
                return;
            Open(options);
        }

        ConnectionOptions Given() =>
            new ConnectionOptions
            {
                Server = Server ?? string.Empty,   // empty only with -EmailAddress, where discovery fills it in
                Port = Port > 0 ? Port : (int?)null,
                Protocol = Protocol,
                Security = Security,
                // With a token (-AccessToken, Microsoft sign-in) the credential names only the mailbox.
                Credential = Credential != null ? Credential.GetNetworkCredential() : new NetworkCredential(UserName, string.Empty),
                SkipCertificateCheck = SkipCertificateCheck,
                AllowInsecureAuthentication = AllowInsecureAuthentication,
                TimeoutSeconds = TimeoutSeconds,
                DnsServer = DnsServer,
            };

        // -Server always wins; otherwise the best verified candidate for -Protocol gives server, port and security.
        ConnectionOptions FromAddress()
        {
            var options = Given();
            if (!string.IsNullOrEmpty(Server))
            {
                WriteVerbose($"-Server {Server} given: no discovery for '{EmailAddress}'.");
                return options;
            }
            var wanted = Protocol == MailProtocol.Pop3 ? MailServerProtocol.Pop3 : MailServerProtocol.Imap;
            var candidates = AddressDiscovery.Find(EmailAddress!, DnsServer, Math.Min(TimeoutSeconds, 60), this, CancellationToken, wanted);   // ! : mandatory in the EmailAddress set
            var best = CandidateChooser.Best(candidates, wanted, this);
            options.Server = best.Host;
            options.Port = best.Port;
            options.Security = best.Security;
            string user = Credential?.UserName ?? string.Empty;   // -Credential is mandatory in the EmailAddress set
            if (!string.Equals(best.UserName, user, StringComparison.OrdinalIgnoreCase))
                WriteVerbose($"The provider's settings name the user '{best.UserName}'; logging in as '{user}' as given.");
            return options;
        }

        // The sign-in parameters belong to every set (they are declared once); only -Server with -UserName uses them.
        SignInSettings SignIn()
        {
            if (SignInParameters.GivenNames(MyInvocation.BoundParameters).Length == 0)
                throw SignInErrors.Missing("-ClientId, -GoogleClientSecretPath or -GoogleServiceAccountKeyPath",
                    $"Connecting as '{UserName}' without -Credential needs a way to sign in: -AccessToken, a Microsoft 365 app (-ClientId) or a Google client file or key.");
            return _signIn.ResolvePaths(this).ToSettings();
        }

        void RefuseSignInParameters()
        {
            var given = SignInParameters.GivenNames(MyInvocation.BoundParameters);
            if (given.Length > 0)
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    $"-{string.Join(", -", given)} go with -Server and -UserName (a sign-in without a password); with {(ParameterSetName == EmailSet ? "-EmailAddress and -Credential" : ParameterSetName == ServerSet ? "-Credential" : "a saved account")} they would be ignored.",
                    Server ?? EmailAddress ?? string.Join(", ", Account ?? Array.Empty<string>()))
                { RecommendedAction = "Leave -Credential out to sign in with them, or change a saved account's sign-in with Set-MailAccount." };
        }

        IEnumerable<ConnectionOptions> AccountOptions()
        {
            var protocol = MyInvocation.BoundParameters.ContainsKey(nameof(Protocol)) ? Protocol : (MailProtocol?)null;
            foreach (var pair in ResolveAccounts(Account, InputObject, Credential, allowPrompt: true))
            {
                ConnectionOptions? options = null;
                if (!TryInvoke(() => options = AccountConnection.OptionsFor(pair.Key, pair.Value.GetNetworkCredential(), protocol, TimeoutSeconds, SignInParameters.IsInteractiveSession()), pair.Key) || options == null)
                    continue;
                if (AccessToken != null)
                {
                    // A token given now wins over the saved sign-in (and needs no password).
                    options.Credential = new NetworkCredential(pair.Key.UserName, string.Empty);
                    options.TokenSource = new StaticTokenSource(AccessToken);
                }
                yield return options;
            }
        }

        void Open(ConnectionOptions options)
        {
            if (options.SkipCertificateCheck)
                WriteWarning($"Certificate checking is off for {options.Server}: anyone between you and the server could read the password and the mail. Use -SkipCertificateCheck only for a server you know.");
            if (!string.IsNullOrEmpty(ProtocolLogPath))
                options.ProtocolLogPath = GetUnresolvedProviderPathFromPSPath(ProtocolLogPath);
            options.MaxConnections = MaxConnections;
            options.MaxWaitSeconds = MaxWaitSeconds;
            // Slots held by this runspace's own sessions are never waited for (they would not close while we wait).
            options.Owner = System.Management.Automation.Runspaces.Runspace.DefaultRunspace;

            MailSession? session = null;
            if (!TryInvoke(() => session = SessionConnector.Connect(options, this, CancellationToken), options.Server) || session == null)
                return;
            SessionRegistry.Add(session);
            RecordSuccess(session.Account);
            WriteObject(session);
        }
    }
}
