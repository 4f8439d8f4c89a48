using System;
using MailKit.Net.Imap;
using MailKit.Security;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;
using Xunit;

namespace MailTools.Core.Tests
{
    public class ThrottleReplyTests
    {
        static readonly ServerEndpoint Where = new ServerEndpoint("outlook.office365.com", 993, MailProtocol.Imap, "admin@contoso.com", 30);

        [Theory]
        [InlineData("Request is throttled. Suggested Backoff Time: 2380 milliseconds", 2380)]
        [InlineData("Request is throttled. Suggested Backoff Time: 0 milliseconds", 0)]
        [InlineData("[THROTTLED] Request is throttled. Suggested Backoff Time: 15 seconds", 15000)]
        public void Microsoft_throttled_reply_gives_the_suggested_wait(string text, int ms)
        {
            var s = ThrottleReply.Parse(text);
            Assert.NotNull(s);
            Assert.Equal(ThrottleKind.Throttled, s.Kind);
            Assert.Equal(TimeSpan.FromMilliseconds(ms), s.SuggestedDelay);
        }

        [Fact]
        public void Throttled_without_a_time_has_no_suggestion()
        {
            var s = ThrottleReply.Parse("Request is throttled.");
            Assert.NotNull(s);
            Assert.Equal(ThrottleKind.Throttled, s.Kind);
            Assert.Null(s.SuggestedDelay);
        }

        [Theory]
        [InlineData("[ALERT] Too many simultaneous connections. (Failure)")]
        [InlineData("Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)")]
        public void Connection_limits_are_recognised(string text) =>
            Assert.Equal(ThrottleKind.TooManyConnections, ThrottleReply.Parse(text)?.Kind);

        [Fact]
        public void Gmail_bandwidth_limit_is_recognised_before_the_quota_wording() =>
            Assert.Equal(ThrottleKind.BandwidthExceeded, ThrottleReply.Parse("[OVERQUOTA] Account exceeded command or bandwidth limits. (Failure)")?.Kind);

        [Theory]
        [InlineData("Quota exceeded (mailbox for user is full)")]
        [InlineData("Authentication failed.")]
        [InlineData("")]
        [InlineData(null)]
        public void Other_replies_are_not_throttling(string? text) => Assert.Null(ThrottleReply.Parse(text));

        [Fact]
        public void A_tagged_NO_keeps_the_connection_a_BYE_does_not()
        {
            var no = ThrottleReply.Classify(new ImapCommandException(ImapCommandResponse.No, "Request is throttled. Suggested Backoff Time: 500 milliseconds"));
            Assert.NotNull(no);
            Assert.False(no.ConnectionDropped);
            Assert.Equal(TimeSpan.FromMilliseconds(500), no.SuggestedDelay);
            var bye = ThrottleReply.Classify(new ImapProtocolException("Request is throttled. Suggested Backoff Time: 500 milliseconds"));
            Assert.NotNull(bye);
            Assert.True(bye.ConnectionDropped);
        }

        [Fact]
        public void A_refused_login_for_too_many_connections_is_not_an_authentication_failure()
        {
            var e = MailErrorTranslator.Translate(new AuthenticationException("[ALERT] Too many simultaneous connections. (Failure)"), Where);
            Assert.Equal(ErrorIds.TooManyConnections, e.ErrorId);
            Assert.Contains("outlook.office365.com", e.Message);
            Assert.Contains("Close other mail programs", e.RecommendedAction);
        }

        [Fact]
        public void Bandwidth_is_final_and_says_when_to_try_again()
        {
            var e = (ThrottledException)MailErrorTranslator.Translate(
                new ImapCommandException(ImapCommandResponse.No, "[OVERQUOTA] Account exceeded command or bandwidth limits. (Failure)"), Where);
            Assert.Equal(ErrorIds.BandwidthLimitExceeded, e.ErrorId);
            Assert.True(e.Final);
            Assert.Contains("tomorrow", e.RecommendedAction);
        }
    }
}
