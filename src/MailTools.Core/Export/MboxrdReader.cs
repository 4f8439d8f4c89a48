using System;
using System.IO;
using System.Text;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Reads an mboxrd file message by message without loading it whole: every line starting "From " opens a
    /// message (mboxrd quotes all others), one '>' is removed from lines matching ^>+From , and the blank line
    /// the writer puts before the next From_ line is dropped, so each message comes back byte for byte.
    /// Memory does not grow with the line length: only a line's start (its '>' count and up to five bytes of
    /// "From ") is held until the line is decided, and the rest of the line is copied through in buffer-sized runs.
    /// </summary>
    public sealed class MboxrdReader
    {
        static readonly byte[] s_from = { (byte)'F', (byte)'r', (byte)'o', (byte)'m', (byte)' ' };
        static readonly byte[] s_quotes = CreateQuotes();
        const int MaxFromLine = 4096;   // a From_ line longer than this is cut when reported (the message bytes are unaffected)

        enum LineState { Start, Prefix, Body, FromLine }

        readonly Stream _input;
        readonly byte[] _buffer = new byte[81920];

        // The message being written and the bare "\n" line held back: the separator if a From_ line follows, content otherwise.
        Stream _current;
        bool _heldBlank;

        public MboxrdReader(Stream input) { _input = input ?? throw new ArgumentNullException(nameof(input)); }

        /// <summary>
        /// Calls <paramref name="begin"/> with the From_ line (without its newline) and its offset in the input for every
        /// message, writes the message bytes into the stream it returns, then calls <paramref name="end"/>. Returns the number of messages.
        /// </summary>
        public int ReadAll(Func<string, long, Stream> begin, Action<Stream> end)
        {
            if (begin == null) throw new ArgumentNullException(nameof(begin));
            if (end == null) throw new ArgumentNullException(nameof(end));
            int count = 0;
            var state = LineState.Start;
            int quotes = 0, matched = 0;         // the line so far is '>' x quotes + "From "[0..matched)
            long lineStart = 0, bufferOffset = 0;
            var fromLine = new MemoryStream();
            _current = null;
            _heldBlank = false;

            void StartMessage()
            {
                if (_current != null)
                    end(_current);
                _heldBlank = false;
                var bytes = fromLine.ToArray();
                int length = bytes.Length;
                while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r'))
                    length--;
                _current = begin(Encoding.UTF8.GetString(bytes, 0, length), lineStart);
                count++;
            }

            int n;
            while ((n = _input.Read(_buffer, 0, _buffer.Length)) > 0)
            {
                int i = 0;
                while (i < n)
                {
                    switch (state)
                    {
                        case LineState.Start:
                            lineStart = bufferOffset + i;
                            quotes = matched = 0;
                            state = LineState.Prefix;
                            continue;

                        case LineState.Prefix:
                        {
                            byte b = _buffer[i];
                            if (b == '\n')
                            {
                                if (quotes == 0 && matched == 0)
                                {
                                    // A bare blank line: hold it (a held one before it was content).
                                    if (_current != null)
                                    {
                                        if (_heldBlank)
                                            _current.WriteByte((byte)'\n');
                                        _heldBlank = true;
                                    }
                                }
                                else
                                {
                                    EmitPrefix(quotes, matched);
                                    Emit(_buffer, i, 1);
                                }
                                i++;
                                state = LineState.Start;
                                continue;
                            }
                            if (matched == 0 && b == '>')
                            {
                                quotes++;
                                i++;
                                continue;
                            }
                            if (b == s_from[matched])
                            {
                                matched++;
                                i++;
                                if (matched == s_from.Length)
                                {
                                    if (quotes == 0)
                                    {
                                        fromLine.SetLength(0);
                                        fromLine.Write(s_from, 0, s_from.Length);
                                        state = LineState.FromLine;
                                    }
                                    else
                                    {
                                        EmitPrefix(quotes - 1, matched);   // RFC 4155 mboxrd: remove exactly one '>'
                                        state = LineState.Body;
                                    }
                                }
                                continue;
                            }
                            // Decided: an ordinary line. Its start goes out as it was; the byte itself is copied by Body.
                            EmitPrefix(quotes, matched);
                            state = LineState.Body;
                            continue;
                        }

                        case LineState.Body:
                        {
                            int nl = Array.IndexOf(_buffer, (byte)'\n', i, n - i);
                            int stop = nl < 0 ? n : nl + 1;
                            Emit(_buffer, i, stop - i);
                            i = stop;
                            if (nl >= 0)
                                state = LineState.Start;
                            continue;
                        }

                        case LineState.FromLine:
                        {
                            int nl = Array.IndexOf(_buffer, (byte)'\n', i, n - i);
                            int stop = nl < 0 ? n : nl + 1;
                            int keep = (int)Math.Min(stop - i, Math.Max(0, MaxFromLine - fromLine.Length));
                            fromLine.Write(_buffer, i, keep);
                            i = stop;
                            if (nl >= 0)
                            {
                                StartMessage();
                                state = LineState.Start;
                            }
                            continue;
                        }
                    }
                }
                bufferOffset += n;
            }
            // The input ended inside a line that has no newline.
            if (state == LineState.Prefix)
                EmitPrefix(quotes, matched);
            else if (state == LineState.FromLine)
                StartMessage();
            if (_current != null)
                end(_current); // a final held blank line is the trailing separator
            _current = null;
            return count;
        }

        void EmitPrefix(int quotes, int matched)
        {
            while (quotes > 0)
            {
                int take = Math.Min(quotes, s_quotes.Length);
                Emit(s_quotes, 0, take);
                quotes -= take;
            }
            if (matched > 0)
                Emit(s_from, 0, matched);
        }

        void Emit(byte[] bytes, int offset, int count)
        {
            if (_current == null || count == 0)
                return; // bytes before the first From_ line are not a message
            if (_heldBlank)
            {
                _current.WriteByte((byte)'\n');
                _heldBlank = false;
            }
            _current.Write(bytes, offset, count);
        }

        static byte[] CreateQuotes()
        {
            var q = new byte[256];
            for (int i = 0; i < q.Length; i++)
                q[i] = (byte)'>';
            return q;
        }
    }
}
