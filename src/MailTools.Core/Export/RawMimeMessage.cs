#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
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
    /// overridden; it writes "headers, newline, body". So the message gets ONE header marked invalid, which MimeKit
    /// writes as its raw field alone (no ':' added): the first line of the message, whatever it holds (a header, a
    /// UTF-8 BOM, a leftover mbox From_ line). Then MimeKit's newline ends that line, and a body entity writes
    /// everything after it. The only change made to the bytes is LF → CRLF for bare LFs, because an IMAP literal is
    /// CRLF text (RFC 3501 section 2.2). Bytes with no line end at all cannot be sent this way (the newline MimeKit
    /// writes would be one byte pair too many).
    /// </summary>
    internal static class RawMimeMessage
    {
        /// <summary>Null when <paramref name="head"/> holds no line end.</summary>
        /// <param name="head">The first bytes of the message (at least its first line).</param>
        /// <param name="write">Writes the whole message into the given stream; called once per serialisation
        /// (MailKit serialises twice: once to measure the literal, once to send it).</param>
        public static MimeMessage Create(byte[] head, Action<Stream, CancellationToken> write)
        {
            if (head == null) throw new ArgumentNullException(nameof(head));
            if (write == null) throw new ArgumentNullException(nameof(write));
            int lf = Array.IndexOf(head, (byte)'\n');
            if (lf < 0)
                return null;
            int lineEnd = lf > 0 && head[lf - 1] == '\r' ? lf - 1 : lf;
            var line = new byte[lineEnd];
            Buffer.BlockCopy(head, 0, line, 0, lineEnd);

            var message = new MimeMessage();
            message.Headers.Clear();   // new MimeMessage() adds From, Date, Subject and Message-Id
            message.Headers.Add(new RawLine(line));
            message.Body = new RawBody(write, lf + 1);
            return message;
        }

        /// <summary>An "invalid" header: MimeKit writes its raw bytes as they are, with no ':' and no value.</summary>
        sealed class RawLine : Header
        {
            public RawLine(byte[] line) : base(ParserOptions.Default, line, Array.Empty<byte>(), true) { }
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
