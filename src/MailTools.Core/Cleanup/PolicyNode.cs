#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
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
        public PolicyNode(object value, int line)
        {
            Value = value;
            Line = line;
        }

        public object Value { get; }
        public int Line { get; }

        public IDictionary<string, PolicyNode> AsMap => Value as IDictionary<string, PolicyNode>;

        /// <summary>The value for the age/size parsers: scalars as they are, a table or list as "{…}"/"[…]" so an error names what the user wrote, not a .NET type.</summary>
        public object Scalar => AsMap != null ? "{…}" : AsList != null ? (object)"[…]" : Value;
        public IList<PolicyNode> AsList => Value as IList<PolicyNode>;

        public static IDictionary<string, PolicyNode> NewMap() => new Dictionary<string, PolicyNode>(StringComparer.OrdinalIgnoreCase);
    }
}
