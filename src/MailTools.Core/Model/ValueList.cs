#nullable enable
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace MailTools
{
    /// <summary>
    /// A read-only list of names (capabilities, mechanisms, labels, folders) on an output object. It is still a list for
    /// PowerShell (<c>-contains</c>, <c>.Count</c>, a JSON array), but its ToString joins the items, so Export-Csv writes
    /// "IDLE, MOVE" instead of "System.String[]". Arrays convert to it implicitly, so Core assigns string[] as before.
    /// </summary>
    public sealed class ValueList : ReadOnlyCollection<string>
    {
        /// <summary>The names, in order (none when null).</summary>
        public ValueList(IList<string>? items) : base(items ?? Array.Empty<string>()) { }

        /// <summary>An empty list.</summary>
        public static ValueList None { get; } = new ValueList(null);

        /// <summary>Wraps an array (Core assigns string[] as before).</summary>
        public static implicit operator ValueList(string[]? items) => new ValueList(items);

        /// <summary>The names joined with ", ": what Export-Csv writes.</summary>
        public override string ToString() => string.Join(", ", this);
    }
}
