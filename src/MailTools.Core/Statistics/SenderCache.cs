using System;
using System.Collections.Generic;
using MimeKit;

namespace MailTools.Core.Statistics
{
    /// <summary>
    /// Sender address and domain by the raw bytes of the From header, for one measurement. Senders repeat (newsletters,
    /// colleagues, shops): decoding the header and parsing an address list per message was most of Measure-Mailbox's own
    /// CPU time and allocations; a hit costs one hash of a few dozen bytes. Bounded: emptied when full, so memory stays flat.
    /// </summary>
    internal sealed class SenderCache
    {
        const int Capacity = 8192;
        readonly Dictionary<byte[], (string? Address, string Domain)> _known = new Dictionary<byte[], (string?, string)>(RawComparer.Instance);

        /// <summary>(address, domain) of the first From header of a list; (null, "(no sender)") when there is none.</summary>
        public (string? Address, string Domain) Of(HeaderList? headers)
        {
            int i = headers == null ? -1 : headers.IndexOf(HeaderId.From);
            if (headers == null || i < 0)
                return (null, GroupKeys.NoSender);
            var header = headers[i];
            var raw = header.RawValue;
            if (_known.TryGetValue(raw, out var known))
                return known;
            string? address = GroupKeys.AddressOf(header.Value);
            if (_known.Count >= Capacity)
                _known.Clear();
            return _known[raw] = (address, GroupKeys.DomainOf(address));
        }

        sealed class RawComparer : IEqualityComparer<byte[]>
        {
            public static readonly RawComparer Instance = new RawComparer();

            public bool Equals(byte[]? x, byte[]? y)
            {
                if (ReferenceEquals(x, y)) return true;
                if (x == null || y == null || x.Length != y.Length) return false;
                return x.AsSpan().SequenceEqual(y);
            }

            public int GetHashCode(byte[] bytes)
            {
                unchecked
                {
                    uint hash = 2166136261;   // FNV-1a
                    foreach (byte b in bytes)
                        hash = (hash ^ b) * 16777619;
                    return (int)hash;
                }
            }
        }
    }
}
