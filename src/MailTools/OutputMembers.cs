using System.Management.Automation;
using System.Reflection;

namespace MailTools
{
    /// <summary>
    /// Getters for the members MailTools.types.ps1xml adds to the output types. ConvertTo-Json and Export-Csv read an
    /// object's public .NET properties, so the values that would come out wrong there are internal in Core: the live
    /// Session, a TimeSpan (Ticks in JSON) and enums (numbers in JSON). PowerShell gets them back by name through these
    /// members: Session and Duration hidden (so <c>Get-MailFolder | Export-Mailbox</c> still binds -Session by property
    /// name), enums as their names (so JSON, CSV and Where-Object all see "Inbox", "SslOnConnect").
    /// </summary>
    public static class OutputMembers
    {
        const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;

        public static MailSession? Session(PSObject instance) => instance?.BaseObject switch
        {
            MailFolder f => f.Session,
            MailMessage m => m.Session,
            CleanupResult c => c.Session,
            _ => null,
        };

        /// <summary>Lets a script clear or replace the session of an object (then the command falls back to -Session).</summary>
        public static void SetSession(PSObject instance, MailSession? session)
        {
            switch (instance?.BaseObject)
            {
                case MailFolder f: f.Session = session; break;
                case MailMessage m: m.Session = session; break;
                case CleanupResult c: c.Session = session; break;
            }
        }

        public static object? Duration(PSObject instance) => instance?.BaseObject switch
        {
            ExportResult e => e.Duration,
            ImportResult i => i.Duration,
            CleanupResult c => c.Duration,
            AccountTestResult a => a.Duration,
            _ => null,
        };

        public static object? Probes(PSObject instance) => (instance?.BaseObject as ProtocolComparison)?.Probes;
        public static object? SmtpProbes(PSObject instance) => (instance?.BaseObject as ProtocolComparison)?.SmtpProbes;
        public static object? Folders(PSObject instance) => (instance?.BaseObject as ProtocolComparison)?.Folders;

        public static ValueList? Scopes(PSObject instance) => instance?.BaseObject is MailAccount a && a.Scopes != null ? new ValueList(a.Scopes) : null;

        public static string? Protocol(PSObject instance) => NameOf(instance, nameof(Protocol));
        public static string? Security(PSObject instance) => NameOf(instance, nameof(Security));
        public static string? SmtpSecurity(PSObject instance) => NameOf(instance, nameof(SmtpSecurity));
        public static string? SpecialUse(PSObject instance) => NameOf(instance, nameof(SpecialUse));
        public static string? Flags(PSObject instance) => NameOf(instance, nameof(Flags));
        public static string? Format(PSObject instance) => NameOf(instance, nameof(Format));
        public static string? Source(PSObject instance) => NameOf(instance, nameof(Source));
        public static string? Status(PSObject instance) => NameOf(instance, nameof(Status));
        public static string? SmtpLogin(PSObject instance) => NameOf(instance, nameof(SmtpLogin));
        public static string? CredentialStore(PSObject instance) => NameOf(instance, nameof(CredentialStore));
        public static string? SignIn(PSObject instance) => NameOf(instance, nameof(SignIn));

        /// <summary>The name of the internal enum property <paramref name="property"/> (null stays null).</summary>
        static string? NameOf(PSObject instance, string property)
        {
            object? target = instance?.BaseObject;
            return target?.GetType().GetProperty(property, Internal)?.GetValue(target)?.ToString();
        }
    }
}
