using System;
using System.Text;
using System.Text.RegularExpressions;

namespace MailTools.Core.Text
{
    /// <summary>
    /// PowerShell-style wildcards (* ? [abc]) for folder and account names, matched case-insensitively.
    /// Core cannot use System.Management.Automation.WildcardPattern, and filtering names here lets it skip
    /// STATUS round trips for folders nobody asked for.
    /// </summary>
    public sealed class NamePattern
    {
        // Only a pattern with wildcards (or escapes) needs a Regex; a plain name ("INBOX", "Archive") is compared as
        // text, so a clean-up of named folders builds no Regex on its way to the first command.
        readonly Regex _regex;

        public NamePattern(string pattern)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
            if (HasWildcard(pattern) || pattern.IndexOf('`') >= 0)
                _regex = new Regex("^" + ToRegex(pattern) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        public string Pattern { get; }

        public bool HasWildcards => HasWildcard(Pattern);

        public bool IsMatch(string text) =>
            text != null && (_regex != null ? _regex.IsMatch(text) : string.Equals(text, Pattern, StringComparison.OrdinalIgnoreCase));

        public static bool HasWildcard(string pattern) => pattern != null && pattern.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

        static string ToRegex(string pattern)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                switch (c)
                {
                    case '`' when i + 1 < pattern.Length:
                        sb.Append(Regex.Escape(pattern[++i].ToString()));
                        break;
                    case '*':
                        sb.Append(".*");
                        break;
                    case '?':
                        sb.Append('.');
                        break;
                    case '[':
                        int end = pattern.IndexOf(']', i + 1);
                        if (end < 0)
                        {
                            sb.Append(@"\[");
                            break;
                        }
                        string set = pattern.Substring(i + 1, end - i - 1);
                        sb.Append('[').Append(set.Replace(@"\", @"\\").Replace("^", @"\^")).Append(']');
                        i = end;
                        break;
                    default:
                        sb.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }
            return sb.ToString();
        }
    }
}
