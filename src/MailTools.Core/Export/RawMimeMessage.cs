using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Builds a MimeMessage that serialises to the ORIGINAL bytes of a message on disk, so that IMAP APPEND (which
    /// MailKit only takes as a MimeMessage) uploads exactly what was exported instead of a re-serialised parse: a
    /// parsed and re-written malformed message would come back with other bytes. MimeMessage.WriteTo cannot be
    /// overridden; it writes "headers, newline, body". So the message gets ONE header whose raw name is everything
    /// before the first ':' and whose raw value is the rest of that line, and a body entity that writes everything
    /// after that line's end. Received is the header id MimeKit never reformats. The only change made to the bytes
    /// is LF → CRLF for bare LFs, because an IMAP literal is CRLF text (RFC 3501 section 2.2).
    /// </summary>
    internal static class RawMimeMessage
    {
        /// <summary>Null when the bytes have no ':' followed by a line end in their first <paramref name="head"/> bytes.</summary>
        /// <param name="head">The first bytes of the message (at least its first header line).</param>
        /// <param name="write">Writes the whole message into the given stream; called once per serialisation
        /// (MailKit serialises twice: once to measure the literal, once to send it).</param>
        public static MimeMessage Create(byte[] head, Action<Stream, CancellationToken> write)
        {
            if (head == null) throw new ArgumentNullException(nameof(head));
            if (write == null) throw new ArgumentNullException(nameof(write));
            int colon = Array.IndexOf(head, (byte)':');
            if (colon < 0)
                return null;
            int lf = Array.IndexOf(head, (byte)'\n', colon);
            if (lf < 0)
                return null;
            int valueEnd = lf > colon + 1 && head[lf - 1] == '\r' ? lf - 1 : lf;
            var field = new byte[colon];
            Buffer.BlockCopy(head, 0, field, 0, colon);
            var value = new byte[valueEnd - colon - 1];
            Buffer.BlockCopy(head, colon + 1, value, 0, value.Length);

            var message = new MimeMessage();
            message.Headers.Clear();   // new MimeMessage() adds From, Date, Subject and Message-Id
            message.Headers.Add(new RawHeader(field, value));
            message.Body = new RawBody(write, lf + 1);
            return message;
        }

        sealed class RawHeader : Header
        {
            public RawHeader(byte[] field, byte[] value) : base(ParserOptions.Default, HeaderId.Received, "Received", field, value) { }
        }

        /// <summary>Writes the message bytes after the first header line; has no headers of its own.</summary>
        sealed class RawBody : MimeEntity
        {
            readonly Action<Stream, CancellationToken> _write;
            readonly long _skip;

            public RawBody(Action<Stream, CancellationToken> write, long skip) : base(new ContentType("application", "octet-stream"))
            {
                _write = write;
                _skip = skip;
                Headers.Clear();   // MimeMessage merges a body's headers into its own: there must be none
            }

            public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
            {
                // Not disposed: disposing a FilteredStream would close the caller's stream.
                var filtered = new FilteredStream(stream);
                filtered.Add(new Unix2DosFilter(false));
                _write(new SkipStream(filtered, _skip), cancellationToken);
                filtered.Flush(cancellationToken);
            }

            // Nothing to re-encode: the bytes go out as they are.
            public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78) { }

            // The bytes come from a local file: writing them synchronously is what the async path would do anyway.
            public override Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
            {
                WriteTo(options, stream, contentOnly, cancellationToken);
                return Task.CompletedTask;
            }
        }

        /// <summary>Drops the first N bytes written to it, passes the rest on.</summary>
        sealed class SkipStream : Stream
        {
            readonly Stream _inner;
            long _skip;
            public SkipStream(Stream inner, long skip) { _inner = inner; _skip = skip; }

            public override void Write(byte[] buffer, int offset, int count)
            {
                if (_skip > 0)
                {
                    int drop = (int)Math.Min(_skip, count);
                    _skip -= drop;
                    offset += drop;
                    count -= drop;
                }
                if (count > 0)
                    _inner.Write(buffer, offset, count);
            }

            public override void Flush() => _inner.Flush();
            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }

    /// <summary>
    /// Looks at a message once on its way past: the size it will have as CRLF text (what IMAP reports as
    /// RFC822.SIZE) and its header block (kept up to a bound, for the Message-ID). Nothing else is kept.
    /// </summary>
    internal sealed class MessageProbe : Stream
    {
        const int MaxHeaderBytes = 1024 * 1024;
        readonly MemoryStream _header = new MemoryStream();
        bool _headerDone;
        int _previous = -1;        // last byte seen
        int _lineLength;           // bytes of the current header line (0 at a line start)

        public long CrlfSize { get; private set; }
        public long RawSize { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                byte b = buffer[i];
                if (b == '\n' && _previous != '\r')
                    CrlfSize++;   // Unix2DosFilter will put a CR before this LF
                _previous = b;
                if (!_headerDone)
                {
                    if (_header.Length < MaxHeaderBytes)
                        _header.WriteByte(b);
                    else
                        _headerDone = true;
                    if (b == '\n')
                    {
                        if (_lineLength == 0)
                            _headerDone = true;   // the blank line that ends the header (RFC 5322 section 2.1)
                        _lineLength = 0;
                    }
                    else if (b != '\r')
                        _lineLength++;
                }
            }
            CrlfSize += count;
            RawSize += count;
        }

        /// <summary>The first bytes of the message: the header block (up to 1 MB).</summary>
        public byte[] Head => _header.ToArray();

        /// <summary>The header fields, or null when the bytes do not start with a header block at all.</summary>
        public HeaderList Headers()
        {
            _header.Position = 0;
            try
            {
                var headers = HeaderList.Load(_header);
                return headers.Count == 0 ? null : headers;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => RawSize;
        public override long Position { get => RawSize; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>A read-only window [start, start + length) of another stream.</summary>
    internal sealed class RangeStream : Stream
    {
        readonly Stream _inner;
        long _left;

        public RangeStream(Stream inner, long start, long length)
        {
            _inner = inner;
            _inner.Seek(start, SeekOrigin.Begin);
            _left = length;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0)
                return 0;
            int n = _inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= n;
            return n;
        }

        public override void Flush() { }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) _inner.Dispose(); base.Dispose(disposing); }
    }
}
