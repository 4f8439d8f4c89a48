#nullable enable
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
        public ValueList(IList<string>? items) : base(items ?? new string[0]) { }

        public static ValueList None { get; } = new ValueList(null);

        public static implicit operator ValueList(string[]? items) => new ValueList(items);

        public override string ToString() => string.Join(", ", this);
    }
}
