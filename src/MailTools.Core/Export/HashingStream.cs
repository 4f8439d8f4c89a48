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
        public HashingStream(Stream inner, ExportTimings? timings = null) { _inner = inner; _timings = timings; }
        public long BytesWritten { get; private set; }
        public int LastByte { get; private set; } = -1;

        public string Finish() => FolderWriters.Hex(_sha.GetHashAndReset());

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

        public override void Flush() => _inner.Flush();
        public override long Length => BytesWritten;
        public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }
        protected override void Dispose(bool disposing) { if (disposing) _sha.Dispose(); base.Dispose(disposing); }
    }
}
