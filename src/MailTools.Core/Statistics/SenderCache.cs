using System;
using System.Collections.Generic;

namespace MailTools.Core.Statistics
{
    /// <summary>
    /// Sender address and domain by the raw From header, for one measurement. Senders repeat (newsletters, colleagues,
    /// shops), and parsing an address list per message was most of Measure-Mailbox's own CPU time. Bounded: emptied when
    /// full, so memory stays flat whatever the account holds.
    /// </summary>
    internal sealed class SenderCache
    {
        const int Capacity = 8192;
        readonly Dictionary<string, (string Address, string Domain)> _known = new Dictionary<string, (string, string)>(StringComparer.Ordinal);

        /// <summary>(address, domain) of a From header; (null, "(no sender)") when it has none.</summary>
        public (string Address, string Domain) Of(string fromHeader)
        {
            if (fromHeader == null)
                return (null, GroupKeys.NoSender);
            if (_known.TryGetValue(fromHeader, out var known))
                return known;
            string address = GroupKeys.AddressOf(fromHeader);
            if (_known.Count >= Capacity)
                _known.Clear();
            return _known[fromHeader] = (address, GroupKeys.DomainOf(address));
        }
    }
}
