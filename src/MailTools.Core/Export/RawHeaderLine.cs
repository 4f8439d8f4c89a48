using MimeKit;

namespace MailTools.Core.Export
{
    /// <summary>An "invalid" header: MimeKit writes its raw bytes as they are, with no ':' and no value.</summary>
    internal sealed class RawHeaderLine : Header
    {
        public RawHeaderLine(byte[] line) : base(ParserOptions.Default, line, System.Array.Empty<byte>(), true) { }
    }
}
