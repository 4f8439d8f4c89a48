using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MailTools.Core.Discovery;
using MailTools.Core.Errors;
using Xunit;

namespace MailTools.Core.Tests
{
    public class DiscoveryTests
    {
        static DiscoveryOptions Request(string address = "info@reiki.example")
        {
            var r = new DiscoveryOptions { EmailAddress = address };
            r.Validate();
            return r;
        }

        const string Config = @"<?xml version=""1.0""?>
<clientConfig version=""1.1""><emailProvider id=""reiki.example"">
  <incomingServer type=""imap""><hostname>Mail.%EMAILDOMAIN%</hostname><port>993</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username></incomingServer>
  <incomingServer type=""pop3""><hostname>pop.reiki.example</hostname><port>110</port><socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username></incomingServer>
  <incomingServer type=""exchange""><hostname>ews.reiki.example</hostname><port>443</port></incomingServer>
  <outgoingServer type=""smtp""><hostname>smtp.reiki.example</hostname><port>25</port><socketType>plain</socketType></outgoingServer>
</emailProvider></clientConfig>";

        [Fact]
        public void Config_v11_fills_placeholders_and_maps_socket_types()
        {
            var list = ConfigV11Reader.Read(Config, Request(), DiscoverySource.Autoconfig, "https://x/");
            Assert.Equal(3, list.Count);   // exchange is not ours
            Assert.Equal(("mail.reiki.example", 993, MailSecurity.SslOnConnect, "info"), (list[0].Host, list[0].Port, list[0].Security, list[0].UserName));
            Assert.Equal((MailServerProtocol.Pop3, MailSecurity.StartTls, "info@reiki.example"), (list[1].Protocol, list[1].Security, list[1].UserName));
            Assert.Equal((MailServerProtocol.Smtp, MailSecurity.None), (list[2].Protocol, list[2].Security));
            Assert.All(list, c => Assert.Equal(ProbeStatus.NotProbed, c.Status));
        }

        [Theory]
        [InlineData("<clientConfig><emailProvider><incomingServer type=\"imap\"><hostname>mail", "not valid XML")]
        [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><clientConfig/>", "not valid XML")]
        [InlineData("<html><body>Not found</body></html>", "<html>")]
        [InlineData("<clientConfig><emailProvider><incomingServer type=\"imap\"><hostname>m</hostname><port>x</port></incomingServer></emailProvider></clientConfig>", "no usable hostname/port")]
        [InlineData("<clientConfig><emailProvider/></clientConfig>", "names no IMAP")]
        public void A_bad_config_is_refused_with_the_reason(string xml, string reason)
        {
            var ex = Assert.Throws<ConfigFormatException>(() => ConfigV11Reader.Read(xml, Request(), DiscoverySource.Autoconfig, "https://x/"));
            Assert.Contains(reason, ex.Message);
        }

        [Theory]
        [InlineData("10.0.0.53", "10.0.0.53", 53)]
        [InlineData("127.0.0.1:5353", "127.0.0.1", 5353)]
        [InlineData("[::1]:54", "::1", 54)]
        [InlineData("::1", "::1", 53)]
        public void Dns_server_takes_host_and_port(string text, string address, int port)
        {
            var ep = DnsResolver.ParseServer(text);
            Assert.Equal(address, ep.Address.ToString());
            Assert.Equal(port, ep.Port);
        }

        [Fact]
        public void A_bad_dns_server_is_a_clear_error()
        {
            var ex = Assert.Throws<MailToolsException>(() => DnsResolver.ParseServer("10.0.0.53:99999"));
            Assert.Equal(ErrorIds.InvalidDnsServer, ex.ErrorId);
        }

        [Theory]
        [InlineData("not-an-address")]
        [InlineData("info@localhost")]
        [InlineData("@reiki.example")]
        public void A_bad_address_is_a_clear_error(string address)
        {
            var ex = Assert.Throws<MailToolsException>(() => Request(address));
            Assert.Equal(ErrorIds.InvalidEmailAddress, ex.ErrorId);
        }

        [Theory]
        [InlineData("autoconfig.reiki.example", "reiki.example", true)]
        [InlineData("REIKI.example.", "reiki.example", true)]
        [InlineData("evilreiki.example", "reiki.example", false)]
        [InlineData("reiki.example.evil.test", "reiki.example", false)]
        public void Redirects_stay_within_the_domain(string host, string domain, bool allowed)
        {
            Assert.Equal(allowed, HttpFetcher.IsWithin(host, domain));
        }

        [Fact]
        public void The_provider_domain_comes_from_the_mx_host()
        {
            Assert.Equal(new[] { "hoster-17.example" }, MxSource.ProviderDomains("mx1.hoster-17.example"));
            Assert.Equal(new[] { "in.mail.hoster.example", "hoster.example" }, MxSource.ProviderDomains("mx.in.mail.hoster.example"));
            Assert.Empty(MxSource.ProviderDomains("hoster.example"));
        }

        static MailServerCandidate C(MailServerProtocol p, string host, DiscoverySource source, MailSecurity security, bool verified, string? detail = null) =>
            new MailServerCandidate
            {
                EmailAddress = "info@reiki.example", Protocol = p, Host = host, Port = 1, Source = source, Security = security,
                Verified = verified, Status = verified ? ProbeStatus.Answered : ProbeStatus.CertificateUntrusted, Detail = detail,
            };

        [Fact]
        public void Ranking_puts_verified_then_trusted_sources_then_tls_first_per_protocol()
        {
            var ranked = MailServerFinder.Rank(new List<MailServerCandidate>
            {
                C(MailServerProtocol.Smtp, "smtp", DiscoverySource.Srv, MailSecurity.StartTls, true),
                C(MailServerProtocol.Imap, "srv-bad", DiscoverySource.Srv, MailSecurity.SslOnConnect, false),
                C(MailServerProtocol.Imap, "auto-starttls", DiscoverySource.Autoconfig, MailSecurity.StartTls, true),
                C(MailServerProtocol.Imap, "srv-tls", DiscoverySource.Srv, MailSecurity.SslOnConnect, true),
                C(MailServerProtocol.Imap, "auto-tls", DiscoverySource.Autoconfig, MailSecurity.SslOnConnect, true),
            });
            Assert.Equal(new[] { "auto-tls", "auto-starttls", "srv-tls", "srv-bad", "smtp" }, ranked.Select(c => c.Host));
            Assert.Equal(new[] { 1, 2, 3, 4, 1 }, ranked.Select(c => c.Rank));
        }

        [Fact]
        public void The_chooser_never_takes_an_unverified_candidate_and_says_why()
        {
            var list = MailServerFinder.Rank(new List<MailServerCandidate>
            {
                C(MailServerProtocol.Imap, "imap.reiki.example", DiscoverySource.Srv, MailSecurity.SslOnConnect, false, "certificate not valid for this name: the certificate was issued for a different host name"),
                C(MailServerProtocol.Smtp, "smtp.reiki.example", DiscoverySource.Srv, MailSecurity.SslOnConnect, true),
            });
            var ex = Assert.Throws<MailToolsException>(() => CandidateChooser.Best(list, MailServerProtocol.Imap, null));
            Assert.Equal(ErrorIds.NoVerifiedMailServer, ex.ErrorId);
            Assert.Contains("imap.reiki.example:1 from Srv: certificate not valid for this name", ex.Message);
            Assert.Contains("No password was sent", ex.Message);
            Assert.Null(CandidateChooser.BestOrNull(list, MailServerProtocol.Pop3, null));
            Assert.Equal("smtp.reiki.example", CandidateChooser.Best(list, MailServerProtocol.Smtp, null).Host);
        }

        [Fact]
        public void The_cache_gives_an_answer_back_only_as_the_type_it_was_kept_as()
        {
            var cache = new DiscoveryCache();
            var fetched = new FetchResult { Problem = "HTTP 404" };
            cache.Set("http|https://autoconfig.reiki.example/", fetched);
            Assert.Same(fetched, cache.Get<FetchResult>("HTTP|https://autoconfig.reiki.example/"));   // keys ignore case
            Assert.Null(cache.Get<MailServerCandidate>("http|https://autoconfig.reiki.example/"));
            Assert.Null(cache.Get<FetchResult>("http|https://other.example/"));
        }

        [Fact]
        public async Task An_offline_resolver_asks_nobody_and_says_not_cached()
        {
            var dns = new DnsResolver(null, new DiscoveryCache(), offline: true);
            var mx = await dns.MxAsync("reiki.example", default);
            Assert.Equal(DnsOutcome.NotCached, mx.Outcome);
            Assert.Empty(mx.Records);
            Assert.Equal("not cached (-Offline)", mx.Describe());
        }
    }
}
