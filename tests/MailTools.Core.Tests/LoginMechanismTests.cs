using System;
using System.Net;
using MailTools.Core.Sessions;
using Xunit;

namespace MailTools.Core.Tests
{
    /// <summary>One login mechanism per connection, chosen from what the server offers (issue 11, item 3).</summary>
    public class LoginMechanismTests
    {
        [Theory]
        [InlineData(new[] { "PLAIN", "LOGIN" }, "PLAIN")]
        [InlineData(new[] { "LOGIN", "PLAIN", "CRAM-MD5" }, "PLAIN")]
        [InlineData(new[] { "plain" }, "PLAIN")]
        [InlineData(new[] { "CRAM-MD5", "LOGIN" }, "LOGIN")]
        [InlineData(new[] { "CRAM-MD5", "DIGEST-MD5" }, null)]
        [InlineData(new string[0], null)]
        public void Chooses_plain_else_login_else_the_protocol_command(string[] offered, string? expected)
        {
            Assert.Equal(expected, SessionConnector.ChooseMechanism(offered));
        }

        [Fact]
        public void The_command_only_credential_answers_for_no_sasl_mechanism_and_no_apop()
        {
            var inner = new NetworkCredential("bob", "secret");
            var only = new CommandOnlyCredentials(inner);
            var uri = new Uri("imap://mail.example.org");
            Assert.Same(inner, only.GetCredential(uri, "DEFAULT"));
            foreach (var mechanism in new[] { "PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-256", "APOP", "XOAUTH2" })
                Assert.Null(only.GetCredential(uri, mechanism));
        }
    }
}
