using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using MailKit;
using MailTools.Core.Errors;
using MailTools.Core.Folders;
using MailTools.Core.Sessions;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Export-Mailbox -WhatIf: counts what a run would write, read-only on both sides: the folder is EXAMINEd, the
    /// export's state is read if it exists, and no file or folder is created under -Path.
    /// </summary>
    public static class ExportPreview
    {
        /// <summary>Counts what an export of one folder would write (-WhatIf), read-only: nothing is written or changed.</summary>
        public static ExportPreviewResult Folder(MailSession session, string folderName, ExportOptions options, IOutputWriter writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (options == null || string.IsNullOrEmpty(options.Path)) throw new ArgumentNullException(nameof(options));
            writer = writer ?? NullOutputWriter.Instance;
            string stateDir = Path.Combine(MailboxExporter.AccountRoot(options.Path, session), MailboxExporter.StateDirectoryName);
            return MailOperation.Run(session, writer, token, () =>
            {
                return session.Protocol == MailProtocol.Pop3 ? Pop3(session, stateDir, options, token) : Imap(session, folderName, stateDir, options, token);
            });
        }

        static ExportPreviewResult Imap(MailSession session, string folderName, string stateDir, ExportOptions options, CancellationToken token)
        {
            var folder = session.Imap.GetFolder(folderName, token);
            FolderOpener.Open(session, folder, FolderAccess.ReadOnly, token);
            var state = ExportState.Load(ExportState.PathFor(stateDir, folder.FullName), folder.FullName, options.Format);
            bool keepState = state.Exists && !options.Full && (state.UidValidity == 0 || state.UidValidity == folder.UidValidity);
            IList<UniqueId> all = options.OnlyUids != null ? options.OnlyUids.Select(u => new UniqueId(folder.UidValidity, u.Id)).ToList()
                : folder.Count == 0 ? Array.Empty<UniqueId>()
                : folder.Search(MailboxExporter.BuildQuery(options), token);
            var wanted = all.Where(u => !keepState || !state.Uids.Contains(u)).ToList();
            long bytes = wanted.Count == 0 ? 0 : folder.Fetch(wanted, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, token).Sum(s => (long)(s.Size ?? 0));
            return new ExportPreviewResult { Folder = folder.FullName, Messages = wanted.Count, Bytes = bytes, AlreadyExported = all.Count - wanted.Count };
        }

        static ExportPreviewResult Pop3(MailSession session, string stateDir, ExportOptions options, CancellationToken token)
        {
            const string folderName = "INBOX";
            var pop = session.Pop3;
            var state = ExportState.Load(ExportState.PathFor(stateDir, folderName), folderName, options.Format);
            int count = pop.GetMessageCount(token);
            var uidls = count == 0 ? new List<string>() : pop.GetMessageUids(token).ToList();
            var sizes = count == 0 ? new List<int>() : pop.GetMessageSizes(token).ToList();
            var selected = Enumerable.Range(0, count).Where(i => options.OnlyPop3Uids == null || options.OnlyPop3Uids.Contains(uidls[i])).ToList();
            var todo = selected.Where(i => options.Full || !state.Pop3Uids.Contains(uidls[i])).ToList();
            return new ExportPreviewResult { Folder = folderName, Messages = todo.Count, Bytes = todo.Sum(i => (long)sizes[i]), AlreadyExported = selected.Count - todo.Count };
        }
    }
}
