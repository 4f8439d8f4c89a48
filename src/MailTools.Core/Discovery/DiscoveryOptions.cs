#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using MailTools.Core.Errors;

namespace MailTools.Core.Discovery
{
    /// <summary>What Find-MailServer (and -EmailAddress on the other cmdlets) asks for.</summary>
    public sealed class DiscoveryOptions
    {
        /// <summary>Thunderbird's ISPDB; MAILTOOLS_ISPDB_URL or -IspdbUrl point it elsewhere (a mirror, the tests).</summary>
        public const string DefaultIspdbUrl = "https://autoconfig.thunderbird.net/v1.1/";
        public const string IspdbVariable = "MAILTOOLS_ISPDB_URL";

        public string EmailAddress { get; set; }
        /// <summary>host[:port] of the DNS server to ask (split-horizon networks); null: the system's.</summary>
        public string DnsServer { get; set; }
        public bool AllowInsecureDiscovery { get; set; }
        public bool Offline { get; set; }
        /// <summary>For the whole discovery, every source and probe together.</summary>
        public int TimeoutSeconds { get; set; } = 30;
        public string IspdbUrl { get; set; }
        /// <summary>Which protocols to look for; null = all three.</summary>
        public MailServerProtocol[] Protocols { get; set; }
        /// <summary>Connect to each candidate (TLS, certificate, greeting, capabilities). Off only for -Offline.</summary>
        public bool Probe { get; set; } = true;

        public string LocalPart { get; private set; }
        public string Domain { get; private set; }

        /// <summary>Splits the address; a clear error when it is not one.</summary>
        public void Validate()
        {
            string address = (EmailAddress ?? string.Empty).Trim();
            int at = address.LastIndexOf('@');
            string domain = at > 0 ? address.Substring(at + 1).TrimEnd('.') : null;
            if (at <= 0 || string.IsNullOrEmpty(domain) || domain.IndexOf('.') < 0 || domain.IndexOfAny(new[] { ' ', '/', '\\', ':', '@', '?', '#' }) >= 0)
                throw new MailToolsException(ErrorIds.InvalidEmailAddress, MailErrorKind.InvalidArgument,
                    $"'{EmailAddress}' is not an email address MailTools can look up.", EmailAddress)
                { RecommendedAction = "Give the full address, for example info@example.com." };
            EmailAddress = address;
            LocalPart = address.Substring(0, at);
            Domain = domain.ToLowerInvariant();
        }

        public string ResolveIspdbUrl()
        {
            string url = !string.IsNullOrEmpty(IspdbUrl) ? IspdbUrl : Environment.GetEnvironmentVariable(IspdbVariable);
            if (string.IsNullOrEmpty(url))
                url = DefaultIspdbUrl;
            return url.EndsWith("/", StringComparison.Ordinal) ? url : url + "/";
        }
    }
}
