using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailTools.Core;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools
{
    /// <summary>
    /// An open, logged-in connection to one account over IMAP or POP3 (MailTools.MailSession).
    /// Holds the MailKit client; MailKit clients are not thread-safe, so every use goes through <see cref="Acquire"/>,
    /// which refuses a second thread instead of corrupting the connection.
    /// </summary>
    public sealed class MailSession : IDisposable
    {
        static int s_nextId;
        readonly object _gate = new object();
        readonly ConnectionOptions _options;
        IList<string>? _folderNames;
        IDisposable? _slot;
        MailService? _client; // null once disconnected

        internal MailSession(ConnectionOptions options, MailService client, MailSecurity security, int port, CertificateCheck certificate,
            IDisposable? slot = null, RetryPolicy? retry = null)
        {
            _options = options;
            _slot = slot;
            Retry = retry ?? new RetryPolicy(TimeSpan.FromSeconds(options.MaxWaitSeconds));
            _client = client;
            Id = Interlocked.Increment(ref s_nextId);
            Server = options.Server;
            Port = port;
            Protocol = options.Protocol;
            UserName = options.Credential.UserName ?? string.Empty;
            Security = security;
            Account = options.AccountName is { Length: > 0 } named ? named : $"{UserName}@{Server}";
            CertificateCheck = certificate;
            Endpoint = new ServerEndpoint(Server, Port, Protocol, UserName, options.TimeoutSeconds, Account);
            RefreshDetails();
        }

        /// <summary>The number Get-MailSession shows, unique in this process.</summary>
        public int Id { get; }
        /// <summary>The account name: the saved account's, else user@server.</summary>
        public string Account { get; }
        /// <summary>The server host name.</summary>
        public string Server { get; }
        /// <summary>The TCP port connected to.</summary>
        public int Port { get; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Protocol member of MailTools.types.ps1xml (JSON, CSV and views get "Imap").</summary>
        internal MailProtocol Protocol { get; }
        /// <summary>The user name logged in with.</summary>
        public string UserName { get; }
        /// <summary>Internal because ConvertTo-Json writes a public enum as a number: PowerShell reads its name through the
        /// Security member of MailTools.types.ps1xml (JSON, CSV and views get "SslOnConnect").</summary>
        internal MailSecurity Security { get; }
        /// <summary>The TLS version of the connection, or "none".</summary>
        public string TlsVersion { get; private set; } = "none";
        /// <summary>What the server announced (IMAP CAPABILITY, POP3 CAPA), by name.</summary>
        public ValueList Capabilities { get; private set; } = ValueList.None;
        /// <summary>Gmail (capability X-GM-EXT-1): labels are folders, and expunging from one only removes the label.</summary>
        public bool IsGmail => _client is ImapClient imap && imap.Capabilities.HasFlag(ImapCapabilities.GMailExt1);
        /// <summary>True while the connection is open and logged in.</summary>
        public bool IsConnected => _client is { IsConnected: true, IsAuthenticated: true };
        /// <summary>When the current connection was opened (a reconnect sets it again).</summary>
        public DateTimeOffset ConnectedAt { get; private set; }
        /// <summary>The server certificate's thumbprint, when TLS is on.</summary>
        public string? CertificateThumbprint => CertificateCheck.Thumbprint;

        /// <summary>The MailKit client; after <see cref="Disconnect"/> a clear "session closed" error instead of a null.</summary>
        internal MailService Client => _client ?? throw Closed();
        /// <summary>The IMAP client; only IMAP code paths read it, so a POP3 session here is a programming error.</summary>
        internal ImapClient Imap => Client as ImapClient ?? throw WrongProtocol(MailProtocol.Imap);
        /// <summary>The POP3 client; only POP3 code paths read it.</summary>
        internal Pop3Client Pop3 => Client as Pop3Client ?? throw WrongProtocol(MailProtocol.Pop3);
        internal ServerEndpoint Endpoint { get; }
        internal CertificateCheck CertificateCheck { get; private set; }
        internal ConnectionOptions Options => _options;

        /// <summary>Waits and gives up on provider limits for this session (see <see cref="Throttling"/>).</summary>
        internal RetryPolicy Retry { get; }
        /// <summary>The time this session spent waiting for provider limits (throttling, refused connections).</summary>
        internal TimeSpan ThrottleWait => Retry.Waited;
        /// <summary>The same, in seconds (plain in JSON and CSV).</summary>
        public double ThrottleWaitSeconds => Math.Round(Retry.Waited.TotalSeconds, 3);
        /// <summary>Counts reconnections: folder objects from an older connection must be fetched again by name.</summary>
        internal int Generation { get; private set; }
        /// <summary>Who is using the session now (set by <see cref="EnsureConnected"/>): where waits are reported, and what cancels them.</summary>
        internal IOutputWriter CallerWriter { get; private set; } = NullOutputWriter.Instance;
        internal CancellationToken CallerToken { get; private set; }

        /// <summary>Folder names seen on the last listing; feeds tab completion without a round trip.</summary>
        /// Internal so ConvertTo-Json of a session does not carry the folder list.
        internal IList<string> KnownFolderNames => _folderNames ?? Array.Empty<string>();
        internal void RememberFolders(IEnumerable<string> names) { _folderNames = names.ToList(); }

        /// <summary>
        /// Takes the session for the calling thread. A second thread gets a clear error, never a shared socket.
        /// The same thread may nest (a cmdlet calling a helper that acquires again).
        /// </summary>
        public IDisposable Acquire()
        {
            if (!Monitor.TryEnter(_gate, TimeSpan.FromSeconds(2)))
            {
                throw new MailToolsException(ErrorIds.SessionBusy, MailErrorKind.ResourceBusy,
                    $"Session {Id} ({Endpoint.Describe()}) is in use by another thread.", this)
                { RecommendedAction = "Open one session per runspace: call Connect-MailServer inside each ForEach-Object -Parallel block." };
            }
            return new Releaser(_gate);
        }

        /// <summary>Reconnects and logs in again when the server dropped the connection (idle timeout, restart).</summary>
        internal void EnsureConnected(IOutputWriter writer, CancellationToken token)
        {
            CallerWriter = writer ?? NullOutputWriter.Instance;
            CallerToken = token;
            if (_client == null)
                throw Closed();
            if (IsConnected)
                return;
            CallerWriter.Verbose($"The connection to the {Endpoint.Describe()} was closed; reconnecting.");
            Reconnect(CallerWriter, token);
        }

        /// <summary>Replaces the connection with a new one (same options, same connection slot), whatever state it is in.</summary>
        internal void Reconnect(IOutputWriter writer, CancellationToken token)
        {
            if (_client == null)
                throw Closed();
            var old = Client;
            try { old.Disconnect(false, CancellationToken.None); } catch (Exception) { /* best effort: the old connection may already be gone */ }
            var fresh = SessionConnector.OpenClient(_options, writer ?? NullOutputWriter.Instance, token, out var certificate, Retry);
            old.Dispose();
            _client = fresh;
            CertificateCheck = certificate;
            Generation++;
            RefreshDetails();
        }

        void RefreshDetails()
        {
            ConnectedAt = DateTimeOffset.Now;
            TlsVersion = Client.IsSecure ? Client.SslProtocol.ToString() : "none";
            if (_client is ImapClient imap)
                Capabilities = SplitFlags(imap.Capabilities.ToString());
            else if (_client is Pop3Client pop3)
                Capabilities = SplitFlags(pop3.Capabilities.ToString());
        }

        MailToolsException Closed() =>
            new MailToolsException(ErrorIds.SessionClosed, MailErrorKind.InvalidOperation,
                $"Session {Id} ({Endpoint.Describe()}) was disconnected.", this)
            { RecommendedAction = "Open a new session with Connect-MailServer." };

        InvalidOperationException WrongProtocol(MailProtocol wanted) =>
            new InvalidOperationException($"Session {Id} ({Endpoint.Describe()}) is a {Protocol} session, not {wanted}.");

        static string[] SplitFlags(string flags) =>
            flags.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s != "None").ToArray();

        /// <summary>Logs out (POP3 QUIT commits deletions) and closes the connection; the session cannot be used again.</summary>
        public void Disconnect()
        {
            var client = Interlocked.Exchange(ref _client, null);
            if (client == null)
                return;
            try
            {
                if (client.IsConnected)
                    client.Disconnect(true, CancellationToken.None); // POP3 QUIT commits DELE; IMAP LOGOUT.
            }
            catch (Exception)
            {
                // Best effort, cleanup only: the server may already have gone; the session is closed either way.
            }
            finally
            {
                client.Dispose();
                Interlocked.Exchange(ref _slot, null)?.Dispose();
            }
        }

        /// <summary>Same as <see cref="Disconnect"/>.</summary>
        public void Dispose() => Disconnect();

        /// <summary>"account (Imap server:port)", for messages.</summary>
        public override string ToString() => $"{Account} ({Protocol} {Server}:{Port})";

        sealed class Releaser : IDisposable
        {
            object? _gate;
            public Releaser(object gate) { _gate = gate; }
            public void Dispose()
            {
                var g = Interlocked.Exchange(ref _gate, null);
                if (g != null)
                    Monitor.Exit(g);
            }
        }
    }
}
