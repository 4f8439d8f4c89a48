using System;
using System.IO;
using System.Security.Cryptography;

namespace MailTools.Core.Export
{
    /// <summary>Feeds bytes to SHA-256 (IncrementalHash: the platform's hardware-accelerated one) and counts them on their way to the writer's stream.</summary>
    public sealed class HashingStream : WriteOnlyStream
    {
        readonly Stream _inner;
        readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        readonly ExportTimings? _timings;
        /// <summary>Hashes on the way to <paramref name="inner"/>; <paramref name="timings"/>, when given, adds the time spent hashing and writing.</summary>
        public HashingStream(Stream inner, ExportTimings? timings = null) { _inner = inner; _timings = timings; }
        /// <summary>Bytes passed through so far: the message size.</summary>
        public long BytesWritten { get; private set; }
        /// <summary>The last byte written (-1 before any): mbox needs to know whether the message ended with a newline.</summary>
        public int LastByte { get; private set; } = -1;

        /// <summary>The SHA-256 of everything written, as lower-case hex; starts a new hash for reuse.</summary>
        public string Finish() => FolderWriters.Hex(_sha.GetHashAndReset());

        /// <summary>Hashes, then writes, the bytes.</summary>
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (count == 0)
                return;
            long t0 = ExportTimings.Now;
            _sha.AppendData(buffer, offset, count);
            long t1 = ExportTimings.Now;
            _inner.Write(buffer, offset, count);
            if (_timings != null)
            {
                _timings.HashTicks += t1 - t0;
                _timings.WriteTicks += ExportTimings.Now - t1;
            }
            BytesWritten += count;
            LastByte = buffer[offset + count - 1];
        }

        /// <summary>Flushes the stream below.</summary>
        public override void Flush() => _inner.Flush();
        /// <summary>The bytes written so far.</summary>
        public override long Length => BytesWritten;
        /// <summary>The bytes written so far; cannot be set (forward only).</summary>
        public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }
        /// <summary>Releases the hash; the stream below belongs to the caller.</summary>
        protected override void Dispose(bool disposing) { if (disposing) _sha.Dispose(); base.Dispose(disposing); }
    }
}
