using System;
using System.IO;
using System.Threading;
using MimeKit;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Builds a MimeMessage that serialises to the ORIGINAL bytes of a message on disk, so that IMAP APPEND (which
    /// MailKit only takes as a MimeMessage) uploads exactly what was exported instead of a re-serialised parse: a
    /// parsed and re-written malformed message would come back with other bytes. MimeMessage.WriteTo cannot be
    /// overridden; it writes "headers, newline, body". So the message gets ONE header marked invalid, which MimeKit
    /// writes as its raw field alone (no ':' added): the first line of the message, whatever it holds (a header, a
    /// UTF-8 BOM, a leftover mbox From_ line). Then MimeKit's newline ends that line, and a body entity writes
    /// everything after it. The only change made to the bytes is LF → CRLF for bare LFs, because an IMAP literal is
    /// CRLF text (RFC 3501 section 2.2). Bytes with no line end at all cannot be sent this way (the newline MimeKit
    /// writes would be one byte pair too many).
    /// </summary>
    internal static class RawMimeMessage
    {
        /// <summary>Null when <paramref name="head"/> holds no line end.</summary>
        /// <param name="head">The first bytes of the message (at least its first line).</param>
        /// <param name="write">Writes the whole message into the given stream; called once per serialisation
        /// (MailKit serialises twice: once to measure the literal, once to send it).</param>
        public static MimeMessage? Create(byte[] head, Action<Stream, CancellationToken> write)
        {
            if (head == null) throw new ArgumentNullException(nameof(head));
            if (write == null) throw new ArgumentNullException(nameof(write));
            int lf = Array.IndexOf(head, (byte)'\n');
            if (lf < 0)
                return null;
            int lineEnd = lf > 0 && head[lf - 1] == '\r' ? lf - 1 : lf;
            var line = new byte[lineEnd];
            Buffer.BlockCopy(head, 0, line, 0, lineEnd);

            var message = new MimeMessage();
            message.Headers.Clear();   // new MimeMessage() adds From, Date, Subject and Message-Id
            message.Headers.Add(new RawHeaderLine(line));
            message.Body = new RawBody(write, lf + 1);
            return message;
        }
    }
}
