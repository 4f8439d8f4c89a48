using System;
using MailTools.Core.Sessions;

namespace MailTools.Core.Errors
{
    /// <summary>The errors for provider limits, each naming the limit, the server and account, and what to do.</summary>
    public static class ThrottleErrors
    {
        /// <summary>The stable ErrorId that names this kind of limit (TooManyConnections, BandwidthLimitExceeded, ServerThrottled).</summary>
        public static string ErrorIdFor(ThrottleKind kind) =>
            kind == ThrottleKind.TooManyConnections ? ErrorIds.TooManyConnections
            : kind == ThrottleKind.BandwidthExceeded ? ErrorIds.BandwidthLimitExceeded
            : ErrorIds.ServerThrottled;

        /// <summary>A limit met outside any retry (or one that waiting cannot help): retried by an outer operation if it can.</summary>
        public static ThrottledException Met(ThrottleSignal signal, ServerEndpoint where, Exception? inner)
        {
            where = where ?? ServerEndpoint.Unknown;
            string at = where.Describe();
            switch (signal.Kind)
            {
                case ThrottleKind.BandwidthExceeded:
                    return Bandwidth(signal, where, inner);
                case ThrottleKind.TooManyConnections:
                    return new ThrottledException(ErrorIds.TooManyConnections,
                        $"The {at} refused another connection for '{where.UserName}': {signal.ServerText}", signal, where, inner, final: false)
                    { RecommendedAction = TooManyAction };
                default:
                    return new ThrottledException(ErrorIds.ServerThrottled,
                        $"The {at} throttled the request for '{where.UserName}'{(signal.ConnectionDropped ? " and closed the connection" : string.Empty)}: {signal.ServerText}", signal, where, inner, final: false)
                    { RecommendedAction = "Wait a little and run the command again: MailTools reconnects and carries on where it stopped." };
            }
        }

        /// <summary>MailTools waited as long as it may (-MaxWaitSeconds) and stops; nothing half-done is left behind.</summary>
        public static ThrottledException GaveUp(ThrottleSignal signal, ServerEndpoint where, RetryPolicy policy, Exception? inner)
        {
            where = where ?? ServerEndpoint.Unknown;
            if (signal.Kind == ThrottleKind.BandwidthExceeded)
                return Bandwidth(signal, where, inner);
            string waited = $"MailTools waited {policy.WaitedSinceProgress.TotalSeconds:0.#} s in {policy.Waits} wait(s) without progress, and its limit is {policy.MaxTotalWait.TotalSeconds:0} s (-MaxWaitSeconds)";
            string what = signal.Kind == ThrottleKind.TooManyConnections
                ? $"The {where.Describe()} kept refusing connections for '{where.UserName}' ({signal.ServerText}): {waited}."
                : $"The {where.Describe()} kept throttling '{where.UserName}' ({signal.ServerText}): {waited}.";
            return new ThrottledException(ErrorIdFor(signal.Kind), what + " Nothing was lost: what was done is kept, the rest is untouched.", signal, where, inner, final: true)
            {
                RecommendedAction = signal.Kind == ThrottleKind.TooManyConnections ? TooManyAction
                    : "Run the command again later (it carries on where it stopped), or connect with a larger -MaxWaitSeconds.",
            };
        }

        const string TooManyAction = "Close other mail programs or sessions on this account (Gmail allows 15 at once, Dovecot 10 per user and address by default), or connect with a lower -MaxConnections, then run the command again.";

        static ThrottledException Bandwidth(ThrottleSignal signal, ServerEndpoint where, Exception? inner) =>
            new ThrottledException(ErrorIds.BandwidthLimitExceeded,
                $"The {where.Describe()} says '{where.UserName}' has used up its bandwidth limit ({signal.ServerText}); waiting minutes does not help (Gmail resets it within a day). Nothing was lost.", signal, where, inner, final: true)
            { RecommendedAction = "Run the command again tomorrow: it carries on where it stopped." };
    }
}
