using System;
using System.Net;
using MailTools.Core.Accounts;
using MailTools.Core.SignIn;
using Xunit;

namespace MailTools.Core.Tests
{
    public class SignInTests
    {
        [Theory]
        [InlineData(new[] { "PLAIN", "XOAUTH2", "OAUTHBEARER" }, "OAUTHBEARER")]
        [InlineData(new[] { "PLAIN", "XOAUTH2" }, "XOAUTH2")]
        [InlineData(new[] { "oauthbearer" }, "OAUTHBEARER")]
        [InlineData(new string[0], "XOAUTH2")]
        public void The_standard_mechanism_wins_when_offered(string[] offered, string expected) =>
            Assert.Equal(expected, OAuthMechanism.Choose(offered));

        [Fact]
        public void Default_scopes_follow_the_method_and_protocol()
        {
            Assert.Equal(new[] { MicrosoftScopes.ImapDelegated, "offline_access" }, MicrosoftScopes.For(SignInMethod.MicrosoftDeviceCode, MailProtocol.Imap, null));
            Assert.Equal(new[] { MicrosoftScopes.Pop3Delegated, "offline_access" }, MicrosoftScopes.For(SignInMethod.MicrosoftInteractive, MailProtocol.Pop3, null));
            Assert.Equal(new[] { MicrosoftScopes.AppOnly }, MicrosoftScopes.For(SignInMethod.MicrosoftCertificate, MailProtocol.Imap, Array.Empty<string>()));
            Assert.Equal(new[] { "custom" }, MicrosoftScopes.For(SignInMethod.MicrosoftClientSecret, MailProtocol.Imap, new[] { "custom" }));
        }

        [Fact]
        public void The_authority_host_can_be_moved_only_by_configuration()
        {
            Assert.Equal("https://login.microsoftonline.com", MicrosoftScopes.AuthorityHost(_ => null));
            Assert.Equal("https://login.microsoftonline.us", MicrosoftScopes.AuthorityHost(_ => "https://login.microsoftonline.us/"));
        }

        [Fact]
        public void A_saved_oauth_account_gets_a_token_source_and_no_password()
        {
            var account = new MailAccount { Name = "work", Server = "outlook.office365.com", UserName = "anna@contoso.com", SignIn = SignInMethod.MicrosoftDeviceCode, ClientId = "app", TenantId = "contoso.onmicrosoft.com" };
            var options = AccountConnection.OptionsFor(account, new NetworkCredential("anna@contoso.com", "ignored"), interactive: false);
            Assert.IsType<MicrosoftTokenSource>(options.TokenSource);
            Assert.Equal(string.Empty, options.Credential.Password);
            Assert.Equal("anna@contoso.com", options.Credential.UserName);
        }

        [Fact]
        public void A_password_account_has_no_token_source()
        {
            var account = new MailAccount { Name = "home", Server = "imap.example.com", UserName = "me" };
            Assert.Null(AccountConnection.OptionsFor(account, new NetworkCredential("me", "pw")).TokenSource);
        }

        [Fact]
        public void An_access_token_never_shows_in_its_text()
        {
            var token = new AccessTokenInfo("eyJsecret.payload.sig", null);
            Assert.DoesNotContain("eyJ", token.ToString());
        }
    }
}
