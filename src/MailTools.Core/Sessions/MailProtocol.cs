namespace MailTools
{
    /// <summary>The mail access protocol of a session.</summary>
    public enum MailProtocol
    {
        /// <summary>IMAP4rev1 (RFC 3501): folders kept on the server.</summary>
        Imap,
        /// <summary>POP3 (RFC 1939): one inbox, downloaded.</summary>
        Pop3,
    }

    /// <summary>
    /// How the connection is secured. Auto: TLS from the start on 993/995, STARTTLS (required) on any other port.
    /// None sends the password in clear text and is refused unless the caller also allows insecure authentication.
    /// </summary>
    public enum MailSecurity
    {
        /// <summary>TLS from the start on 993/995, STARTTLS (required) on any other port.</summary>
        Auto,
        /// <summary>TLS from the first byte (implicit TLS, RFC 8314).</summary>
        SslOnConnect,
        /// <summary>Plain connection upgraded with STARTTLS, which must succeed.</summary>
        StartTls,
        /// <summary>No TLS: the password travels in clear text.</summary>
        None,
    }
}
