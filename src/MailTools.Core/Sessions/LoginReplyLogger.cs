using System;
using System.Text;
using MailKit;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// Keeps the server's last reply line during the login, passing everything on to the protocol log (if any).
    /// MailKit's AuthenticationException says only "Authentication failed.", but a server refusing for a limit says
    /// so in its reply (Dovecot: "NO [LIMIT] Maximum number of connections from user+IP exceeded"); that line tells
    /// a connection limit, which waiting can help, from a wrong password, which it cannot.
    /// </summary>
    internal sealed class LoginReplyLogger : IProtocolLogger
    {
        const int Keep = 1024;
        readonly IProtocolLogger? _inner;
        readonly StringBuilder _tail = new StringBuilder();
        bool _capturing = true;

        public LoginReplyLogger(IProtocolLogger? inner) => _inner = inner;

        /// <summary>The last complete line the server sent while capturing, or null.</summary>
        public string? LastLine
        {
            get
            {
                var lines = _tail.ToString().Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
                return lines.Length == 0 ? null : lines[lines.Length - 1];
            }
        }

        /// <summary>Logged in: stop keeping server text (the protocol log, if any, goes on).</summary>
        public void StopCapturing()
        {
            _capturing = false;
            _tail.Clear();
        }

        /// <summary>MailKit sets the detector so the protocol log can redact credentials: it must reach the real log.</summary>
        public IAuthenticationSecretDetector? AuthenticationSecretDetector
        {
            get => _inner?.AuthenticationSecretDetector;
            set { if (_inner != null) _inner.AuthenticationSecretDetector = value; }
        }

        public void LogConnect(Uri uri) => _inner?.LogConnect(uri);

        public void LogClient(byte[] buffer, int offset, int count) => _inner?.LogClient(buffer, offset, count);

        public void LogServer(byte[] buffer, int offset, int count)
        {
            _inner?.LogServer(buffer, offset, count);
            if (!_capturing)
                return;
            _tail.Append(Encoding.UTF8.GetString(buffer, offset, count));
            if (_tail.Length > Keep)
                _tail.Remove(0, _tail.Length - Keep);
        }

        public void Dispose() => _inner?.Dispose();
    }
}
