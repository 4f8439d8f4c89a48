using System.Linq;
using MailTools.Core.Compare;
using MailTools.Core.Discovery;
using Xunit;

namespace MailTools.Core.Tests
{
    public class SendingRowsTests
    {
        internal static SendingFacts Accepted(SmtpLoginResult login = SmtpLoginResult.Accepted)
        {
            var used = new MailServerCandidate
            {
                Protocol = MailServerProtocol.Smtp, Host = "mail.example.com", Port = 465, Security = MailSecurity.SslOnConnect,
                Status = ProbeStatus.Answered, Verified = true, TlsVersion = "Tls13", MaxMessageSize = 10 * 1024 * 1024,
                AuthenticationMechanisms = new[] { "LOGIN", "PLAIN", "XOAUTH2" },
            };
            var other = new MailServerCandidate
            {
                Protocol = MailServerProtocol.Smtp, Host = "mail.example.com", Port = 587, Security = MailSecurity.StartTls,
                Status = ProbeStatus.NotOffered, Detail = "nothing listening",
            };
            return new SendingFacts
            {
                Server = "mail.example.com",
                State = login == SmtpLoginResult.Refused ? SideState.LoginRefused : SideState.Measured,
                Login = login,
                Used = used,
                Probes = new[] { used, other },
            };
        }

        static ProtocolComparison Measured() => ComparisonBuilder.Build("a",
            new ImapFacts
            {
                Server = "mail.example.com",
                Folders = new[]
                {
                    new ProtocolComparisonFolder { FullName = "INBOX", Count = 2, SpecialUse = MailSpecialUse.Inbox, VisibleToPop3 = true },
                    new ProtocolComparisonFolder { FullName = "Sent", Count = 4, SpecialUse = MailSpecialUse.Sent },
                },
            },
            new Pop3Facts { Server = "mail.example.com", Count = 2, Uidl = true }, null);

        [Fact]
        public void Accepted_login_adds_two_rows_before_the_verdict_and_says_where_sent_copies_live()
        {
            var c = Measured();
            SendingRows.Apply(c, Accepted());
            var aspects = c.Rows.Select(r => r.Aspect).ToList();
            Assert.Equal(new[] { "Sending (SMTP)", "Sending limits", "Recommendation" }, aspects.Skip(aspects.Count - 3));
            Assert.Equal("465 TLS: yes (TLS 1.3); 587 STARTTLS: not offered; login: OK", c.Rows[aspects.Count - 3].Imap);
            Assert.Equal("SIZE: 10 MB; AUTH: LOGIN PLAIN XOAUTH2", c.Rows[aspects.Count - 2].Imap);
            Assert.Contains("OAuth", c.Rows[aspects.Count - 2].Meaning);
            Assert.Contains("Sending works through mail.example.com (port 465); nothing was sent", c.Recommendation);
            Assert.Contains("'Sent' on the server (4 messages)", c.Recommendation);
            Assert.Contains("no copy on the server", c.Recommendation);
            Assert.Equal(c.Recommendation, c.Rows.Last().Meaning);
            Assert.Equal(SmtpLoginResult.Accepted, c.SmtpLogin);
            Assert.Equal(10L * 1024 * 1024, c.SmtpMaxMessageSize);
            Assert.Equal(2, c.SmtpProbes.Length);
        }

        [Fact]
        public void Refused_login_says_sending_will_fail()
        {
            var c = Measured();
            SendingRows.Apply(c, Accepted(SmtpLoginResult.Refused));
            Assert.EndsWith("login: refused", c.Rows.Single(r => r.Aspect == "Sending (SMTP)").Imap);
            Assert.Contains("Sending will fail", c.Recommendation);
            Assert.Equal(SmtpLoginResult.Refused, c.SmtpLogin);
        }

        [Fact]
        public void Not_checked_leaves_the_comparison_as_it_was()
        {
            var c = Measured();
            int rows = c.Rows.Count;
            string? verdict = c.Recommendation;
            SendingRows.Apply(c, new SendingFacts());
            Assert.Equal(rows, c.Rows.Count);
            Assert.Equal(verdict, c.Recommendation);
            Assert.Null(c.SmtpAvailable);
        }
    }
}
