#nullable enable
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace MailTools
{
    /// <summary>
    /// A read-only list of small records on an output object (a comparison's rows, a run's failures): a list for
    /// PowerShell and a JSON array of objects, while Export-Csv, which writes ToString, gets the items joined with "; "
    /// instead of "MailTools.ProtocolComparisonRow[]". Arrays convert to it implicitly.
    /// </summary>
    public sealed class ItemList<T> : ReadOnlyCollection<T>
    {
        public ItemList(IList<T>? items) : base(items ?? new T[0]) { }

        public static implicit operator ItemList<T>(T[]? items) => new ItemList<T>(items);

        public override string ToString() => string.Join("; ", this);
    }
}
