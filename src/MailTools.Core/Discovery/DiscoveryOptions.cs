using System;
using MailTools.Core.Errors;

namespace MailTools.Core.Discovery
{
    /// <summary>What Find-MailServer (and -EmailAddress on the other cmdlets) asks for.</summary>
    public sealed class DiscoveryOptions
    {
        /// <summary>Thunderbird's ISPDB; MAILTOOLS_ISPDB_URL or -IspdbUrl point it elsewhere (a mirror, the tests).</summary>
        public const string DefaultIspdbUrl = "https://autoconfig.thunderbird.net/v1.1/";
        /// <summary>The environment variable that overrides <see cref="DefaultIspdbUrl"/> when -IspdbUrl is not given.</summary>
        public const string IspdbVariable = "MAILTOOLS_ISPDB_URL";

        /// <summary>The address to find servers for; <see cref="Validate"/> trims it and refuses one that is not an address.</summary>
        public string EmailAddress { get; set; } = string.Empty;
        /// <summary>host[:port] of the DNS server to ask (split-horizon networks); null: the system's.</summary>
        public string? DnsServer { get; set; }
        /// <summary>Also try autoconfig and ISPDB over plain HTTP (forgeable on the network path; a warning says so).</summary>
        public bool AllowInsecureDiscovery { get; set; }
        /// <summary>Answer from this session's cache only: no DNS, HTTP or probe goes out.</summary>
        public bool Offline { get; set; }
        /// <summary>For the whole discovery, every source and probe together.</summary>
        public int TimeoutSeconds { get; set; } = 30;
        /// <summary>-IspdbUrl: the ISPDB's base URL; null: <see cref="IspdbVariable"/>, else <see cref="DefaultIspdbUrl"/>.</summary>
        public string? IspdbUrl { get; set; }
        /// <summary>Which protocols to look for; null = all three.</summary>
        public MailServerProtocol[]? Protocols { get; set; }
        /// <summary>Connect to each candidate (TLS, certificate, greeting, capabilities). Off only for -Offline.</summary>
        public bool Probe { get; set; } = true;

        /// <summary>The address before the last '@'; empty until <see cref="Validate"/> has run.</summary>
        public string LocalPart { get; private set; } = string.Empty;
        /// <summary>The address's domain in lower case, without a trailing dot; empty until <see cref="Validate"/> has run.</summary>
        public string Domain { get; private set; } = string.Empty;

        /// <summary>Splits the address; a clear error when it is not one.</summary>
        public void Validate()
        {
            string address = (EmailAddress ?? string.Empty).Trim();
            int at = address.LastIndexOf('@');
            string? domain = at > 0 ? address.Substring(at + 1).TrimEnd('.') : null;
            if (at <= 0 || domain == null || domain.Length == 0 || domain.IndexOf('.') < 0 || domain.IndexOfAny(new[] { ' ', '/', '\\', ':', '@', '?', '#' }) >= 0)
                throw new MailToolsException(ErrorIds.InvalidEmailAddress, MailErrorKind.InvalidArgument,
                    $"'{EmailAddress}' is not an email address MailTools can look up.", EmailAddress)
                { RecommendedAction = "Give the full address, for example info@example.com." };
            EmailAddress = address;
            LocalPart = address.Substring(0, at);
            Domain = domain.ToLowerInvariant();
        }

        /// <summary>The ISPDB base URL to use (-IspdbUrl, else the environment variable, else Thunderbird's), ending in '/'.</summary>
        public string ResolveIspdbUrl()
        {
            string? url = !string.IsNullOrEmpty(IspdbUrl) ? IspdbUrl : Environment.GetEnvironmentVariable(IspdbVariable);
            if (url == null || url.Length == 0)
                url = DefaultIspdbUrl;
            return url.EndsWith("/", StringComparison.Ordinal) ? url : url + "/";
        }
    }
}
