using System;
using System.IO;
using System.Net.Sockets;
using MailKit.Security;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;
using Xunit;

namespace MailTools.Core.Tests
{
    public class ErrorTranslatorTests
    {
        static readonly ServerEndpoint Where = new ServerEndpoint("mail.example.org", 993, MailProtocol.Imap, "owner@example.org", 30);

        [Theory]
        [InlineData(SocketError.ConnectionRefused, ErrorIds.ConnectionRefused, MailErrorKind.ConnectionError)]
        [InlineData(SocketError.HostNotFound, ErrorIds.HostNotFound, MailErrorKind.ObjectNotFound)]
        [InlineData(SocketError.TimedOut, ErrorIds.Timeout, MailErrorKind.OperationTimeout)]
        [InlineData(SocketError.ConnectionReset, ErrorIds.ConnectionLost, MailErrorKind.ConnectionError)]
        public void Socket_errors_get_stable_ids(SocketError code, string id, MailErrorKind kind)
        {
            var error = MailErrorTranslator.Translate(new IOException("wrapped", new SocketException((int)code)), Where);
            Assert.Equal(id, error.ErrorId);
            Assert.Equal(kind, error.Kind);
            Assert.Contains("mail.example.org", error.Message);
        }

        [Fact]
        public void Authentication_failure_names_server_and_user_and_says_what_to_do()
        {
            var error = MailErrorTranslator.Translate(new AuthenticationException("Authentication failed."), Where);
            Assert.Equal(ErrorIds.AuthenticationFailed, error.ErrorId);
            Assert.Equal(MailErrorKind.AuthenticationError, error.Kind);
            Assert.Contains("mail.example.org:993", error.Message);
            Assert.Contains("owner@example.org", error.Message);
            Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
        }

        [Fact]
        public void A_rejected_certificate_is_named_with_subject_and_thumbprint()
        {
            var check = new CertificateCheck(skipCertificateCheck: false);
            using (var rsa = System.Security.Cryptography.RSA.Create(2048))
            {
                var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=evil.example", rsa,
                    System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
                using (var cert = request.CreateSelfSigned(DateTimeOffset.Now.AddDays(-1), DateTimeOffset.Now.AddDays(1)))
                {
                    Assert.False(check.Validate(null, cert, null, System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch));
                    var error = MailErrorTranslator.Translate(new SslHandshakeException("handshake"), Where, check);
                    Assert.Equal(ErrorIds.CertificateUntrusted, error.ErrorId);
                    Assert.Contains("CN=evil.example", error.Message);
                    Assert.Contains(cert.Thumbprint, error.Message);
                    Assert.Contains("different host name", error.Message);
                }
            }
        }

        [Fact]
        public void Skipping_the_certificate_check_accepts_anything()
        {
            var check = new CertificateCheck(skipCertificateCheck: true);
            Assert.True(check.Validate(null, null, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.False(check.Rejected);
        }

        [Fact]
        public void A_server_closing_during_the_tls_handshake_is_a_lost_connection_not_a_tls_problem()
        {
            var closed = new SslHandshakeException("handshake", new IOException("Received an unexpected EOF or 0 bytes from the transport stream."));
            Assert.Equal(ErrorIds.ConnectionLost, MailErrorTranslator.Translate(closed, Where).ErrorId);
            var garbage = new SslHandshakeException("handshake", new IOException("Cannot determine the frame size or a corrupted frame was received."));
            Assert.Equal(ErrorIds.TlsHandshakeFailed, MailErrorTranslator.Translate(garbage, Where).ErrorId);
        }

        [Fact]
        public void Cancellation_becomes_stopped()
        {
            Assert.Equal(ErrorIds.Stopped, MailErrorTranslator.Translate(new OperationCanceledException(), Where).ErrorId);
        }
    }
}
