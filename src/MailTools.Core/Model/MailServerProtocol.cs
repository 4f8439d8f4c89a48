namespace MailTools
{
    /// <summary>What a discovered server is for: reading mail (IMAP, POP3) or sending it (SMTP submission, RFC 6409).</summary>
    public enum MailServerProtocol
    {
        /// <summary>Reading mail over IMAP.</summary>
        Imap,
        /// <summary>Reading mail over POP3.</summary>
        Pop3,
        /// <summary>Sending mail over SMTP submission.</summary>
        Smtp,
    }

    /// <summary>Where a discovered candidate came from, in the order the sources are tried (and trusted).</summary>
    public enum DiscoverySource
    {
        /// <summary>The provider's own config-v1.1.xml (autoconfig.&lt;domain&gt; or &lt;domain&gt;/.well-known).</summary>
        Autoconfig,
        /// <summary>Thunderbird's ISPDB.</summary>
        Ispdb,
        /// <summary>An RFC 6186 SRV record.</summary>
        Srv,
        /// <summary>A common host name (imap., mail., pop., smtp.) that resolved and was probed.</summary>
        HostName,
        /// <summary>Given by the user (-Server), not discovered.</summary>
        Given,
    }
}
