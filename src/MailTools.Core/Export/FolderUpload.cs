using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using MailTools.Core.Errors;
using MailTools.Core.Folders;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Import-Mailbox for one server folder: creates it when missing and uploads the source's messages with MULTIAPPEND
    /// (RFC 3502), each under the host's ShouldProcess. A message is refused only when the server refuses it: a
    /// refused batch is sent again one message at a time, and each refusal becomes an error with the server's words.
    /// </summary>
    internal static class FolderUpload
    {
        /// <summary>One source message after its probe: what duplicate detection and the upload need.</summary>
        sealed class Probed
        {
            public SourceMessage Message = null!; // set when probed, before any use
            public string? MessageId;
            public long Size;
            public string? Sha256;
            public byte[] Head = Array.Empty<byte>();
        }

        /// <summary>Null when the host declined to create the folder or to upload into it (-WhatIf, -Confirm "No").</summary>
        public static ImportResult? Run(MailSession session, SourceFolder source, ImportOptions options, IOutputWriter writer, CancellationToken token)
        {
            var watch = Stopwatch.StartNew();
            var result = new ImportResult { Account = session.Account, Format = source.Format, Source = source.Source };
            var folder = OpenOrCreate(session, source.Folder, result, writer, token);
            if (folder == null || !writer.ShouldProcess($"'{folder.FullName}' of {session.Account}", $"Upload the messages of {source.Source}"))
                return null;
            result.Folder = folder.FullName;
            FolderOpener.Open(session, folder, FolderAccess.ReadWrite, token);

            // One pass over the bytes for the size and hash the server will report, and the Message-ID; the upload reads them again.
            var probed = new List<Probed>();
            foreach (var m in source.Messages(writer))
            {
                token.ThrowIfCancellationRequested();
                var probe = new MessageProbe();
                m.WriteTo(probe, token);
                probed.Add(new Probed
                {
                    Message = m, Size = probe.CrlfSize, Sha256 = probe.Sha256, Head = FirstLine(probe.Head),
                    MessageId = FolderWriters.NormalizeMessageId(probe.Headers()?[HeaderId.MessageId]),
                });
            }
            var known = options.AllowDuplicates ? null
                : ImportDuplicates.Load((ImapFolder)folder, probed.Select(p => (p.MessageId, p.Size)).ToList(), token);

            var format = FormatOptions.Default.Clone();
            format.NewLineFormat = NewLineFormat.Dos;   // IMAP wants CRLF (RFC 3501 section 2.2)
            var batch = new List<(IAppendRequest Request, Probed Item)>();
            long batchBytes = 0;
            string activity = $"Importing into '{folder.FullName}' of {session.Account}";
            void Flush()
            {
                if (batch.Count == 0)
                    return;
                try
                {
                    Append(session, folder, format, batch, result, writer, token);
                    writer.Progress(new ProgressInfo(2, activity, $"{result.Imported} imported, {result.Skipped} skipped", -1));
                }
                finally
                {
                    batch.Clear();
                    batchBytes = 0;
                }
            }

            foreach (var p in probed)
            {
                token.ThrowIfCancellationRequested();
                if (p.Size == 0)
                {
                    writer.Warning($"Skipped {p.Message.Description}: it is empty (0 bytes), and IMAP cannot store an empty message.");
                    result.Failed++;
                    continue;
                }
                if (known != null && known.AlreadyThere(p.MessageId, p.Size, p.Sha256))
                {
                    writer.Verbose($"Skipped {p.Message.Description}: '{folder.FullName}' already holds {(p.MessageId != null ? $"<{p.MessageId}>" : "the same bytes")} ({p.Size} bytes).");
                    result.Skipped++;
                    continue;
                }
                // The original bytes go up, not a re-serialised parse (see RawMimeMessage).
                var message = RawMimeMessage.Create(p.Head, p.Message.WriteTo);
                if (message == null)
                {
                    writer.Warning($"Skipped {p.Message.Description}: it has no line end in its first {p.Head.Length} bytes, so it cannot be sent unchanged.");
                    result.Failed++;
                    continue;
                }
                var request = p.Message.InternalDate.HasValue
                    ? new AppendRequest(message, p.Message.Flags, p.Message.InternalDate.Value)
                    : new AppendRequest(message, p.Message.Flags);
                batch.Add((request, p));
                batchBytes += p.Size;
                if (batch.Count >= options.BatchMessages || batchBytes >= options.BatchBytes)
                    Flush();
            }
            Flush();
            writer.Progress(new ProgressInfo(2, activity, "Done", 100, completed: true));
            result.Duration = watch.Elapsed;
            return result;
        }

        // Only the first line is needed later (RawMimeMessage); the rest of the header block is not kept per message.
        static byte[] FirstLine(byte[] head)
        {
            int lf = Array.IndexOf(head, (byte)'\n');
            if (lf < 0 || lf == head.Length - 1)
                return head;
            var line = new byte[lf + 1];
            Buffer.BlockCopy(head, 0, line, 0, lf + 1);
            return line;
        }

        /// <summary>One MULTIAPPEND for the batch; when the server refuses it (NO/BAD), each message again on its own.</summary>
        static void Append(MailSession session, IMailFolder folder, FormatOptions format, List<(IAppendRequest Request, Probed Item)> batch,
            ImportResult result, IOutputWriter writer, CancellationToken token)
        {
            try
            {
                // MailKit sends one MULTIAPPEND command (RFC 3502) when the server has the capability.
                folder.Append(format, batch.Select(b => b.Request).ToList(), token);
                result.Imported += batch.Count;
                result.Bytes += batch.Sum(b => b.Item.Size);
                return;
            }
            catch (ImapCommandException) when (batch.Count > 1)
            {
                // Which one? Only now, one APPEND per message of this batch.
            }
            catch (ImapCommandException refused)
            {
                Refused(session, folder, batch[0].Item, refused, result, writer);
                return;
            }
            foreach (var (request, item) in batch)
            {
                try
                {
                    folder.Append(format, request, token);
                    result.Imported++;
                    result.Bytes += item.Size;
                }
                catch (ImapCommandException refused)
                {
                    Refused(session, folder, item, refused, result, writer);
                }
            }
        }

        static void Refused(MailSession session, IMailFolder folder, Probed item, ImapCommandException refused, ImportResult result, IOutputWriter writer)
        {
            result.Failed++;
            var error = new MailToolsException(ErrorIds.ImportMessageRefused, MailErrorKind.WriteError,
                $"The {session.Endpoint.Describe()} refused {item.Message.Description} for '{folder.FullName}': {refused.ResponseText}", item.Message.Description, refused)
            { RecommendedAction = "Read the server's reason above (a full quota, a size limit, a policy); fix that and import again: messages already there are skipped." };
            writer.WriteError(error);
        }

        static IMailFolder? OpenOrCreate(MailSession session, string name, ImportResult result, IOutputWriter writer, CancellationToken token)
        {
            var imap = session.Imap;
            var ns = imap.PersonalNamespaces.Count > 0 ? imap.PersonalNamespaces[0] : new FolderNamespace('/', string.Empty);
            char sep = ns.DirectorySeparator == '\0' ? '/' : ns.DirectorySeparator;
            string serverName = string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX" : name.Replace('/', sep);
            try
            {
                var existing = imap.GetFolder(serverName, token);
                if (Folders.FolderResolver.Selectable(existing))
                    return existing;
            }
            catch (FolderNotFoundException)
            {
            }
            if (!writer.ShouldProcess($"'{serverName}' on {session.Account}", "Create the folder"))
                return null;
            // Create each missing level under the personal namespace root.
            var parent = imap.GetFolder(ns);
            IMailFolder current = parent;
            foreach (var part in serverName.Split(sep))
            {
                IMailFolder next;
                try { next = imap.GetFolder(current == parent ? ns.Path + part : current.FullName + sep + part, token); }
                catch (FolderNotFoundException)
                {
                    // MailKit gives null when the server created the folder but did not list it back.
                    next = current.Create(part, true, token) ?? throw new MailToolsException(ErrorIds.CommandFailed, MailErrorKind.WriteError,
                        $"The {session.Endpoint.Describe()} did not list the folder '{part}' after creating it, so nothing was uploaded into it.", serverName)
                    { RecommendedAction = "Check the folder with Get-MailFolder, then run Import-Mailbox again: messages already uploaded are skipped." };
                }
                current = next;
            }
            writer.Verbose($"Created the folder '{current.FullName}'.");
            result.Created = true;
            return current;
        }
    }
}
