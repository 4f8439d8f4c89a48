namespace MailTools.Core.Sessions
{
    /// <summary>Which provider limit a server reply reports.</summary>
    public enum ThrottleKind
    {
        /// <summary>Microsoft 365: "Request is throttled. Suggested Backoff Time: N milliseconds" (NO, BAD or BYE).</summary>
        Throttled,
        /// <summary>Gmail "[ALERT] Too many simultaneous connections", Dovecot mail_max_userip_connections.</summary>
        TooManyConnections,
        /// <summary>Gmail's daily bandwidth limit: waiting minutes does not help, so MailTools stops at once.</summary>
        BandwidthExceeded,
    }
}
