using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Reads an mboxrd file message by message without loading it whole: a From_ line of the RFC 4155 shape
    /// ("From " sender asctime-date) opens a message; any other line starting "From " is body text (mboxo writers
    /// leave "From the desk of ..." unquoted), reported to the caller. One '>' is removed from lines matching ^>+From , and the blank line
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

        // RFC 4155 section 2: "From " + sender + date in asctime format, with the time-zone variants real writers add.
        static readonly Regex s_separator = new Regex(
            @"^From (\S+ +)?(Mon|Tue|Wed|Thu|Fri|Sat|Sun) +(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}(:\d{2})?( +([A-Z]{3,5}|[+-]\d{4}))* +\d{4}( +([A-Z]{3,5}|[+-]\d{4}))*( +remote from \S+)? *\r?$",
            RegexOptions.CultureInvariant);

        readonly Stream _input;
        readonly Action<string>? _bodyFromLine;
        readonly byte[] _buffer = new byte[81920];

        // The message being written and the bare "\n" line held back: the separator if a From_ line follows, content otherwise.
        Stream? _current;
        bool _heldBlank;

        /// <param name="bodyFromLine">Called with each line that starts "From " but is not a separator (kept as body text).</param>
        /// <param name="input">The mbox file's bytes.</param>
        public MboxrdReader(Stream input, Action<string>? bodyFromLine = null)
        {
            _input = input ?? throw new ArgumentNullException(nameof(input));
            _bodyFromLine = bodyFromLine;
        }

        /// <summary>True for a line (without its LF) that has the RFC 4155 From_ shape.</summary>
        public static bool IsSeparator(string? line) => line != null && s_separator.IsMatch(line);

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
                            if (fromLine.Length + (stop - i) > MaxFromLine)
                            {
                                // Far too long for "From sender date": body text. What was held goes out, the rest is copied by Body.
                                NotASeparator(fromLine);
                                state = LineState.Body;
                                continue;
                            }
                            fromLine.Write(_buffer, i, stop - i);
                            i = stop;
                            if (nl >= 0)
                            {
                                if (IsSeparator(Text(fromLine)))
                                    StartMessage();
                                else
                                    NotASeparator(fromLine);
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
            {
                if (IsSeparator(Text(fromLine)))
                    StartMessage();
                else
                    NotASeparator(fromLine);
            }
            if (_current != null)
                end(_current); // a final held blank line is the trailing separator
            _current = null;
            return count;
        }

        static string Text(MemoryStream line)
        {
            var bytes = line.GetBuffer();
            int length = (int)line.Length;
            while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r'))
                length--;
            return Encoding.UTF8.GetString(bytes, 0, length);
        }

        // A "From " line that is not a separator is an ordinary line of the current message.
        void NotASeparator(MemoryStream line)
        {
            if (_current != null)
                _bodyFromLine?.Invoke(Text(line));
            Emit(line.GetBuffer(), 0, (int)line.Length);
            line.SetLength(0);
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
