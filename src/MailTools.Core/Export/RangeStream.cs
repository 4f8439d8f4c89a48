using System;
using System.IO;

namespace MailTools.Core.Export
{
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
