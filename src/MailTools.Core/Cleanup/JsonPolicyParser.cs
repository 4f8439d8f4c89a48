using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using MailTools.Core.Errors;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// Reads a JSON policy (RFC 8259) into <see cref="PolicyNode"/>s that remember their line numbers, with
    /// System.Text.Json's <see cref="Utf8JsonReader"/>: the reader gives each token's byte offset, from which the line
    /// follows, so a value that parses but is wrong (an unknown key, a bad age) can still be named by line.
    /// </summary>
    public sealed class JsonPolicyParser
    {
        readonly byte[] _bytes;
        readonly string _source;
        readonly List<int> _lineStarts = new List<int> { 0 };

        JsonPolicyParser(string text, string source)
        {
            _bytes = Encoding.UTF8.GetBytes((text ?? string.Empty).TrimStart('\uFEFF'));
            _source = source;
            for (int i = 0; i < _bytes.Length; i++)
                if (_bytes[i] == (byte)'\n')
                    _lineStarts.Add(i + 1);
        }

        /// <summary>Parses a JSON policy into nodes with their line numbers; throws MailToolsInvalidPolicy naming <paramref name="source"/> and the line.</summary>
        public static PolicyNode Parse(string text, string source) => new JsonPolicyParser(text, source).Parse();

        PolicyNode Parse()
        {
            var reader = new Utf8JsonReader(_bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            try
            {
                if (!reader.Read())
                    throw Fail(1, "the file is empty");
                var node = ReadValue(ref reader);
                if (reader.Read())
                    throw Fail(LineOf(reader.TokenStartIndex), "unexpected text after the end of the policy");
                return node;
            }
            catch (JsonException ex)
            {
                // The reader's own messages carry a 0-based line; ours are 1-based like every editor's.
                throw Fail((int)(ex.LineNumber ?? 0) + 1, FirstSentence(ex.Message));
            }
        }

        PolicyNode ReadValue(ref Utf8JsonReader reader)
        {
            int line = LineOf(reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var map = PolicyNode.NewMap();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        string key = reader.GetString()!; // a PropertyName token always has text
                        if (map.ContainsKey(key))
                            throw Fail(LineOf(reader.TokenStartIndex), $"the key \"{key}\" appears twice");
                        reader.Read();
                        map[key] = ReadValue(ref reader);
                    }
                    return new PolicyNode(map, line);
                case JsonTokenType.StartArray:
                    var list = new List<PolicyNode>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        list.Add(ReadValue(ref reader));
                    return new PolicyNode(list, line);
                case JsonTokenType.String:
                    return new PolicyNode(reader.GetString(), line);
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out long l))
                        return new PolicyNode(l, line);
                    return new PolicyNode(reader.GetDouble(), line);
                case JsonTokenType.True:
                    return new PolicyNode(true, line);
                case JsonTokenType.False:
                    return new PolicyNode(false, line);
                case JsonTokenType.Null:
                    return new PolicyNode(null, line);
                default:
                    throw Fail(line, $"unexpected {reader.TokenType}");
            }
        }

        int LineOf(long offset)
        {
            int index = _lineStarts.BinarySearch((int)offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }

        // System.Text.Json's message without its position (we give the line) and without advice meant for programmers
        // ("Change the reader options.").
        static string FirstSentence(string message)
        {
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            string text = cut > 0 ? message.Substring(0, cut) : message;
            var sentences = text.Split(new[] { ". " }, StringSplitOptions.RemoveEmptyEntries)
                .Select(x => x.Trim().TrimEnd('.'))
                .Where(x => x.Length > 0 && x.IndexOf("reader options", StringComparison.OrdinalIgnoreCase) < 0);
            return string.Join(". ", sentences);
        }

        MailToolsException Fail(int line, string what) =>
            new MailToolsException(ErrorIds.InvalidPolicy, MailErrorKind.InvalidData,
                $"The policy {_source} is not valid JSON: line {line}: {what}.", _source)
            { RecommendedAction = "Fix the JSON at that line; nothing was changed on any server." };
    }
}
