namespace MailTools.Core.Errors
{
    /// <summary>
    /// What went wrong, in words the cmdlet layer maps one-to-one onto PowerShell's ErrorCategory
    /// (same names), so Core needs no reference to System.Management.Automation.
    /// </summary>
    public enum MailErrorKind
    {
        /// <summary>No more specific kind fits (ErrorCategory NotSpecified).</summary>
        NotSpecified,
        /// <summary>The server refused the login or token.</summary>
        AuthenticationError,
        /// <summary>The server could not be reached or the connection dropped.</summary>
        ConnectionError,
        /// <summary>A folder, account, file or message that is not there.</summary>
        ObjectNotFound,
        /// <summary>The server did not answer in time.</summary>
        OperationTimeout,
        /// <summary>TLS or certificate trouble, or an insecure login refused.</summary>
        SecurityError,
        /// <summary>A parameter or policy value that cannot be used.</summary>
        InvalidArgument,
        /// <summary>Input that is not what it claims to be (a file that is not an mbox, a broken policy).</summary>
        InvalidData,
        /// <summary>Not possible in the current state (a POP3 session asked for folders, a folder that changed).</summary>
        InvalidOperation,
        /// <summary>The server answered something MailKit could not parse, or refused a command.</summary>
        ProtocolError,
        /// <summary>A local file could not be read.</summary>
        ReadError,
        /// <summary>A local file could not be written (full disk, no permission).</summary>
        WriteError,
        /// <summary>Stopped by Ctrl+C or the token.</summary>
        OperationStopped,
        /// <summary>The server or file system denied access.</summary>
        PermissionDenied,
        /// <summary>The mailbox or disk is full, or a provider's quota was hit.</summary>
        QuotaExceeded,
        /// <summary>The session or folder is in use.</summary>
        ResourceBusy,
        /// <summary>The server is throttling or has too many connections.</summary>
        ResourceUnavailable,
        /// <summary>The server lacks what the command needs.</summary>
        NotImplemented,
    }
}
