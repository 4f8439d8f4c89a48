using System.IO;
using MailTools.Core.Errors;

namespace MailTools.Core.Export
{
    /// <summary>A writer's message stream whose disk failures leave as <see cref="DiskWriteException"/>s (see <see cref="DiskCheckedWriter"/>).</summary>
    internal sealed class DiskCheckedStream : WriteOnlyStream
    {
        readonly Stream _inner;
        readonly string _where;

        public DiskCheckedStream(Stream inner, string where)
        {
            _inner = inner;
            _where = where;
        }

        public override void Write(byte[] buffer, int offset, int count) => DiskWriteException.Writing(_where, () => _inner.Write(buffer, offset, count));

        public override void Flush() => DiskWriteException.Writing(_where, _inner.Flush);

        // The writer owns the stream it handed out (Commit/Abort close it), so disposing this wrapper leaves it open.
    }
}
