using System;
using System.Text;
using MailKit;

namespace MailTools.Core.Discovery
{
    /// <summary>
    /// A MailKit protocol logger that keeps only the server's first line (the greeting or 220 banner) and nothing
    /// the client sends, so no secret can be recorded. MailKit gives no other way to read the greeting.
    /// </summary>
    sealed class GreetingRecorder : IProtocolLogger
    {
        readonly StringBuilder _first = new StringBuilder();
        bool _done;

        public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

        public string? Greeting => _first.Length == 0 ? null : _first.ToString().Trim();

        public void LogConnect(Uri uri) { }

        public void LogClient(byte[] buffer, int offset, int count) { _done = _done || _first.Length > 0; }

        public void LogServer(byte[] buffer, int offset, int count)
        {
            if (_done)
                return;
            for (int i = offset; i < offset + count && !_done; i++)
            {
                char c = (char)buffer[i];
                if (c == '\n' || _first.Length >= 200)
                    _done = true;
                else if (c != '\r')
                    _first.Append(c < ' ' || c > '~' ? '?' : c);
            }
        }

        public void Dispose() { }
    }
}
