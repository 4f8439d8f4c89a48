#nullable enable
using System;
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
        /// <summary>The items, in order (none when null).</summary>
        public ItemList(IList<T>? items) : base(items ?? Array.Empty<T>()) { }

        /// <summary>Wraps an array (Core assigns arrays as before).</summary>
        public static implicit operator ItemList<T>(T[]? items) => new ItemList<T>(items);

        /// <summary>The items joined with "; ": what Export-Csv writes.</summary>
        public override string ToString() => string.Join("; ", this);
    }
}
