namespace MailTools.Core.Errors
{
    /// <summary>
    /// What went wrong, in words the cmdlet layer maps one-to-one onto PowerShell's ErrorCategory
    /// (same names), so Core needs no reference to System.Management.Automation.
    /// </summary>
    public enum MailErrorKind
    {
        NotSpecified,
        AuthenticationError,
        ConnectionError,
        ObjectNotFound,
        OperationTimeout,
        SecurityError,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        ProtocolError,
        ReadError,
        WriteError,
        OperationStopped,
        PermissionDenied,
        QuotaExceeded,
        ResourceBusy,
        ResourceUnavailable,
        NotImplemented,
    }
}
