using System;
using System.Globalization;
using System.Text.RegularExpressions;
using MailTools.Core.Errors;

namespace MailTools.Core.Text
{
    /// <summary>
    /// The one parser for message sizes, shared by Get-MailMessage, Invoke-MailCleanup and policy files.
    /// Accepts a number of bytes (500000, "500000") or a number with a unit B, KB, MB, GB, TB (also K, M, G),
    /// counted in powers of 1024 as PowerShell's 1KB/1MB literals are.
    /// </summary>
    public static class SizeParser
    {
        // Built on the first text to parse, not when the type is first touched (a number needs no Regex).
        static class SizePattern
        {
            internal static readonly Regex Value = new Regex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<u>b|k|kb|m|mb|g|gb|t|tb)?\s*$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        /// <summary>The text shown when a size cannot be read, listing the accepted forms.</summary>
        public const string Help = "Give a number of bytes (500000) or a number with a unit: 500KB, 10MB, 1GB.";

        /// <summary>Reads a size in bytes, or throws MailToolsInvalidSize naming <paramref name="context"/>.</summary>
        public static long Parse(object? value, string context)
        {
            if (TryParse(value, out long bytes))
                return bytes;
            throw new MailToolsException(ErrorIds.InvalidSize, MailErrorKind.InvalidArgument,
                $"{context}: '{value}' is not a size. {Help}", value)
            { RecommendedAction = "Write the size like 500KB, 10MB or 1GB (1KB = 1024 bytes)." };
        }

        /// <summary>Reads a size in bytes ("10MB", 500000); false for anything else, negative or too large.</summary>
        public static bool TryParse(object? value, out long bytes)
        {
            bytes = 0;
            switch (value)
            {
                case null:
                    return false;
                case int _:
                case long _:
                case short _:
                case byte _:
                case uint _:
                case ulong _:
                case double _:
                case float _:
                case decimal _:
                    double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (d < 0 || double.IsNaN(d) || double.IsInfinity(d) || d > long.MaxValue / 2)
                        return false;
                    bytes = (long)d;
                    return true;
                case string text:
                    var m = SizePattern.Value.Match(text);
                    if (!m.Success)
                        return false;
                    double n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                    double factor;
                    switch (m.Groups["u"].Value.ToLowerInvariant())
                    {
                        case "k": case "kb": factor = 1024d; break;
                        case "m": case "mb": factor = 1024d * 1024; break;
                        case "g": case "gb": factor = 1024d * 1024 * 1024; break;
                        case "t": case "tb": factor = 1024d * 1024 * 1024 * 1024; break;
                        default: factor = 1; break;
                    }
                    double total = n * factor;
                    if (total > long.MaxValue / 2)
                        return false;
                    bytes = (long)total;
                    return true;
                default:
                    return false;
            }
        }
    }
}
