using System.Threading;
using MailKit;
using MailKit.Net.Imap;

namespace MailTools.Core.Folders
{
    /// <summary>The account's storage quota from GETQUOTAROOT INBOX (RFC 9208 / RFC 2087), when the server offers QUOTA.</summary>
    public static class QuotaReader
    {
        /// <summary>(used, limit) in bytes, either null when the server has no quota for the inbox. Call inside session.Acquire().</summary>
        public static (long? Used, long? Limit) Read(ImapClient client, IOutputWriter writer, CancellationToken token)
        {
            if (!client.Capabilities.HasFlag(ImapCapabilities.Quota))
                return (null, null);
            try
            {
                var quota = client.Inbox.GetQuota(token);
                // STORAGE is counted in units of 1024 octets (RFC 9208 5.1).
                return (quota.CurrentStorageSize.HasValue ? (long)quota.CurrentStorageSize.Value * 1024 : (long?)null,
                        quota.StorageLimit.HasValue ? (long)quota.StorageLimit.Value * 1024 : (long?)null);
            }
            catch (ImapCommandException ex)
            {
                // QUOTA is announced but this mailbox has no quota root: no limit, not an error.
                writer?.Verbose($"The server offers QUOTA but reported none for INBOX: {ex.ResponseText}");
                return (null, null);
            }
        }
    }
}
