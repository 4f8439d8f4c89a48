namespace MailTools.Core.Discovery
{
    /// <summary>Whether a password was tried on an SMTP submission port, and what the server said.</summary>
    public enum SmtpLoginResult
    {
        /// <summary>No credential was given, or the port was not secure: no password was sent.</summary>
        NotTried,

        /// <summary>The server accepted the login (AUTH only; nothing was sent).</summary>
        Accepted,

        /// <summary>The server refused the login.</summary>
        Refused,
    }
}
