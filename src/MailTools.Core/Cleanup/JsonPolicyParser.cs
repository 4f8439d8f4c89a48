using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MailTools.Core.Errors;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// Reads a JSON policy (RFC 8259) into <see cref="PolicyNode"/>s that remember their line numbers.
    /// Hand-written because netstandard2.0 has no JSON reader in the box, System.Text.Json would add four assemblies
    /// that clash with Windows PowerShell 5.1's, and none of them report the line of a value that parses but is wrong.
    /// </summary>
    public sealed class JsonPolicyParser
    {
        readonly string _text;
        readonly string _source;
        int _pos;
        int _line = 1;

        JsonPolicyParser(string text, string source)
        {
            _text = text ?? string.Empty;
            _source = source;
        }

        public static PolicyNode Parse(string text, string source)
        {
            var p = new JsonPolicyParser(text, source);
            p.SkipSpace();
            if (p._pos < p._text.Length && p._text[p._pos] == '\uFEFF')
                p._pos++;
            var node = p.ReadValue();
            p.SkipSpace();
            if (p._pos < p._text.Length)
                throw p.Fail("unexpected text after the end of the policy");
            return node;
        }

        PolicyNode ReadValue()
        {
            SkipSpace();
            if (_pos >= _text.Length)
                throw Fail("the file ends where a value was expected");
            int line = _line;
            char c = _text[_pos];
            switch (c)
            {
                case '{': return new PolicyNode(ReadObject(), line);
                case '[': return new PolicyNode(ReadArray(), line);
                case '"': return new PolicyNode(ReadString(), line);
                case 't': Expect("true"); return new PolicyNode(true, line);
                case 'f': Expect("false"); return new PolicyNode(false, line);
                case 'n': Expect("null"); return new PolicyNode(null, line);
                default:
                    if (c == '-' || char.IsDigit(c))
                        return new PolicyNode(ReadNumber(), line);
                    throw Fail($"unexpected character '{c}'");
            }
        }

        IDictionary<string, PolicyNode> ReadObject()
        {
            var map = PolicyNode.NewMap();
            _pos++; // {
            SkipSpace();
            if (Peek() == '}') { _pos++; return map; }
            while (true)
            {
                SkipSpace();
                if (Peek() != '"')
                    throw Fail("a key in double quotes was expected");
                int keyLine = _line;
                string key = ReadString();
                SkipSpace();
                if (Peek() != ':')
                    throw Fail($"':' was expected after \"{key}\"");
                _pos++;
                var value = ReadValue();
                if (map.ContainsKey(key))
                    throw new MailToolsException(ErrorIds.InvalidPolicy, MailErrorKind.InvalidData,
                        $"The policy {_source} is not valid: line {keyLine}: the key '{key}' appears twice.", _source);
                map[key] = value;
                SkipSpace();
                char c = Peek();
                _pos++;
                if (c == '}') return map;
                if (c != ',') throw Fail("',' or '}' was expected");
            }
        }

        IList<PolicyNode> ReadArray()
        {
            var list = new List<PolicyNode>();
            _pos++; // [
            SkipSpace();
            if (Peek() == ']') { _pos++; return list; }
            while (true)
            {
                list.Add(ReadValue());
                SkipSpace();
                char c = Peek();
                _pos++;
                if (c == ']') return list;
                if (c != ',') throw Fail("',' or ']' was expected");
            }
        }

        string ReadString()
        {
            var sb = new StringBuilder();
            _pos++; // opening quote
            while (true)
            {
                if (_pos >= _text.Length) throw Fail("a string is not closed");
                char c = _text[_pos++];
                if (c == '"') return sb.ToString();
                if (c == '\n') throw Fail("a string runs past the end of the line");
                if (c != '\\') { sb.Append(c); continue; }
                if (_pos >= _text.Length) throw Fail("a string is not closed");
                char e = _text[_pos++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                            throw Fail("a \\u escape needs four hex digits");
                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default: throw Fail($"unknown escape '\\{e}'");
                }
            }
        }

        object ReadNumber()
        {
            int start = _pos;
            while (_pos < _text.Length && "+-0123456789.eE".IndexOf(_text[_pos]) >= 0)
                _pos++;
            string s = _text.Substring(start, _pos - start);
            if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
                return l;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                return d;
            throw Fail($"'{s}' is not a number");
        }

        void Expect(string word)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
                throw Fail($"unexpected text (expected '{word}')");
            _pos += word.Length;
        }

        char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        void SkipSpace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            {
                if (_text[_pos] == '\n')
                    _line++;
                _pos++;
            }
        }

        MailToolsException Fail(string what) =>
            new MailToolsException(ErrorIds.InvalidPolicy, MailErrorKind.InvalidData,
                $"The policy {_source} is not valid JSON: line {_line}: {what}.", _source)
            { RecommendedAction = "Fix the JSON at that line; nothing was changed on any server." };
    }
}
