using System;
using System.IO;
using System.Text;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Reads an mboxrd file message by message without loading it whole: every line starting "From " opens a
    /// message (mboxrd quotes all others), one '>' is removed from lines matching ^>+From , and the blank line
    /// the writer puts before the next From_ line is dropped, so each message comes back byte for byte.
    /// </summary>
    public sealed class MboxrdReader
    {
        readonly Stream _input;
        readonly byte[] _buffer = new byte[81920];
        int _start, _end;
        long _position;          // file offset of _buffer[_start]
        byte[] _line = new byte[1024];

        public MboxrdReader(Stream input) { _input = input ?? throw new ArgumentNullException(nameof(input)); }

        /// <summary>
        /// Calls <paramref name="begin"/> with the From_ line (without its newline) and its file offset for every message,
        /// writes the message bytes into the stream it returns, then calls <paramref name="end"/>. Returns the number of messages.
        /// </summary>
        public int ReadAll(Func<string, long, Stream> begin, Action<Stream> end)
        {
            int count = 0;
            Stream current = null;
            bool heldBlank = false;   // a bare "\n" line: the separator if a From_ line follows, content otherwise
            while (true)
            {
                long lineOffset = _position;
                int length = ReadLine();
                if (length < 0)
                    break;
                if (StartsWith(_line, length, "From "))
                {
                    if (current != null)
                        end(current);
                    heldBlank = false;
                    int textLength = length;
                    while (textLength > 0 && (_line[textLength - 1] == '\n' || _line[textLength - 1] == '\r'))
                        textLength--;
                    current = begin(Encoding.UTF8.GetString(_line, 0, textLength), lineOffset);
                    count++;
                    continue;
                }
                if (current == null)
                    continue; // bytes before the first From_ line are not a message
                if (heldBlank)
                {
                    current.WriteByte((byte)'\n');
                    heldBlank = false;
                }
                if (length == 1 && _line[0] == '\n')
                {
                    heldBlank = true;
                    continue;
                }
                int skip = IsQuotedFrom(_line, length) ? 1 : 0;
                current.Write(_line, skip, length - skip);
            }
            if (current != null)
                end(current); // a final held blank line is the trailing separator
            return count;
        }

        static bool IsQuotedFrom(byte[] line, int length)
        {
            int q = 0;
            while (q < length && line[q] == '>')
                q++;
            if (q == 0)
                return false;
            return length - q >= 5 && line[q] == 'F' && line[q + 1] == 'r' && line[q + 2] == 'o' && line[q + 3] == 'm' && line[q + 4] == ' ';
        }

        static bool StartsWith(byte[] line, int length, string ascii)
        {
            if (length < ascii.Length)
                return false;
            for (int i = 0; i < ascii.Length; i++)
                if (line[i] != ascii[i])
                    return false;
            return true;
        }

        // Reads one line including its '\n' into _line; -1 at the end of the input.
        int ReadLine()
        {
            int length = 0;
            while (true)
            {
                if (_start == _end)
                {
                    _end = _input.Read(_buffer, 0, _buffer.Length);
                    _start = 0;
                    if (_end <= 0)
                    {
                        _end = 0;
                        return length == 0 ? -1 : length;
                    }
                }
                int nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                int take = (nl < 0 ? _end : nl + 1) - _start;
                if (length + take > _line.Length)
                    Array.Resize(ref _line, Math.Max(_line.Length * 2, length + take));
                Buffer.BlockCopy(_buffer, _start, _line, length, take);
                length += take;
                _start += take;
                _position += take;
                if (nl >= 0)
                    return length;
            }
        }
    }
}
