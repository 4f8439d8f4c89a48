namespace MailTools.Core.Errors
{
    /// <summary>
    /// The stable ErrorIds MailTools raises. Scripts match on these (`$_.FullyQualifiedErrorId -like 'MailToolsAuthenticationFailed*'`),
    /// so never rename one; add new ones instead.
    /// </summary>
    public static class ErrorIds
    {
        /// <summary>The server rejected the login or the OAuth2 token.</summary>
        public const string AuthenticationFailed = "MailToolsAuthenticationFailed";
        /// <summary>Nothing listens on the server's port.</summary>
        public const string ConnectionRefused = "MailToolsConnectionRefused";
        /// <summary>The server's host name does not resolve.</summary>
        public const string HostNotFound = "MailToolsHostNotFound";
        /// <summary>The server did not answer within the timeout.</summary>
        public const string Timeout = "MailToolsTimeout";
        /// <summary>The TLS certificate failed validation; no password was sent.</summary>
        public const string CertificateUntrusted = "MailToolsCertificateUntrusted";
        /// <summary>The TLS handshake failed for another reason (wrong port for the security mode, old protocol).</summary>
        public const string TlsHandshakeFailed = "MailToolsTlsHandshakeFailed";
        /// <summary>The server does not offer STARTTLS, so the login was refused.</summary>
        public const string StartTlsNotOffered = "MailToolsStartTlsNotOffered";
        /// <summary>A login over an unencrypted connection was refused.</summary>
        public const string InsecureAuthenticationRefused = "MailToolsInsecureAuthenticationRefused";
        /// <summary>The connection dropped during a command.</summary>
        public const string ConnectionLost = "MailToolsConnectionLost";
        /// <summary>The server's reply could not be parsed.</summary>
        public const string ProtocolError = "MailToolsProtocolError";
        /// <summary>The server refused a command (NO/BAD).</summary>
        public const string CommandFailed = "MailToolsCommandFailed";
        /// <summary>A named folder does not exist on the server.</summary>
        public const string FolderNotFound = "MailToolsFolderNotFound";
        /// <summary>No session was given and none is current.</summary>
        public const string NoSession = "MailToolsNoSession";
        /// <summary>The session was disconnected.</summary>
        public const string SessionClosed = "MailToolsSessionClosed";
        /// <summary>The session is in use by another command or thread.</summary>
        public const string SessionBusy = "MailToolsSessionBusy";
        /// <summary>The command needs IMAP (folders, flags) but the session is POP3.</summary>
        public const string NotSupportedOverPop3 = "MailToolsNotSupportedOverPop3";
        /// <summary>A parameter value or combination cannot be used.</summary>
        public const string InvalidArgument = "MailToolsInvalidArgument";
        /// <summary>The -ProtocolLog file cannot be written.</summary>
        public const string ProtocolLogNotWritable = "MailToolsProtocolLogNotWritable";
        /// <summary>The command was stopped (Ctrl+C).</summary>
        public const string Stopped = "MailToolsStopped";
        /// <summary>No saved account has that name.</summary>
        public const string AccountNotFound = "MailToolsAccountNotFound";
        /// <summary>An account with that name is already saved (use -Force to replace it).</summary>
        public const string AccountExists = "MailToolsAccountExists";
        /// <summary>accounts.json cannot be parsed.</summary>
        public const string AccountFileInvalid = "MailToolsAccountFileInvalid";
        /// <summary>accounts.json cannot be read.</summary>
        public const string AccountFileUnreadable = "MailToolsAccountFileUnreadable";
        /// <summary>accounts.json cannot be written.</summary>
        public const string AccountFileUnwritable = "MailToolsAccountFileUnwritable";
        /// <summary>No credential was given and none is stored.</summary>
        public const string CredentialMissing = "MailToolsCredentialMissing";
        /// <summary>The credential vault refused to store or return the secret.</summary>
        public const string SecretStoreFailed = "MailToolsSecretStoreFailed";
        /// <summary>An age (-OlderThan, a policy's OlderThan) cannot be read.</summary>
        public const string InvalidAge = "MailToolsInvalidAge";
        /// <summary>A size (-LargerThan, a policy's LargerThan) cannot be read.</summary>
        public const string InvalidSize = "MailToolsInvalidSize";
        /// <summary>A clean-up policy has problems (each with its line).</summary>
        public const string InvalidPolicy = "MailToolsInvalidPolicy";
        /// <summary>The policy file does not exist.</summary>
        public const string PolicyNotFound = "MailToolsPolicyNotFound";
        /// <summary>The deletion log cannot be written.</summary>
        public const string LogNotWritable = "MailToolsLogNotWritable";
        /// <summary>A special-use folder (@Trash, @Archive…) does not exist on the server.</summary>
        public const string SpecialFolderNotFound = "MailToolsSpecialFolderNotFound";
        /// <summary>The folder was recreated (new UIDVALIDITY) since its messages were listed.</summary>
        public const string FolderChanged = "MailToolsFolderChanged";
        /// <summary>A failure nothing more specific describes.</summary>
        public const string Unexpected = "MailToolsUnexpectedError";
        /// <summary>A name would have made a path outside the export folder.</summary>
        public const string UnsafePath = "MailToolsUnsafePath";
        /// <summary>The export or archive folder cannot be written.</summary>
        public const string ExportPathNotWritable = "MailToolsExportPathNotWritable";
        /// <summary>Re-reading the export found files that differ from the manifest.</summary>
        public const string ExportVerifyFailed = "MailToolsExportVerifyFailed";
        /// <summary>The folder's UIDVALIDITY changed since the last export.</summary>
        public const string UidValidityChanged = "MailToolsUidValidityChanged";
        /// <summary>The import path does not exist.</summary>
        public const string ImportSourceNotFound = "MailToolsImportSourceNotFound";
        /// <summary>The import source is not an mbox, Maildir or folder of .eml files.</summary>
        public const string ImportSourceInvalid = "MailToolsImportSourceInvalid";
        /// <summary>Import-Mailbox needs IMAP; the session is POP3.</summary>
        public const string ImportNotSupportedOverPop3 = "MailToolsImportNotSupportedOverPop3";
        /// <summary>The mailbox is over its quota.</summary>
        public const string QuotaExceeded = "MailToolsQuotaExceeded";
        /// <summary>The server opened the folder read-only, so nothing in it was changed.</summary>
        public const string FolderReadOnly = "MailToolsFolderReadOnly";
        /// <summary>The server denied the operation.</summary>
        public const string PermissionDenied = "MailToolsPermissionDenied";
        /// <summary>The folder only holds sub-folders (\Noselect or \NonExistent).</summary>
        public const string FolderNotSelectable = "MailToolsFolderNotSelectable";
        /// <summary>Import-Mailbox -Folder has a wildcard character (-LiteralFolder takes such a name as it is).</summary>
        public const string FolderNameHasWildcard = "MailToolsFolderNameHasWildcard";
        /// <summary>The server refused to store a message during import.</summary>
        public const string ImportMessageRefused = "MailToolsImportMessageRefused";
        /// <summary>The credential's user name differs from the account's.</summary>
        public const string CredentialUserMismatch = "MailToolsCredentialUserMismatch";
        /// <summary>The e-mail address cannot be read.</summary>
        public const string InvalidEmailAddress = "MailToolsInvalidEmailAddress";
        /// <summary>The -DnsServer value cannot be used.</summary>
        public const string InvalidDnsServer = "MailToolsInvalidDnsServer";
        /// <summary>No mail server could be found for the address.</summary>
        public const string MailServerNotFound = "MailToolsMailServerNotFound";
        /// <summary>Servers were found but none answered as expected.</summary>
        public const string NoVerifiedMailServer = "MailToolsNoVerifiedMailServer";
        /// <summary>The output file cannot be written.</summary>
        public const string OutputNotWritable = "MailToolsOutputNotWritable";
        /// <summary>The deletion log cannot be read.</summary>
        public const string LogUnreadable = "MailToolsLogUnreadable";
        /// <summary>The server is throttling (Microsoft's, Gmail's limits); wait and run again.</summary>
        public const string ServerThrottled = "MailToolsServerThrottled";
        /// <summary>The server, or -MaxConnections, allows no further connection for the account.</summary>
        public const string TooManyConnections = "MailToolsTooManyConnections";
        /// <summary>Gmail's daily bandwidth limit was reached.</summary>
        public const string BandwidthLimitExceeded = "MailToolsBandwidthLimitExceeded";
        /// <summary>The parameter works only with Gmail.</summary>
        public const string GmailOnly = "MailToolsGmailOnly";
        /// <summary>The token cache cannot be used.</summary>
        public const string TokenCacheUnavailable = "MailToolsTokenCacheUnavailable";
        /// <summary>The sign-in certificate was not found.</summary>
        public const string CertificateNotFound = "MailToolsCertificateNotFound";
    }
}
