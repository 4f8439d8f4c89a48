using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using MailTools.Core.Errors;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Turns untrusted names (server folder names, subjects) into path parts that are valid on Windows and Linux
    /// and can never leave the export root: separators, ':', reserved characters and dot-only names are escaped
    /// as %XX, Windows device names (CON, NUL, COM1, ...) get a '_' prefix, lengths are bounded in UTF-8 bytes
    /// (Linux counts bytes, 255 per name), and non-ASCII letters are kept so names stay readable.
    /// </summary>
    public static class SafePath
    {
        /// <summary>Longest folder-name segment, in UTF-8 bytes; leaves room for ".mbox", Maildir++ dots and suffixes.</summary>
        public const int MaxSegmentBytes = 120;
        /// <summary>Longest subject part of an .eml name, in UTF-8 bytes.</summary>
        public const int MaxSubjectBytes = 80;

        static readonly string[] s_reserved =
        {
            "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
        };

        /// <summary>
        /// One path segment from one untrusted name part. Reversible escaping (%XX) so two different folder
        /// names never share a directory. <paramref name="escapeDots"/> for Maildir++, where '.' separates levels.
        /// </summary>
        public static string Segment(string name, bool escapeDots = false, int maxBytes = MaxSegmentBytes)
        {
            if (string.IsNullOrEmpty(name))
                return "%00";
            var sb = new StringBuilder(name.Length + 8);
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool escape = c < 0x20 || c == 0x7F || c == '%' || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?'
                    || c == '"' || c == '<' || c == '>' || c == '|'
                    || (c == '.' && (escapeDots || i == 0))                       // no hidden names, no "." / ".."
                    || ((c == '.' || c == ' ') && i == name.Length - 1)           // Windows drops trailing dots and spaces
                    || (c == ' ' && i == 0);
                if (escape)
                    sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                else
                    sb.Append(c);
            }
            string result = sb.ToString();
            if (IsReserved(result))
                result = "_" + result;
            return Bound(result, maxBytes, name);
        }

        /// <summary>Readable, lossy text for file names (subjects): unsafe characters become '_', runs of blanks one space.</summary>
        public static string Text(string? text, int maxBytes = MaxSubjectBytes)
        {
            if (text == null || string.IsNullOrWhiteSpace(text))   // netstandard2.0's IsNullOrWhiteSpace does not tell the compiler
                return string.Empty;
            var sb = new StringBuilder(text.Length);
            bool lastSpace = false;
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c) || c < 0x20 || c == 0x7F)
                {
                    if (!lastSpace && sb.Length > 0)
                        sb.Append(' ');
                    lastSpace = true;
                    continue;
                }
                lastSpace = false;
                sb.Append(c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|' || c == '%' ? '_' : c);
            }
            string result = Truncate(sb.ToString().Trim(), maxBytes).Trim().TrimEnd('.').TrimStart('.');
            if (IsReserved(result))
                result = "_" + result;
            return result;
        }

        /// <summary>The .eml name for a message: "yyyyMMdd-HHmmss subject key.eml".</summary>
        public static string EmlFileName(DateTimeOffset date, string? subject, string key)
        {
            string s = Text(subject);
            string k = Text(key, 60);
            return s.Length == 0
                ? $"{date:yyyyMMdd-HHmmss} {k}.eml"
                : $"{date:yyyyMMdd-HHmmss} {s} {k}.eml";
        }

        /// <summary>
        /// Joins the export root and relative parts, then checks the result really is inside the root
        /// (defence in depth: the escaping already rules out separators and dot names).
        /// </summary>
        public static string Combine(string root, params string[] parts)
        {
            string full = Path.GetFullPath(Path.Combine(root, Path.Combine(parts)));
            EnsureInside(root, full);
            return full;
        }

        /// <summary>Throws MailToolsUnsafePath when <paramref name="path"/> is not inside <paramref name="root"/>.</summary>
        public static void EnsureInside(string root, string path)
        {
            string r = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            string p = Path.GetFullPath(path);
            var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (!p.StartsWith(r, comparison))
                throw new MailToolsException(ErrorIds.UnsafePath, MailErrorKind.SecurityError,
                    $"Refused to write '{p}': it is outside the export folder '{r}'.", path)
                { RecommendedAction = "This is a bug in MailTools' path escaping; please report the folder name." };
        }

        /// <summary>True for a segment Windows refuses as a file name (CON, NUL, COM1…).</summary>
        public static bool IsReserved(string segment)
        {
            if (string.IsNullOrEmpty(segment))
                return false;
            int dot = segment.IndexOf('.');
            string stem = (dot < 0 ? segment : segment.Substring(0, dot)).TrimEnd(' ');
            foreach (var r in s_reserved)
                if (string.Equals(stem, r, StringComparison.OrdinalIgnoreCase))
                    return true;
            return false;
        }

        // Over-long names keep their readable start and get a short hash of the whole name, so they stay unique.
        static string Bound(string segment, int maxBytes, string original)
        {
            if (Encoding.UTF8.GetByteCount(segment) <= maxBytes)
                return segment;
            string hash = ShortHash(original);
            string head = Truncate(segment, maxBytes - hash.Length - 1);
            // Never cut an escape (%XX) in half.
            int pct = head.LastIndexOf('%');
            if (pct >= 0 && pct > head.Length - 3)
                head = head.Substring(0, pct);
            return head + "~" + hash;
        }

        static string Truncate(string text, int maxBytes)
        {
            if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
                return text;
            int bytes = 0, i = 0;
            while (i < text.Length)
            {
                int len = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
                int b = Encoding.UTF8.GetByteCount(text.Substring(i, len));
                if (bytes + b > maxBytes)
                    break;
                bytes += b;
                i += len;
            }
            return text.Substring(0, i);
        }

        internal static string ShortHash(string text)
        {
            using (var sha = SHA256.Create())
            {
                var h = sha.ComputeHash(Encoding.UTF8.GetBytes(text ?? string.Empty));
                var sb = new StringBuilder(8);
                for (int i = 0; i < 4; i++)
                    sb.Append(h[i].ToString("x2", CultureInfo.InvariantCulture));
                return sb.ToString();
            }
        }
    }
}
