using MailTools.Core.Sessions;
using Xunit;

namespace MailTools.Core.Tests
{
    public class ConnectionOptionsTests
    {
        [Theory]
        [InlineData(MailProtocol.Imap, MailSecurity.Auto, null, 993, MailSecurity.SslOnConnect)]
        [InlineData(MailProtocol.Imap, MailSecurity.Auto, 143, 143, MailSecurity.StartTls)]
        [InlineData(MailProtocol.Imap, MailSecurity.Auto, 10143, 10143, MailSecurity.StartTls)]
        [InlineData(MailProtocol.Imap, MailSecurity.StartTls, null, 143, MailSecurity.StartTls)]
        [InlineData(MailProtocol.Imap, MailSecurity.None, null, 143, MailSecurity.None)]
        [InlineData(MailProtocol.Pop3, MailSecurity.Auto, null, 995, MailSecurity.SslOnConnect)]
        [InlineData(MailProtocol.Pop3, MailSecurity.Auto, 110, 110, MailSecurity.StartTls)]
        [InlineData(MailProtocol.Pop3, MailSecurity.SslOnConnect, 1995, 1995, MailSecurity.SslOnConnect)]
        public void Auto_means_TLS_on_993_and_995_and_required_STARTTLS_elsewhere(MailProtocol protocol, MailSecurity security, int? port, int expectedPort, MailSecurity expected)
        {
            var options = new ConnectionOptions { Protocol = protocol, Security = security, Port = port };
            Assert.Equal(expectedPort, options.ResolvePort());
            Assert.Equal(expected, options.ResolveSecurity());
        }
    }
}
