using System;
using System.Collections.Generic;
using System.Linq;
using MailKit;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Gmail (X-GM-EXT-1) shows one message in every folder that is one of its labels. The export writes each message
    /// once, keyed by X-GM-MSGID: [Gmail]/All Mail is exported first; in any later folder a message already written
    /// gets a manifest entry for that folder pointing at the same file (with its labels), and is not downloaded again.
    /// </summary>
    internal static class GmailExport
    {
        public static MessageSummaryItems Items(MailSession session) =>
            session.IsGmail ? MessageSummaryItems.GMailMessageId | MessageSummaryItems.GMailLabels : MessageSummaryItems.None;

        /// <summary>All Mail (special-use \All) first, so a message is written where every label can find it.</summary>
        public static IEnumerable<IMailFolder> Order(MailSession session, IEnumerable<IMailFolder> folders) =>
            session.IsGmail ? folders.OrderBy(f => f.Attributes.HasFlag(FolderAttributes.All) ? 0 : 1) : folders;

        public static ManifestEntry Tag(ManifestEntry entry, MessageInfo info)
        {
            entry.GmailMessageId = info.GmailMessageId;
            entry.Labels = info.Labels;
            return entry;
        }

        /// <summary>Records (and removes from <paramref name="infos"/>) the messages another folder of this export already holds.</summary>
        public static int SkipWritten(IMailFolder folder, string root, Dictionary<uint, MessageInfo> infos, ExportState state, string statePath, IOutputWriter writer)
        {
            var written = new Dictionary<ulong, ManifestEntry>();
            foreach (var e in ExportManifest.Load(root).Values)
                if (e.GmailMessageId.HasValue && e.File != null && !written.ContainsKey(e.GmailMessageId.Value))
                    written[e.GmailMessageId.Value] = e;
            var reused = new List<ManifestEntry>();
            foreach (var pair in infos.ToList())
            {
                var info = pair.Value;
                if (!info.GmailMessageId.HasValue || !written.TryGetValue(info.GmailMessageId.Value, out var old))
                    continue;
                reused.Add(new ManifestEntry
                {
                    Folder = folder.FullName, UidValidity = folder.UidValidity, Key = info.Key, MessageId = old.MessageId, Date = old.Date,
                    Size = old.Size, Sha256 = old.Sha256, File = old.File, Offset = old.Offset, GmailMessageId = info.GmailMessageId, Labels = info.Labels,
                });
                infos.Remove(pair.Key);
            }
            if (reused.Count == 0)
                return 0;
            ExportManifest.Append(root, reused);
            foreach (var e in reused)
                state.Add(e.Key);
            state.Save(statePath);
            writer.Verbose($"{folder.FullName}: {reused.Count} message(s) are already in the export under another Gmail label (same X-GM-MSGID); recorded here, not written again.");
            return reused.Count;
        }
    }
}
