using System;
using System.Management.Automation;
using MailTools.Core.Errors;

namespace MailTools
{
    /// <summary>
    /// MailErrorKind → ErrorCategory, by name: Core names its kinds after PowerShell's categories so that it needs no
    /// reference to System.Management.Automation. tests/MailTools.Core.Tests/ErrorCategoryMapTests checks that every
    /// kind has a category of the same name, so none falls through to NotSpecified.
    /// </summary>
    internal static class ErrorCategoryMap
    {
        public static ErrorCategory For(MailErrorKind kind) =>
            Enum.TryParse(kind.ToString(), out ErrorCategory category) ? category : ErrorCategory.NotSpecified;
    }
}
