using System;
using System.Collections.Generic;

namespace MailTools.Core.Export
{
    /// <summary>
    /// RFC 3501 section 2.3.1.1: a new UIDVALIDITY means the old UIDs name nothing. What the export already holds is
    /// matched instead by Message-ID + size (before downloading) and by size + SHA-256 (after downloading, for messages
    /// with no or a changed Message-ID), so a re-created or restored folder is not written twice.
    /// </summary>
    internal sealed class UidValidityResync
    {
        readonly Dictionary<string, ManifestEntry> _byId = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        readonly Dictionary<string, ManifestEntry> _byHash = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);

        /// <summary>The entries of the old UIDVALIDITY that the state still counts as exported.</summary>
        public UidValidityResync(IEnumerable<ManifestEntry> manifest, ExportState state)
        {
            foreach (var e in manifest)
            {
                if (!state.Contains(e.Key) || e.UidValidity != state.UidValidity)
                    continue;
                if (e.MessageId != null)
                    _byId[e.MessageId + "\u0000" + e.Size] = e;
                if (e.Sha256 != null)
                    _byHash[e.Size + "\u0000" + e.Sha256] = e;
            }
        }

        /// <summary>Messages found again after downloading them (same size and SHA-256): dropped, not written twice.</summary>
        public int ReusedByHash { get; set; }

        public ManifestEntry? SameMessage(string? messageId, long size) =>
            messageId != null && _byId.TryGetValue(messageId + "\u0000" + size, out var old) ? old : null;

        public ManifestEntry? SameBytes(long size, string sha256) =>
            _byHash.TryGetValue(size + "\u0000" + sha256, out var old) ? old : null;

        /// <summary>The old entry under the message's new UID: the file on disk is the same one.</summary>
        public static ManifestEntry Reuse(ManifestEntry old, uint uidValidity, string key) => new ManifestEntry
        {
            Folder = old.Folder, UidValidity = uidValidity, Key = key, MessageId = old.MessageId, Date = old.Date,
            Size = old.Size, Sha256 = old.Sha256, File = old.File, Offset = old.Offset,
        };
    }
}
