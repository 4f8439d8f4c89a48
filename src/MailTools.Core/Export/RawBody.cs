using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;

namespace MailTools.Core.Export
{
    /// <summary>Writes the message bytes after the first header line; has no headers of its own.</summary>
    internal sealed class RawBody : MimeEntity
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
}
