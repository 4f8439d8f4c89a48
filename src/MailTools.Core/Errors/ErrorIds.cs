namespace MailTools.Core.Errors
{
    /// <summary>
    /// The stable ErrorIds MailTools raises. Scripts match on these (`$_.FullyQualifiedErrorId -like 'MailToolsAuthenticationFailed*'`),
    /// so never rename one; add new ones instead.
    /// </summary>
    public static class ErrorIds
    {
        public const string AuthenticationFailed = "MailToolsAuthenticationFailed";
        public const string ConnectionRefused = "MailToolsConnectionRefused";
        public const string HostNotFound = "MailToolsHostNotFound";
        public const string Timeout = "MailToolsTimeout";
        public const string CertificateUntrusted = "MailToolsCertificateUntrusted";
        public const string TlsHandshakeFailed = "MailToolsTlsHandshakeFailed";
        public const string StartTlsNotOffered = "MailToolsStartTlsNotOffered";
        public const string InsecureAuthenticationRefused = "MailToolsInsecureAuthenticationRefused";
        public const string ConnectionLost = "MailToolsConnectionLost";
        public const string ProtocolError = "MailToolsProtocolError";
        public const string CommandFailed = "MailToolsCommandFailed";
        public const string FolderNotFound = "MailToolsFolderNotFound";
        public const string NoSession = "MailToolsNoSession";
        public const string SessionClosed = "MailToolsSessionClosed";
        public const string SessionBusy = "MailToolsSessionBusy";
        public const string NotSupportedOverPop3 = "MailToolsNotSupportedOverPop3";
        public const string InvalidArgument = "MailToolsInvalidArgument";
        public const string ProtocolLogNotWritable = "MailToolsProtocolLogNotWritable";
        public const string Stopped = "MailToolsStopped";
        public const string AccountNotFound = "MailToolsAccountNotFound";
        public const string AccountExists = "MailToolsAccountExists";
        public const string AccountFileInvalid = "MailToolsAccountFileInvalid";
        public const string AccountFileUnreadable = "MailToolsAccountFileUnreadable";
        public const string AccountFileUnwritable = "MailToolsAccountFileUnwritable";
        public const string CredentialMissing = "MailToolsCredentialMissing";
        public const string SecretStoreFailed = "MailToolsSecretStoreFailed";
        public const string InvalidAge = "MailToolsInvalidAge";
        public const string InvalidSize = "MailToolsInvalidSize";
        public const string InvalidPolicy = "MailToolsInvalidPolicy";
        public const string PolicyNotFound = "MailToolsPolicyNotFound";
        public const string LogNotWritable = "MailToolsLogNotWritable";
        public const string SpecialFolderNotFound = "MailToolsSpecialFolderNotFound";
        public const string FolderChanged = "MailToolsFolderChanged";
        public const string Unexpected = "MailToolsUnexpectedError";
        public const string UnsafePath = "MailToolsUnsafePath";
        public const string ExportPathNotWritable = "MailToolsExportPathNotWritable";
        public const string ExportVerifyFailed = "MailToolsExportVerifyFailed";
        public const string UidValidityChanged = "MailToolsUidValidityChanged";
        public const string ImportSourceNotFound = "MailToolsImportSourceNotFound";
        public const string ImportSourceInvalid = "MailToolsImportSourceInvalid";
        public const string ImportNotSupportedOverPop3 = "MailToolsImportNotSupportedOverPop3";
        public const string QuotaExceeded = "MailToolsQuotaExceeded";
        public const string FolderReadOnly = "MailToolsFolderReadOnly";
        public const string PermissionDenied = "MailToolsPermissionDenied";
        public const string FolderNotSelectable = "MailToolsFolderNotSelectable";
        public const string FolderNameHasWildcard = "MailToolsFolderNameHasWildcard";
        public const string ImportMessageRefused = "MailToolsImportMessageRefused";
        public const string CredentialUserMismatch = "MailToolsCredentialUserMismatch";
        public const string InvalidEmailAddress = "MailToolsInvalidEmailAddress";
        public const string InvalidDnsServer = "MailToolsInvalidDnsServer";
        public const string MailServerNotFound = "MailToolsMailServerNotFound";
        public const string NoVerifiedMailServer = "MailToolsNoVerifiedMailServer";
        public const string OutputNotWritable = "MailToolsOutputNotWritable";
        public const string LogUnreadable = "MailToolsLogUnreadable";
        public const string ServerThrottled = "MailToolsServerThrottled";
        public const string TooManyConnections = "MailToolsTooManyConnections";
        public const string BandwidthLimitExceeded = "MailToolsBandwidthLimitExceeded";
        public const string GmailOnly = "MailToolsGmailOnly";
        public const string TokenCacheUnavailable = "MailToolsTokenCacheUnavailable";
        public const string CertificateNotFound = "MailToolsCertificateNotFound";
    }
}
