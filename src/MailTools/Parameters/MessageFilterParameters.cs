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
    /// <see cref="Bind"/> is the one binding to a <see cref="MessageQuery"/> (age and size text through the shared parsers).
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

        /// <summary>
        /// The query the bound search parameters describe. Reads the bound parameters (not this object's properties),
        /// so Invoke-MailCleanup, which declares the same names in its own parameter set, binds through it too.
        /// </summary>
        public static MessageQuery Bind(IDictionary<string, object> bound)
        {
            var q = new MessageQuery();
            if (bound.TryGetValue(nameof(Before), out var before)) q.Before = new DateTimeOffset((DateTime)before);
            if (bound.TryGetValue(nameof(Since), out var since)) q.Since = new DateTimeOffset((DateTime)since);
            if (bound.TryGetValue(nameof(OlderThan), out var age)) q.OlderThan = AgeParser.Parse(Unwrap(age), "-OlderThan");
            if (bound.TryGetValue(nameof(LargerThan), out var larger)) q.LargerThan = SizeParser.Parse(Unwrap(larger), "-LargerThan");
            if (bound.TryGetValue(nameof(SmallerThan), out var smaller)) q.SmallerThan = SizeParser.Parse(Unwrap(smaller), "-SmallerThan");
            if (bound.TryGetValue(nameof(From), out var from)) q.From = (string)from;
            if (bound.TryGetValue(nameof(To), out var to)) q.To = (string)to;
            if (bound.TryGetValue(nameof(Subject), out var subject)) q.Subject = (string)subject;
            q.Unread = IsSet(bound, nameof(Unread));
            q.Read = IsSet(bound, nameof(Read));
            q.Flagged = IsSet(bound, nameof(Flagged));
            return q.Validate();
        }

        static bool IsSet(IDictionary<string, object> bound, string name) => bound.TryGetValue(name, out var v) && ((SwitchParameter)v).IsPresent;

        static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
