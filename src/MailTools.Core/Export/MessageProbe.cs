using System;
using System.IO;
using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Looks at a message once on its way past: its header block (kept up to a bound, for the Message-ID and the
    /// first line RawMimeMessage needs), and the size and SHA-256 of the bytes as they will be uploaded (bare LF →
    /// CRLF through the same Unix2DosFilter as the upload), which is what the server reports as RFC822.SIZE and
    /// returns as BODY[]. Nothing else is kept.
    /// </summary>
    internal sealed class MessageProbe : WriteOnlyStream
    {
        const int MaxHeaderBytes = 1024 * 1024;
        readonly MemoryStream _header = new MemoryStream();
        readonly HashingStream _sent = new HashingStream(Stream.Null);
        readonly FilteredStream _crlf;
        bool _headerDone;
        int _lineLength;           // bytes of the current header line (0 at a line start)
        string? _sha256;

        public MessageProbe()
        {
            _crlf = new FilteredStream(_sent);
            _crlf.Add(new Unix2DosFilter(false));
        }

        /// <summary>Bytes as uploaded (CRLF): what IMAP reports as RFC822.SIZE.</summary>
        public long CrlfSize
        {
            get { _crlf.Flush(); return _sent.BytesWritten; }
        }

        public long RawSize { get; private set; }

        /// <summary>SHA-256 (hex) of the bytes as uploaded; read it after the whole message went through.</summary>
        public string Sha256
        {
            get
            {
                if (_sha256 == null)
                {
                    _crlf.Flush();
                    _sha256 = _sent.Finish();
                }
                return _sha256;
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_sha256 != null)
                throw new InvalidOperationException("The probe's hash was already read.");
            for (int i = offset; i < offset + count && !_headerDone; i++)
            {
                byte b = buffer[i];
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
            _crlf.Write(buffer, offset, count);
            RawSize += count;
        }

        /// <summary>The first bytes of the message: the header block (up to 1 MB).</summary>
        public byte[] Head => _header.ToArray();

        /// <summary>The header fields, or null when the bytes do not start with a header block (a BOM, a From_ line).</summary>
        public HeaderList? Headers()
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

        public override long Length => RawSize;
        public override long Position { get => RawSize; set => throw new NotSupportedException(); }
    }
}
