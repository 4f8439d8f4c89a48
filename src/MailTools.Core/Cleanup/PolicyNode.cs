using System;
using System.Collections.Generic;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// One value of a policy file with the line it came from, so a bad rule is reported by line.
    /// Value is a string, a number (long or double), a bool, null, a list of nodes, or a case-insensitive dictionary of nodes.
    /// The cmdlet builds these from a .psd1 (PowerShell's parser); <see cref="JsonPolicyParser"/> from JSON.
    /// </summary>
    public sealed class PolicyNode
    {
        /// <summary>A node for <paramref name="value"/> found on <paramref name="line"/>.</summary>
        public PolicyNode(object? value, int line)
        {
            Value = value;
            Line = line;
        }

        /// <summary>The string, number, bool, list, map, or null the file gave.</summary>
        public object? Value { get; }
        /// <summary>The 1-based line the value starts on.</summary>
        public int Line { get; }

        /// <summary>The value as a map when it is a table/object; else null.</summary>
        public IDictionary<string, PolicyNode>? AsMap => Value as IDictionary<string, PolicyNode>;

        /// <summary>The value for the age/size parsers: scalars as they are, a table or list as "{…}"/"[…]" so an error names what the user wrote, not a .NET type.</summary>
        public object? Scalar => AsMap != null ? "{…}" : AsList != null ? (object)"[…]" : Value;
        /// <summary>The value as a list when it is an array; else null.</summary>
        public IList<PolicyNode>? AsList => Value as IList<PolicyNode>;

        /// <summary>An empty map with case-insensitive keys, as both .psd1 and JSON policies are read.</summary>
        public static IDictionary<string, PolicyNode> NewMap() => new Dictionary<string, PolicyNode>(StringComparer.OrdinalIgnoreCase);
    }
}
