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

        /// <summary>How many answers are kept.</summary>
        public int Count => _entries.Count;

        /// <summary>The answer kept under <paramref name="key"/>, or null when there is none of that type.</summary>
        public T? Get<T>(string key) where T : class =>
            _entries.TryGetValue(key, out var found) ? found as T : null;

        /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/>, replacing what was there.</summary>
        public void Set(string key, object value) => _entries[key] = value;

        /// <summary>Forgets every answer, so the next lookup asks the network again.</summary>
        public void Clear() => _entries.Clear();
    }
}
