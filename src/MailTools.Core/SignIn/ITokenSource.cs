using System;
using System.Threading;

namespace MailTools.Core.SignIn
{
    /// <summary>
    /// Something a session can ask for an access token, again and again: at the first login and at every reconnect
    /// (a dropped connection, an expired token), so a long export or clean-up carries on with a fresh token.
    /// </summary>
    public interface ITokenSource
    {
        /// <summary>What signs in, for messages ("Microsoft 365 device code, app 1234…"); never holds a secret.</summary>
        string Description { get; }
        /// <summary>A token valid now, renewed silently when it can be; asks the user only when allowed.</summary>
        AccessTokenInfo GetToken(IOutputWriter writer, CancellationToken token);
    }

    /// <summary>An access token and when it ends. ToString never shows the token.</summary>
    public sealed class AccessTokenInfo
    {
        /// <summary>A token and its expiry (null when the issuer did not say).</summary>
        public AccessTokenInfo(string value, DateTimeOffset? expiresOn)
        {
            Value = value ?? throw new ArgumentNullException(nameof(value));
            ExpiresOn = expiresOn;
        }

        internal string Value { get; }
        /// <summary>When the token stops working, if known: a reconnect after it asks for a new one.</summary>
        public DateTimeOffset? ExpiresOn { get; }
        /// <summary>Says it is an access token and when it expires, never the token itself.</summary>
        public override string ToString() => ExpiresOn.HasValue ? $"access token (expires {ExpiresOn.Value:u})" : "access token";
    }
}
