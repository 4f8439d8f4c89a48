using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Flat JSON objects of strings and numbers, one per line. Written by hand because netstandard2.0 has no
    /// System.Text.Json and shipping it beside pwsh's own copy invites version clashes; the manifest needs no more.
    /// </summary>
    internal static class JsonLine
    {
        public static string Write(IEnumerable<KeyValuePair<string, object>> fields)
        {
            var sb = new StringBuilder("{");
            bool first = true;
            foreach (var f in fields)
            {
                if (!first)
                    sb.Append(',');
                first = false;
                Quote(sb, f.Key);
                sb.Append(':');
                switch (f.Value)
                {
                    case null: sb.Append("null"); break;
                    case string s: Quote(sb, s); break;
                    case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
                    case int i: sb.Append(i.ToString(CultureInfo.InvariantCulture)); break;
                    case uint u: sb.Append(u.ToString(CultureInfo.InvariantCulture)); break;
                    case ulong ul: sb.Append(ul.ToString(CultureInfo.InvariantCulture)); break;
                    default: Quote(sb, Convert.ToString(f.Value, CultureInfo.InvariantCulture)); break;
                }
            }
            return sb.Append('}').ToString();
        }

        public static void Quote(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20)
                            sb.Append("\\u").Append(((int)c).ToString("x4"));
                        else
                            sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }

        /// <summary>Parses one flat object; values come back as string (numbers as their text), null as null.</summary>
        public static Dictionary<string, string> Read(string line)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            int i = 0;
            Skip(line, ref i);
            if (i >= line.Length || line[i] != '{')
                throw new FormatException("not a JSON object");
            i++;
            while (true)
            {
                Skip(line, ref i);
                if (i < line.Length && line[i] == '}')
                    return result;
                string key = ReadString(line, ref i);
                Skip(line, ref i);
                if (line[i++] != ':')
                    throw new FormatException("':' expected");
                Skip(line, ref i);
                string value;
                if (line[i] == '"')
                    value = ReadString(line, ref i);
                else
                {
                    int start = i;
                    while (i < line.Length && line[i] != ',' && line[i] != '}' && !char.IsWhiteSpace(line[i]))
                        i++;
                    value = line.Substring(start, i - start);
                    if (value == "null")
                        value = null;
                }
                result[key] = value;
                Skip(line, ref i);
                if (line[i] == ',')
                {
                    i++;
                    continue;
                }
                if (line[i] == '}')
                    return result;
                throw new FormatException("',' or '}' expected");
            }
        }

        static void Skip(string s, ref int i)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
                i++;
        }

        static string ReadString(string s, ref int i)
        {
            if (s[i] != '"')
                throw new FormatException("string expected");
            i++;
            var sb = new StringBuilder();
            while (s[i] != '"')
            {
                char c = s[i++];
                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }
                char e = s[i++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u': sb.Append((char)Convert.ToInt32(s.Substring(i, 4), 16)); i += 4; break;
                    default: sb.Append(e); break;
                }
            }
            i++;
            return sb.ToString();
        }
    }
}
