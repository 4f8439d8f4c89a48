using System;
using System.Globalization;
using System.Text.RegularExpressions;
using MailKit.Net.Imap;
using MailTools.Core.Errors;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// Recognises the providers' "slow down" replies in server text and in the exceptions MailKit raises for them.
    /// The wordings are the providers' own: Microsoft 365 ("Request is throttled. Suggested Backoff Time: 2380
    /// milliseconds"), Gmail ("[ALERT] Too many simultaneous connections. (Failure)", "Account exceeded command or
    /// bandwidth limits"), Dovecot ("Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)").
    /// </summary>
    public static class ThrottleReply
    {
        static readonly Regex Backoff = new Regex(@"Suggested\s+Backoff\s+Time:\s*(\d{1,9})\s*(milliseconds|millisecond|ms|seconds|second|s)?",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The signal in one piece of server text, or null when the text is not about a provider limit.</summary>
        public static ThrottleSignal? Parse(string? text, bool connectionDropped = false)
        {
            if (text == null || string.IsNullOrWhiteSpace(text))
                return null;
            string line = text.Replace("\r", " ").Replace("\n", " ").Trim();
            if (Has(line, "bandwidth limit") || Has(line, "exceeded command or bandwidth"))
                return new ThrottleSignal(ThrottleKind.BandwidthExceeded, null, line, connectionDropped);
            if (Has(line, "Too many simultaneous connections") || Has(line, "Maximum number of connections")
                || Has(line, "mail_max_userip_connections") || Has(line, "too many connections"))
                return new ThrottleSignal(ThrottleKind.TooManyConnections, null, line, connectionDropped);
            var m = Backoff.Match(line);
            if (m.Success || Has(line, "Request is throttled") || Has(line, "[THROTTLED]"))
            {
                TimeSpan? delay = null;
                if (m.Success && long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                {
                    string unit = m.Groups[2].Value.ToLowerInvariant();
                    delay = unit.StartsWith("s", StringComparison.Ordinal) ? TimeSpan.FromSeconds(n) : TimeSpan.FromMilliseconds(n);
                }
                return new ThrottleSignal(ThrottleKind.Throttled, delay, line, connectionDropped);
            }
            return null;
        }

        /// <summary>
        /// The signal carried by a failure, or null. A tagged NO/BAD (<see cref="ImapCommandException"/>) leaves the
        /// connection open; anything else that carries the text (BYE, a refused login) means the connection is gone.
        /// </summary>
        public static ThrottleSignal? Classify(Exception? failure)
        {
            for (var e = failure; e != null; e = e.InnerException)
            {
                if (e is ThrottledException te)
                    return te.Signal;
                var signal = e is ImapCommandException ic
                    ? Parse(ic.ResponseText, false) ?? Parse(ic.Message, false)
                    : Parse(e.Message, true);
                if (signal != null)
                    return signal;
            }
            return null;
        }

        static bool Has(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
