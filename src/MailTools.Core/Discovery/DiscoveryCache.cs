#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Collections.Concurrent;

namespace MailTools.Core.Discovery
{
    /// <summary>
    /// Answers already found in this PowerShell session (the cmdlets keep one per runspace): DNS answers, autoconfig
    /// documents and probe results, so a second lookup is instant and -Offline can work from them alone.
    /// Keys include the DNS server asked, so split-horizon answers never mix.
    /// </summary>
    public sealed class DiscoveryCache
    {
        readonly ConcurrentDictionary<string, object> _entries = new ConcurrentDictionary<string, object>(StringComparer.OrdinalIgnoreCase);

        public int Count => _entries.Count;

        public bool TryGet<T>(string key, out T value)
        {
            if (_entries.TryGetValue(key, out var found) && found is T typed)
            {
                value = typed;
                return true;
            }
            value = default(T);
            return false;
        }

        public void Set(string key, object value) => _entries[key] = value;

        public void Clear() => _entries.Clear();
    }
}
