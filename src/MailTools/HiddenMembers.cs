#nullable enable
using System;
using System.Management.Automation;

namespace MailTools.Commands
{
    /// <summary>
    /// Getters for the hidden members of MailTools.types.ps1xml. Session and Duration are internal on the output types so
    /// ConvertTo-Json and Export-Csv (which read the public .NET properties) never embed a live connection or a
    /// TimeSpan's Ticks; these hidden members give PowerShell the same values by name, so
    /// <c>Get-MailFolder | Export-Mailbox</c> still binds -Session by property name and <c>$r.Duration</c> still works.
    /// </summary>
    public static class HiddenMembers
    {
        public static MailSession? Session(PSObject instance) => instance?.BaseObject switch
        {
            MailFolder f => f.Session,
            MailMessage m => m.Session,
            CleanupResult c => c.Session,
            _ => null,
        };

        public static object? Duration(PSObject instance) => instance?.BaseObject switch
        {
            ExportResult e => e.Duration,
            ImportResult i => i.Duration,
            CleanupResult c => c.Duration,
            AccountTestResult a => a.Duration,
            _ => null,
        };
    }
}
