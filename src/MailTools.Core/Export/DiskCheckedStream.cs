using System;
using System.IO;

namespace MailTools.Core.Export
{
    /// <summary>A writer's message stream whose disk failures leave as DiskWriteExceptions (see <see cref="DiskCheckedWriter"/>).</summary>
    internal sealed class DiskCheckedStream : WriteOnlyStream
    {
        readonly Stream _inner;
        readonly DiskGuard _disk;

        public DiskCheckedStream(Stream inner, DiskGuard disk)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _disk = disk ?? throw new ArgumentNullException(nameof(disk));
        }

        public override void Write(byte[] buffer, int offset, int count) => _disk.Run(() => _inner.Write(buffer, offset, count));

        public override void Flush() => _disk.Run(_inner.Flush);

        // The writer owns the stream it handed out (Commit/Abort close it), so disposing this wrapper leaves it open.
    }
}
