using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTools.Core.Errors;

namespace MailTools.Core.SignIn
{
    /// <summary>The app's certificate for client credentials: given, from the user's store by thumbprint, or a PFX file.</summary>
    internal static class CertificateLoader
    {
        public static X509Certificate2 Load(SignInSettings settings)
        {
            if (settings.Certificate != null)
                return Checked(settings.Certificate, "the certificate given");
            if (settings.CertificateThumbprint is string given && !string.IsNullOrWhiteSpace(given))
            {
                string thumbprint = given.Replace(" ", string.Empty).ToUpperInvariant();
                foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
                {
                    try
                    {
                        using (var store = new X509Store(StoreName.My, location))
                        {
                            store.Open(OpenFlags.ReadOnly);
                            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, false);
                            if (found.Count > 0)
                                return Checked(found[0], $"the certificate {thumbprint} in {location}\\My");
                        }
                    }
                    catch (CryptographicException) { /* that store does not exist on this system */ }
                }
                throw new MailToolsException(ErrorIds.CertificateNotFound, MailErrorKind.ObjectNotFound,
                    $"No certificate with thumbprint {thumbprint} is in the CurrentUser or LocalMachine 'My' store.", thumbprint)
                { RecommendedAction = "Import the app's certificate with its private key (Import-PfxCertificate on Windows), or pass -CertificatePath <file.pfx>." };
            }
            if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
            {
                try
                {
                    // .NET 9+ marks this constructor obsolete for X509CertificateLoader, whose PKCS#12 loader takes the
                    // password as a plain string; the SecureString overload keeps it out of the managed heap.
#pragma warning disable SYSLIB0057
                    return Checked(new X509Certificate2(settings.CertificatePath, settings.CertificatePassword, X509KeyStorageFlags.DefaultKeySet),
#pragma warning restore SYSLIB0057
                        $"the certificate file {settings.CertificatePath}");
                }
                catch (CryptographicException ex)
                {
                    throw new MailToolsException(ErrorIds.CertificateNotFound, MailErrorKind.InvalidData,
                        $"The certificate file '{settings.CertificatePath}' cannot be read: {ex.Message}", settings.CertificatePath, ex)
                    { RecommendedAction = "Give a PFX (PKCS#12) file that holds the private key, and its password with -CertificatePassword." };
                }
            }
            throw SignInErrors.Missing("-Certificate, -CertificateThumbprint or -CertificatePath", "App-only sign-in with a certificate needs the certificate.");
        }

        static X509Certificate2 Checked(X509Certificate2 certificate, string what)
        {
            if (!certificate.HasPrivateKey)
                throw new MailToolsException(ErrorIds.CertificateNotFound, MailErrorKind.InvalidData,
                    $"{char.ToUpperInvariant(what[0])}{what.Substring(1)} has no private key, so it cannot sign in.", certificate.Thumbprint)
                { RecommendedAction = "Use the PFX that holds the private key; upload only the public part (.cer) to the app registration." };
            if (certificate.NotAfter < DateTime.Now)
                throw new MailToolsException(ErrorIds.CertificateNotFound, MailErrorKind.InvalidData,
                    $"{char.ToUpperInvariant(what[0])}{what.Substring(1)} expired on {certificate.NotAfter:d}.", certificate.Thumbprint)
                { RecommendedAction = "Make a new certificate, upload it to the app registration, and pass it here." };
            return certificate;
        }
    }
}
