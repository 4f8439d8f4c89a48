using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using MailKit;
using MailTools.Core.Errors;
using MailTools.Core.Export;
using MailTools.Core.Folders;
using MailTools.Core.Messages;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// The Archive action of a clean-up, for IMAP and POP3: write the messages with the Export-Mailbox writer, verify
    /// every copy against the SHA-256 taken while downloading, and only then let the verified ones be deleted. A batch
    /// with any verification problem deletes nothing and is reported; messages that vanished meanwhile are not deleted.
    /// </summary>
    internal static class ArchiveStep
    {
        /// <summary>Messages per IMAP archive batch: written, made durable and verified together, then deleted together.</summary>
        internal const int Batch = 500;

        public static void Imap(MailSession session, IMailFolder folder, CleanupPlan plan, CleanupOptions options, CleanupResult result,
            IOutputWriter writer, CancellationToken token)
        {
            string archivePath = ArchivePathOf(options);
            string root = MailboxExporter.AccountRoot(archivePath, session);   // the archive holds one tree per account
            uint uidValidity = folder.UidValidity;
            int done = 0;
            foreach (var slice in UidSetChunker.Chunk(plan.Uids, maxCount: Batch).Select(s => (IList<UniqueId>)s.ToList()))
            {
                token.ThrowIfCancellationRequested();
                // Headers for the log and the sizes come first, while the folder is still selected.
                var described = ImapActions.Describe(session, folder, slice, token);
                var outcome = MailboxExporter.Archive(session, folder.FullName, slice, archivePath, options.ArchiveFormat, writer, token);
                // Archive leaves the folder EXAMINEd (read-only); select it again to delete.
                MailOperation.Command(session, () => FolderOpener.Open(session, folder, FolderAccess.ReadWrite, token));
                if (folder.UidValidity != uidValidity)
                    throw new MailToolsException(ErrorIds.FolderChanged, MailErrorKind.InvalidOperation,
                        $"The folder '{folder.FullName}' on the {session.Endpoint.Describe()} was recreated during the clean-up (UIDVALIDITY {uidValidity} is now {folder.UidValidity}); nothing more is deleted from it. The copies already written stay in {root}.", folder.FullName)
                    { RecommendedAction = "Run the clean-up again: messages already archived are not written twice." };
                done += slice.Count;
                if (outcome.Problems.Count > 0)
                {
                    writer.WriteError(NotVerified(outcome, $"'{folder.FullName}' ({session.Account})", root, $"this batch of {slice.Count} message(s)"));
                    continue;
                }
                var verified = new HashSet<uint>(outcome.Written.Select(u => u.Id));
                var deletable = slice.Where(u => verified.Contains(u.Id)).ToList();
                if (deletable.Count < slice.Count)
                    writer.Verbose($"{folder.FullName}: {slice.Count - deletable.Count} message(s) of this batch were not archived (gone from the server meanwhile) and are not deleted.");
                if (deletable.Count == 0)
                    continue;
                ImapActions.DeleteExactly(session, folder, deletable, writer, token);
                result.Acted += deletable.Count;
                if (options.Log != null)
                {
                    var manifest = ExportManifest.Load(root, folder.FullName);
                    var when = DateTimeOffset.Now;
                    foreach (var m in described.Where(d => verified.Contains(d.Uid)))
                        options.Log.Write(when, m, "Archive", FileOf(manifest, root, folder.FullName, uidValidity, m.Uid.ToString(CultureInfo.InvariantCulture)));
                    options.Log.Flush();
                }
                result.ActedBytes += described.Where(d => verified.Contains(d.Uid)).Sum(d => d.Size);
                if (plan.Count > Batch)
                    writer.Progress(new ProgressInfo(3, $"Archiving and cleaning {folder.FullName}", $"{done} of {plan.Count}", done * 100 / plan.Count));
            }
            if (plan.Count > Batch)
                writer.Progress(new ProgressInfo(3, $"Archiving and cleaning {folder.FullName}", "Done", 100, completed: true));
        }

        /// <summary>
        /// POP3: writes and verifies every copy first, and returns the messages that may be deleted (with the file each was
        /// archived to, for the log); the caller deletes them in the one session that QUIT commits.
        /// </summary>
        public static IList<(MailMessage Message, string File)> Pop3(MailSession session, IList<(MailMessage Message, CleanupResult Result)> toArchive,
            CleanupOptions options, IOutputWriter writer, CancellationToken token)
        {
            var deletable = new List<(MailMessage, string)>();
            string archivePath = ArchivePathOf(options);
            string root = MailboxExporter.AccountRoot(archivePath, session);   // the archive holds one tree per account
            var missingUidl = toArchive.Where(a => a.Message.Pop3Uid == null).ToList();
            var outcome = MailboxExporter.ArchivePop3(session, toArchive.Where(a => a.Message.Pop3Uid != null).Select(a => a.Message.Pop3Uid!),   // ! : the Where above keeps only messages with a UIDL
                archivePath,
                options.ArchiveFormat, writer, token);
            if (outcome.Problems.Count > 0)
                writer.WriteError(NotVerified(outcome, $"the POP3 inbox of {session.Account}", root, $"the {toArchive.Count} message(s) to archive"));
            else
            {
                var manifest = options.Log != null ? ExportManifest.Load(root, "INBOX") : null;
                foreach (var (m, result) in toArchive)
                {
                    if (m.Pop3Uid == null || !outcome.WrittenUidls.Contains(m.Pop3Uid))
                        continue;
                    result.Acted++;
                    result.ActedBytes += m.Size;
                    deletable.Add((m, FileOf(manifest, root, "INBOX", 0, "P" + m.Pop3Uid)));
                }
            }
            if (missingUidl.Count > 0)
                writer.Warning($"{missingUidl.Count} message(s) in the POP3 inbox of {session.Account} have no UIDL, so they cannot be archived safely and stay on the server.");
            return deletable;
        }

        static MailToolsException NotVerified(ArchiveOutcome outcome, string what, string root, string kept) =>
            new MailToolsException(ErrorIds.ExportVerifyFailed, MailErrorKind.WriteError,
                $"{outcome.Problems.Count} archived copy(ies) of {what} in {root} failed verification, so none of {kept} was deleted from the server. First problem: {outcome.Problems[0].Message}", root)
            { RecommendedAction = "Check the disk under the archive folder, then run the clean-up again: verified copies are not written twice." };

        /// <summary>The archived file of a message, for the deletion log (the archive root when the manifest does not say).</summary>
        static string FileOf(IDictionary<string, ManifestEntry>? manifest, string root, string folder, uint uidValidity, string key) =>
            manifest != null && manifest.TryGetValue(ExportManifest.KeyOf(folder, uidValidity, key), out var e) && e.File != null
                ? System.IO.Path.Combine(root, e.File.Replace('/', System.IO.Path.DirectorySeparatorChar))
                : root;

        // CleanupRequest refuses an Archive rule without -ArchivePath, so a missing path here is a caller's bug.
        static string ArchivePathOf(CleanupOptions options) =>
            options.ArchivePath ?? throw new InvalidOperationException("An Archive rule reached the archive step without an archive path.");
    }
}
