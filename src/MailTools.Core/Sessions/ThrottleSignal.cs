using System;

namespace MailTools.Core.Sessions
{
    /// <summary>A server reply that says "slow down": which limit, how long the server asks us to wait, its words.</summary>
    public sealed class ThrottleSignal
    {
        /// <summary>A signal of <paramref name="kind"/>, with the server's suggested wait (if any) and words.</summary>
        public ThrottleSignal(ThrottleKind kind, TimeSpan? suggestedDelay, string serverText, bool connectionDropped)
        {
            Kind = kind;
            SuggestedDelay = suggestedDelay;
            ServerText = serverText ?? string.Empty;
            ConnectionDropped = connectionDropped;
        }

        /// <summary>Which limit: throttled requests, too many connections, or the bandwidth limit.</summary>
        public ThrottleKind Kind { get; }
        /// <summary>The wait the server suggested, when it said one (Microsoft's "Suggested Backoff Time").</summary>
        public TimeSpan? SuggestedDelay { get; }
        /// <summary>The server's own words, quoted in verbose output and errors.</summary>
        public string ServerText { get; }
        /// <summary>True when the server closed the connection (BYE, or a cut right after throttling): resume on a new one.</summary>
        public bool ConnectionDropped { get; }

        /// <summary>The same signal, noting that the connection is gone (resume on a new one).</summary>
        public ThrottleSignal WithDropped() => new ThrottleSignal(Kind, SuggestedDelay, ServerText, true);

        /// <summary>The limit in words, for progress, verbose and error messages.</summary>
        public string Describe()
        {
            switch (Kind)
            {
                case ThrottleKind.TooManyConnections: return "too many simultaneous connections to this account";
                case ThrottleKind.BandwidthExceeded: return "the account's bandwidth limit";
                default: return "the server is throttling requests";
            }
        }
    }
}
