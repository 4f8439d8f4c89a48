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
        public IList<PolicyNode> AsList => Value as IList<PolicyNode>;

        public static IDictionary<string, PolicyNode> NewMap() => new Dictionary<string, PolicyNode>(StringComparer.OrdinalIgnoreCase);
    }
}
