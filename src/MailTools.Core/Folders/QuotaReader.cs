using System;
using System.Collections.Generic;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools.Core.Folders
{
    /// <summary>The account's storage quota from GETQUOTAROOT (RFC 9208 / RFC 2087), when the server offers QUOTA.</summary>
    public static class QuotaReader
    {
        /// <summary>(used, limit) in bytes, either null when the server has no quota for the inbox. Call inside session.Acquire().</summary>
        public static (long? Used, long? Limit) Read(ImapClient client, IOutputWriter? writer, CancellationToken token)
        {
            var quota = ReadFolder(client, client.Inbox, null, writer, token);
            return (quota.Used, quota.Limit);
        }

        /// <summary>
        /// Get-MailQuota: one object per quota root of the folders named (INBOX when none), every field null over POP3 or
        /// when the server has no quota; a folder that does not exist is one error written to <paramref name="writer"/>.
        /// </summary>
        public static IList<MailQuota> ReadAll(MailSession session, IReadOnlyList<string>? folders, IOutputWriter writer, CancellationToken token) =>
            MailOperation.Run(session, writer, token, () =>
            {
                var result = new List<MailQuota>();
                if (session.Protocol == MailProtocol.Pop3)
                {
                    writer.Verbose($"{session.Account} is a POP3 account: POP3 has no quota command, so there is none to show.");
                    result.Add(new MailQuota { Account = session.Account, Folder = "INBOX" });
                    return result;
                }
                var targets = new List<IMailFolder>();
                if (folders == null || folders.Count == 0)
                    targets.Add(session.Imap.Inbox);
                else
                {
                    var missing = new List<MailToolsException>();
                    var resolver = MailOperation.Command(session, () => FolderResolver.Load(session, token));
                    targets.AddRange(MailOperation.Command(session, () => resolver.Resolve(folders, missing)));
                    foreach (var m in missing)
                        writer.WriteError(m);   // one missing folder is one error; the others are still read
                }
                var roots = new HashSet<string>(StringComparer.Ordinal);
                foreach (var folder in targets)
                {
                    var quota = MailOperation.Command(session, () => ReadFolder(session.Imap, folder, session.Account, writer, token));
                    if (roots.Add(quota.QuotaRoot ?? "\0" + folder.FullName))   // each root once: folders usually share one
                        result.Add(quota);
                }
                return (IList<MailQuota>)result;
            });

        static MailQuota ReadFolder(ImapClient client, IMailFolder folder, string? account, IOutputWriter? writer, CancellationToken token)
        {
            var result = new MailQuota { Account = account ?? string.Empty, Folder = folder.FullName };
            if (!client.Capabilities.HasFlag(ImapCapabilities.Quota))
            {
                writer?.Verbose($"The server does not offer QUOTA (RFC 9208): no quota for {folder.FullName}.");
                return result;
            }
            try
            {
                var quota = folder.GetQuota(token);
                result.QuotaRoot = quota.QuotaRoot?.FullName;
                // STORAGE is counted in units of 1024 octets (RFC 9208 5.1).
                result.Used = quota.CurrentStorageSize.HasValue ? (long)quota.CurrentStorageSize.Value * 1024 : (long?)null;
                result.Limit = quota.StorageLimit.HasValue ? (long)quota.StorageLimit.Value * 1024 : (long?)null;
                result.Messages = quota.CurrentMessageCount;
                result.MessageLimit = quota.MessageLimit;
                if (result.Limit.HasValue && result.Limit.Value > 0)
                {
                    result.PercentUsed = Math.Round(100.0 * (result.Used ?? 0) / result.Limit.Value, 1);
                    result.Free = Math.Max(0, result.Limit.Value - (result.Used ?? 0));
                }
            }
            catch (ImapCommandException ex)
            {
                // QUOTA is announced but this mailbox has no quota root: no limit, not an error.
                writer?.Verbose($"The server offers QUOTA but reported none for {folder.FullName}: {ex.ResponseText}");
            }
            return result;
        }
    }
}
