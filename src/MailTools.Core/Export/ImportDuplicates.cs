using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailTools.Core.Messages;

namespace MailTools.Core.Export
{
    /// <summary>
    /// What a folder already holds, so that re-running an interrupted import never uploads a message twice: by
    /// Message-ID + RFC822.SIZE (one FETCH for the folder), and for everything else by size + SHA-256 of BODY[]. Only
    /// messages whose size equals that of a source message still unmatched are downloaded, in batched UID FETCH
    /// BODY.PEEK[] commands (never one round trip per message). Hash matches are counted, so a source holding two
    /// identical messages restores two.
    /// </summary>
    internal sealed class ImportDuplicates
    {
        const int FetchBatch = 200;
        readonly HashSet<string> _ids = new HashSet<string>(StringComparer.Ordinal);
        readonly Dictionary<string, int> _hashes = new Dictionary<string, int>(StringComparer.Ordinal);

        [return: NotNullIfNotNull(nameof(messageId))]
        public static string? IdKey(string? messageId, long size) => messageId == null ? null : messageId + "\u0000" + size;
        static string HashKey(string? sha256, long size) => size + "\u0000" + sha256;

        /// <summary>Reads the open folder's Message-IDs and sizes, then hashes the bodies of the size-matching candidates.</summary>
        public static ImportDuplicates Load(ImapFolder folder, IList<(string? MessageId, long Size)> source, CancellationToken token)
        {
            var known = new ImportDuplicates();
            if (folder.Count == 0)
                return known;
            var summaries = folder.Fetch(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Size, token);
            foreach (var s in summaries)
            {
                var key = IdKey(FolderWriters.NormalizeMessageId(s.Envelope?.MessageId), (long)(s.Size ?? 0));
                if (key != null)
                    known._ids.Add(key);
            }
            // Sizes of source messages that their Message-ID does not already account for.
            var sizes = new HashSet<long>(source.Where(m => m.MessageId == null || !known._ids.Contains(IdKey(m.MessageId, m.Size))).Select(m => m.Size));
            var candidates = summaries.Where(s => s.Size.HasValue && sizes.Contains((long)s.Size.Value)).Select(s => s.UniqueId).ToList();
            foreach (var chunk in UidSetChunker.Chunk(candidates, maxCount: FetchBatch))
            {
                folder.GetStreams(chunk, (f, index, uid, stream) =>
                {
                    using (var hashing = new HashingStream(Stream.Null))
                    {
                        stream.CopyTo(hashing, 81920);
                        var key = HashKey(hashing.Finish(), hashing.BytesWritten);
                        known._hashes[key] = known._hashes.TryGetValue(key, out int n) ? n + 1 : 1;
                    }
                }, token);
            }
            return known;
        }

        /// <summary>True when the folder already holds this message (the match is used up for hashes); otherwise remembers its Message-ID.</summary>
        public bool AlreadyThere(string? messageId, long size, string? sha256)
        {
            var idKey = IdKey(messageId, size);
            if (idKey != null && _ids.Contains(idKey))
                return true;
            var key = HashKey(sha256, size);
            if (_hashes.TryGetValue(key, out int n) && n > 0)
            {
                _hashes[key] = n - 1;
                return true;
            }
            if (idKey != null)
                _ids.Add(idKey);   // a second copy in the same source is the same message
            return false;
        }
    }
}
