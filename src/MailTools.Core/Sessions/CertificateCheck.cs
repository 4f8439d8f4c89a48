using System;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MailTools.Core.Sessions
{
    /// <summary>
    /// Our certificate validation callback. It accepts only what the platform's chain and name checks accept
    /// (unless the user said -SkipCertificateCheck) and remembers what it saw, so a refusal can name the
    /// certificate's subject, issuer and thumbprint.
    /// </summary>
    public sealed class CertificateCheck
    {
        readonly bool _skip;

        /// <summary>A check for one connection; <paramref name="skipCertificateCheck"/> accepts any certificate (still recorded).</summary>
        public CertificateCheck(bool skipCertificateCheck) { _skip = skipCertificateCheck; }

        /// <summary>True once a certificate was refused.</summary>
        public bool Rejected { get; private set; }
        /// <summary>Why it was refused, in plain words; null while nothing was refused.</summary>
        public string? Problem { get; private set; }
        /// <summary>The server certificate's subject; null until the server sent one.</summary>
        public string? Subject { get; private set; }
        /// <summary>The server certificate's issuer; null until the server sent one.</summary>
        public string? Issuer { get; private set; }
        /// <summary>The server certificate's SHA-1 thumbprint (hex); null until the server sent one.</summary>
        public string? Thumbprint { get; private set; }
        /// <summary>Start of the certificate's validity; default until the server sent one.</summary>
        public DateTime NotBefore { get; private set; }
        /// <summary>End of the certificate's validity; default until the server sent one.</summary>
        public DateTime NotAfter { get; private set; }

        /// <summary>The TLS validation callback: true when the platform accepted the certificate (or the check is skipped).</summary>
        public bool Validate(object? sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate != null)
            {
                var c2 = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
                Subject = c2.Subject;
                Issuer = c2.Issuer;
                Thumbprint = c2.Thumbprint;
                NotBefore = c2.NotBefore;
                NotAfter = c2.NotAfter;
            }
            if (errors == SslPolicyErrors.None || _skip)
                return true;

            Rejected = true;
            Problem = Describe(errors, chain);
            return false;
        }

        static string Describe(SslPolicyErrors errors, X509Chain? chain)
        {
            if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
                return "the server sent no certificate";
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                return "the certificate was issued for a different host name";
            if (chain != null)
            {
                foreach (var status in chain.ChainStatus)
                {
                    if ((status.Status & X509ChainStatusFlags.NotTimeValid) != 0)
                        return "the certificate has expired or is not yet valid";
                    if ((status.Status & X509ChainStatusFlags.UntrustedRoot) != 0 || (status.Status & X509ChainStatusFlags.PartialChain) != 0)
                        return "it is self-signed or issued by an authority this computer does not trust";
                }
                if (chain.ChainStatus.Length > 0)
                    return chain.ChainStatus[0].StatusInformation.Trim();
            }
            return errors.ToString();
        }
    }
}
