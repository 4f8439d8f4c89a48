using System;
using System.IO;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Write-only filter for mboxrd (RFC 4155 appendix, "mboxrd"): every line that matches ^>*From  gets one more
    /// '>' in front, so a reader removes exactly one and gets the original bytes back. MimeKit's MboxFromFilter
    /// only quotes "From " (mboxo), which cannot be undone for lines that already start with ">From ".
    /// Works across Write calls: a line start split over two buffers is held back until it is decided.
    /// </summary>
    public sealed class MboxrdQuotingStream : WriteOnlyStream
    {
        static readonly byte[] s_from = { (byte)'F', (byte)'r', (byte)'o', (byte)'m', (byte)' ' };
        readonly Stream _inner;
        readonly byte[] _pending = new byte[4096];
        int _pendingLength;      // bytes held back at a line start while we cannot yet tell whether it is ">*From "
        bool _atLineStart = true;

        /// <summary>Quotes on the way to <paramref name="inner"/>, which stays open when this is disposed.</summary>
        public MboxrdQuotingStream(Stream inner) { _inner = inner ?? throw new ArgumentNullException(nameof(inner)); }

        /// <summary>Writes the bytes, adding one '&gt;' before each line that matches ^&gt;*From .</summary>
        public override void Write(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                if (!_atLineStart)
                {
                    int nl = Array.IndexOf(buffer, (byte)'\n', i, end - i);
                    if (nl < 0)
                    {
                        _inner.Write(buffer, i, end - i);
                        return;
                    }
                    _inner.Write(buffer, i, nl + 1 - i);
                    i = nl + 1;
                    _atLineStart = true;
                    continue;
                }
                // At a line start: collect bytes while they can still become ">*From ".
                byte b = buffer[i];
                int quotes = CountQuotes();
                int fromPos = _pendingLength - quotes;
                bool fits = (fromPos == 0 && b == (byte)'>') || (fromPos < s_from.Length && b == s_from[fromPos]);
                if (fits && _pendingLength < _pending.Length)
                {
                    _pending[_pendingLength++] = b;
                    i++;
                    if (EndsWithFrom())
                    {
                        _inner.WriteByte((byte)'>');
                        FlushPending();
                        _atLineStart = false;
                    }
                    continue;
                }
                FlushPending();
                _atLineStart = false; // the byte b is handled by the line copier (it may itself be '\n')
            }
        }

        int CountQuotes()
        {
            int n = 0;
            while (n < _pendingLength && _pending[n] == (byte)'>')
                n++;
            return n;
        }

        bool EndsWithFrom()
        {
            int q = CountQuotes();
            if (_pendingLength - q != s_from.Length)
                return false;
            for (int k = 0; k < s_from.Length; k++)
                if (_pending[q + k] != s_from[k])
                    return false;
            return true;
        }

        void FlushPending()
        {
            if (_pendingLength > 0)
                _inner.Write(_pending, 0, _pendingLength);
            _pendingLength = 0;
        }

        /// <summary>Writes out a held-back partial line (the message ended inside a possible "From ").</summary>
        public void Complete()
        {
            FlushPending();
            _atLineStart = true;
        }

        /// <summary>Flushes the stream below (a held-back line start stays held until it is decided or Complete runs).</summary>
        public override void Flush() => _inner.Flush();

        // The inner stream belongs to the caller (the mbox file stays open across messages).
        /// <summary>Writes out any held-back line start (as Complete); the stream below belongs to the caller.</summary>
        protected override void Dispose(bool disposing) { if (disposing) Complete(); base.Dispose(disposing); }
    }
}
