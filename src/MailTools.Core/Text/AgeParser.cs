using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using MailTools.Core.Errors;

namespace MailTools.Core.Text
{
    /// <summary>The unit an age was given in; months and years follow the calendar, not a fixed number of days.</summary>
    public enum AgeUnit
    {
        /// <summary>Whole days.</summary>
        Days,
        /// <summary>Weeks of 7 days.</summary>
        Weeks,
        /// <summary>Calendar months.</summary>
        Months,
        /// <summary>Calendar years.</summary>
        Years,
        /// <summary>An exact TimeSpan, in ticks.</summary>
        TimeSpan,
    }

    /// <summary>
    /// How old a message must be: "30d", "12w", "6mo", "1y", a number of days, or a TimeSpan.
    /// Age counts from the date the server received the message (IMAP INTERNALDATE), as imapfilter does.
    /// </summary>
    public sealed class MailAge
    {
        /// <summary>An age of <paramref name="value"/> units.</summary>
        public MailAge(double value, AgeUnit unit)
        {
            Value = value;
            Unit = unit;
        }

        /// <summary>The number of units (ticks for <see cref="AgeUnit.TimeSpan"/>).</summary>
        public double Value { get; }
        /// <summary>The unit of <see cref="Value"/>.</summary>
        public AgeUnit Unit { get; }

        /// <summary>The moment a message must have been received before to be this old.</summary>
        public DateTime CutoffFrom(DateTime now)
        {
            switch (Unit)
            {
                case AgeUnit.Weeks: return now.AddDays(-7 * Value);
                case AgeUnit.Months: return now.AddMonths(-(int)Value);
                case AgeUnit.Years: return now.AddYears(-(int)Value);
                case AgeUnit.TimeSpan: return now - System.TimeSpan.FromTicks((long)Value);
                default: return now.AddDays(-Value);
            }
        }

        /// <summary>The age as the user writes it ("30d", "6mo", "1y").</summary>
        public override string ToString()
        {
            switch (Unit)
            {
                case AgeUnit.Weeks: return Value.ToString(CultureInfo.InvariantCulture) + "w";
                case AgeUnit.Months: return Value.ToString(CultureInfo.InvariantCulture) + "mo";
                case AgeUnit.Years: return Value.ToString(CultureInfo.InvariantCulture) + "y";
                case AgeUnit.TimeSpan: return System.TimeSpan.FromTicks((long)Value).ToString();
                default: return Value.ToString(CultureInfo.InvariantCulture) + "d";
            }
        }
    }

    /// <summary>
    /// The one parser for ages, shared by Get-MailMessage, Invoke-MailCleanup and policy files.
    /// Accepts a TimeSpan, a number of days (30, "30"), or a number with a unit: d/day(s), w/week(s),
    /// mo/month(s), y/year(s) ("30d", "12w", "6mo", "1y"). Months and years must be whole numbers.
    /// </summary>
    public static class AgeParser
    {
        // Built on the first text to parse, not when the type is first touched (a number needs no Regex).
        static class AgePattern
        {
            internal static readonly Regex Value = new Regex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<u>d|days?|w|weeks?|mo|months?|y|yrs?|years?)?\s*$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        /// <summary>The text shown when an age cannot be read, listing the accepted forms.</summary>
        public const string Help = "Give a number of days (30), a TimeSpan, or a number with a unit: 30d, 12w, 6mo, 1y.";

        /// <summary>The oldest age MailTools takes: 100 years, older than any mail.</summary>
        public const double MaxDays = 36500;

        /// <summary>Reads an age, or throws MailToolsInvalidAge naming the context.</summary>
        /// <param name="value">The age as given.</param>
        /// <param name="context">What it was given for, named in the error ("-OlderThan", "rule 'Old trash' (line 4)").</param>
        public static MailAge Parse(object? value, string context)
        {
            if (TryParse(value, out var age))
                return age;
            throw Invalid(value, context);
        }

        /// <summary>Reads an age; false (and null) for anything that is not one or is over 100 years.</summary>
        public static bool TryParse(object? value, [NotNullWhen(true)] out MailAge? age)
        {
            age = Read(value);
            if (age == null || TooLarge(age))
            {
                age = null;
                return false;
            }
            return true;
        }

        // Over 100 years is a typo ('99999y'), and far enough back to overflow a date.
        static bool TooLarge(MailAge age)
        {
            switch (age.Unit)
            {
                case AgeUnit.Years: return age.Value > MaxDays / 365;
                case AgeUnit.Months: return age.Value > MaxDays / 365 * 12;
                case AgeUnit.Weeks: return age.Value * 7 > MaxDays;
                case AgeUnit.TimeSpan: return age.Value > System.TimeSpan.FromDays(MaxDays).Ticks;
                default: return age.Value > MaxDays;
            }
        }

        static MailAge? Read(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case MailAge a:
                    return a;
                case TimeSpan span:
                    if (span < TimeSpan.Zero)
                        return null;
                    return new MailAge(span.Ticks, AgeUnit.TimeSpan);
                case sbyte years when years >= 0:
                    // PowerShell reads an unquoted 1y as the sbyte literal 1 ("y" is its sbyte suffix), so
                    // -OlderThan 1y arrives as (sbyte)1: nobody passes an sbyte on purpose, so it means years.
                    return new MailAge(years, AgeUnit.Years);
                case int _:
                case long _:
                case short _:
                case byte _:
                case uint _:
                case double _:
                case float _:
                case decimal _:
                    double days = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (days < 0 || double.IsNaN(days) || double.IsInfinity(days))
                        return null;
                    return new MailAge(days, AgeUnit.Days);
                case string text:
                    var m = AgePattern.Value.Match(text);
                    if (!m.Success)
                        return null;
                    double n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                    string unit = m.Groups["u"].Value.ToLowerInvariant();
                    AgeUnit u = unit.StartsWith("w", StringComparison.Ordinal) ? AgeUnit.Weeks
                        : unit.StartsWith("mo", StringComparison.Ordinal) ? AgeUnit.Months
                        : unit.StartsWith("y", StringComparison.Ordinal) ? AgeUnit.Years
                        : AgeUnit.Days;
                    if ((u == AgeUnit.Months || u == AgeUnit.Years) && n != Math.Floor(n))
                        return null;
                    return new MailAge(n, u);
                default:
                    return null;
            }
        }

        static MailToolsException Invalid(object? value, string context)
        {
            var read = Read(value);
            if (read != null)
                return new MailToolsException(ErrorIds.InvalidAge, MailErrorKind.InvalidArgument,
                    $"{context}: '{value}' is too large: an age can be at most 100 years (36500d).", value)
                { RecommendedAction = "Give an age of at most 100 years, such as 10y; -Before <date> picks a fixed day instead." };
            return new MailToolsException(ErrorIds.InvalidAge, MailErrorKind.InvalidArgument,
                $"{context}: '{value}' is not an age. {Help}", value)
            { RecommendedAction = "Write the age like 30d, 12w, 6mo or 1y (months and years as whole numbers)." };
        }
    }
}
