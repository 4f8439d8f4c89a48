namespace MailTools
{
    /// <summary>The mail access protocol of a session.</summary>
    public enum MailProtocol
    {
        Imap,
        Pop3,
    }

    /// <summary>
    /// How the connection is secured. Auto: TLS from the start on 993/995, STARTTLS (required) on any other port.
    /// None sends the password in clear text and is refused unless the caller also allows insecure authentication.
    /// </summary>
    public enum MailSecurity
    {
        Auto,
        SslOnConnect,
        StartTls,
        None,
    }
}
