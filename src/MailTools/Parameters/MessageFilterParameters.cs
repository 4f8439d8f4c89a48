using System;
using System.Collections.Generic;
using System.Management.Automation;
using MailTools.Core.Messages;
using MailTools.Core.Text;

namespace MailTools.Parameters
{
    /// <summary>
    /// The search parameters Get-MailMessage and Measure-Mailbox share, declared once: each cmdlet returns an instance
    /// from IDynamicParameters.GetDynamicParameters, so PowerShell binds, completes and documents them like its own.
    /// <see cref="ToQuery"/> is the one binding to a <see cref="MessageQuery"/> (age and size text through the shared parsers).
    /// </summary>
    public sealed class MessageFilterParameters
    {
        [Parameter] public DateTime Before { get; set; }
        [Parameter] public DateTime Since { get; set; }
        [Parameter] public object? OlderThan { get; set; }
        [Parameter] public string? From { get; set; }
        [Parameter] public string? To { get; set; }
        [Parameter] public string? Subject { get; set; }
        [Parameter] public object? LargerThan { get; set; }
        [Parameter] public object? SmallerThan { get; set; }
        [Parameter] public SwitchParameter Unread { get; set; }
        [Parameter] public SwitchParameter Read { get; set; }
        [Parameter] public SwitchParameter Flagged { get; set; }

        /// <param name="bound">The cmdlet's bound parameters: a DateTime or an age that was not given stays unset.</param>
        public MessageQuery ToQuery(IDictionary<string, object> bound)
        {
            var q = new MessageQuery();
            if (bound.ContainsKey(nameof(Before))) q.Before = new DateTimeOffset(Before);
            if (bound.ContainsKey(nameof(Since))) q.Since = new DateTimeOffset(Since);
            if (OlderThan != null) q.OlderThan = AgeParser.Parse(Unwrap(OlderThan), "-OlderThan");
            if (LargerThan != null) q.LargerThan = SizeParser.Parse(Unwrap(LargerThan), "-LargerThan");
            if (SmallerThan != null) q.SmallerThan = SizeParser.Parse(Unwrap(SmallerThan), "-SmallerThan");
            q.From = From;
            q.To = To;
            q.Subject = Subject;
            q.Unread = Unread;
            q.Read = Read;
            q.Flagged = Flagged;
            return q.Validate();
        }

        static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
