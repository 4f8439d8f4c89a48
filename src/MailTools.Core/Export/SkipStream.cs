using System;
using System.IO;

namespace MailTools.Core.Export
{
    /// <summary>Drops the first N bytes written to it, passes the rest on.</summary>
    internal sealed class SkipStream : WriteOnlyStream
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
    }
}
