using System;
using System.IO;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Base of the filters MailTools writes messages through (hashing, mboxrd quoting, skipping, probing): forward-only,
    /// never read or sought, so only Write (and Flush when there is something below) is left to each.
    /// </summary>
    public abstract class WriteOnlyStream : Stream
    {
        /// <inheritdoc/>
        public override bool CanRead => false;
        /// <inheritdoc/>
        public override bool CanSeek => false;
        /// <inheritdoc/>
        public override bool CanWrite => true;
        /// <inheritdoc/>
        public override long Length => throw new NotSupportedException();
        /// <inheritdoc/>
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        /// <inheritdoc/>
        public override void Flush() { }
        /// <inheritdoc/>
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        /// <inheritdoc/>
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        /// <inheritdoc/>
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
