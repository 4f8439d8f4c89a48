using System;
using System.Text;
using System.Text.RegularExpressions;

namespace MailTools.Core.Text
{
    /// <summary>
    /// PowerShell-style wildcards (* ? [abc], ` escapes) for folder and account names, matched case-insensitively
    /// and in Unicode NFC, so "Résumé" typed on Windows (NFC) matches the same name created on a Mac (NFD).
    /// Core cannot use System.Management.Automation.WildcardPattern, and filtering names here lets it skip
    /// STATUS round trips for folders nobody asked for.
    /// </summary>
    public sealed class NamePattern
    {
        // Only a pattern with wildcards (or escapes) needs a Regex; a plain name ("INBOX", "Archive") is compared as
        // text, so a clean-up of named folders builds no Regex on its way to the first command.
        readonly Regex? _regex;

        /// <summary>A pattern from PowerShell wildcard text (*, ?, [a-z], backtick escapes); throws ArgumentNullException for null.</summary>
        public NamePattern(string pattern)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
            if (HasWildcard(pattern) || pattern.IndexOf('`') >= 0)
                _regex = new Regex("^" + ToRegex(Nfc(pattern)) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        /// <summary>The pattern as given.</summary>
        public string Pattern { get; }

        /// <summary>True when the pattern has an unescaped wildcard.</summary>
        public bool HasWildcards => HasWildcard(Pattern);

        /// <summary>True when <paramref name="text"/> matches, case-insensitively and whatever its Unicode normalisation; false for null.</summary>
        public bool IsMatch(string? text) =>
            text != null && (_regex != null ? _regex.IsMatch(Nfc(text)) : string.Equals(Nfc(text), Nfc(Pattern), StringComparison.OrdinalIgnoreCase));

        /// <summary>True when the pattern has a wildcard character that is not escaped with a backtick.</summary>
        public static bool HasWildcard(string? pattern)
        {
            if (pattern == null)
                return false;
            for (int i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '`')
                    i++;
                else if (pattern[i] == '*' || pattern[i] == '?' || pattern[i] == '[')
                    return true;
            }
            return false;
        }

        /// <summary>The pattern that matches exactly this name (WildcardPattern.Escape's job): wildcard characters and backticks escaped.</summary>
        public static string Escape(string literal)
        {
            if (literal == null) throw new ArgumentNullException(nameof(literal));
            var sb = new StringBuilder(literal.Length + 4);
            foreach (char c in literal)
            {
                if (c == '*' || c == '?' || c == '[' || c == ']' || c == '`')
                    sb.Append('`');
                sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>-Folder patterns plus -LiteralFolder names (escaped) as one list of patterns; null when neither was given.</summary>
        public static string[]? Combine(string[]? patterns, string[]? literals)
        {
            if (literals == null || literals.Length == 0)
                return patterns;
            var all = new System.Collections.Generic.List<string>(patterns ?? Array.Empty<string>());
            foreach (var literal in literals)
                if (literal != null)
                    all.Add(Escape(literal));
            return all.ToArray();
        }

        /// <summary>The name a pattern spells once its escapes are removed (for an exact-name comparison).</summary>
        public static string Unescape(string pattern)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            var sb = new StringBuilder(pattern.Length);
            for (int i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '`' && i + 1 < pattern.Length)
                    i++;
                sb.Append(pattern[i]);
            }
            return sb.ToString();
        }

        /// <summary>Ordinal comparison of two names in NFC: the same folder whether a client stored it composed or decomposed.</summary>
        public static bool SameName(string a, string b) =>
            a != null && b != null && string.Equals(Nfc(a), Nfc(b), StringComparison.Ordinal);

        static string Nfc(string s)
        {
            try { return s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC); }
            catch (ArgumentException) { return s; }   // a lone surrogate: compare as it is
        }

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
