using System;
using System.Management.Automation;
using MailTools.Core.Errors;
using MailTools.Core.Messages;
using MailTools.Core.Text;

namespace MailTools.Commands
{
    // Until Invoke-MailCleanup (perf's file first) binds through CleanupRequest: it is the last caller.
    /// <summary>Turns the shared search parameters into a MessageQuery, with the shared age/size parsers' errors.</summary>
    internal static class QueryBinder
    {
        public static MessageQuery Build(System.Collections.Generic.IDictionary<string, object> bound, PSCmdlet cmdlet)
        {
            var q = new MessageQuery();
            if (bound.TryGetValue("Before", out var before)) q.Before = new DateTimeOffset((DateTime)before);
            if (bound.TryGetValue("Since", out var since)) q.Since = new DateTimeOffset((DateTime)since);
            if (bound.TryGetValue("OlderThan", out var age)) q.OlderThan = AgeParser.Parse(Unwrap(age), "-OlderThan");
            if (bound.TryGetValue("LargerThan", out var larger)) q.LargerThan = SizeParser.Parse(Unwrap(larger), "-LargerThan");
            if (bound.TryGetValue("SmallerThan", out var smaller)) q.SmallerThan = SizeParser.Parse(Unwrap(smaller), "-SmallerThan");
            if (bound.TryGetValue("From", out var from)) q.From = (string)from;
            if (bound.TryGetValue("To", out var to)) q.To = (string)to;
            if (bound.TryGetValue("Subject", out var subject)) q.Subject = (string)subject;
            if (bound.TryGetValue("GmailQuery", out var raw)) q.GmailQuery = (string)raw;
            q.Unread = bound.TryGetValue("Unread", out var u) && ((SwitchParameter)u).IsPresent;
            q.Read = bound.TryGetValue("Read", out var r) && ((SwitchParameter)r).IsPresent;
            q.Flagged = bound.TryGetValue("Flagged", out var f) && ((SwitchParameter)f).IsPresent;
            if (q.Read && q.Unread)
                throw new MailToolsException(ErrorIds.InvalidArgument, MailErrorKind.InvalidArgument,
                    "-Read and -Unread together match nothing.", null)
                { RecommendedAction = "Give one of -Read or -Unread." };
            return q;
        }

        static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
