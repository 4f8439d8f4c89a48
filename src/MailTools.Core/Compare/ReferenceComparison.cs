using System.Collections.Generic;

namespace MailTools.Core.Compare
{
    /// <summary>
    /// Compare-MailProtocol -Reference: the general difference between IMAP and POP3, with no server and no network.
    /// Same aspects as a measured comparison, so the two read alike.
    /// </summary>
    public static class ReferenceComparison
    {
        /// <summary>The general IMAP/POP3 comparison shown by -Reference: facts only, nothing measured.</summary>
        public static ProtocolComparison Build()
        {
            var rows = new List<ProtocolComparisonRow>
            {
                new ProtocolComparisonRow(ComparisonBuilder.Reachable,
                    "993 with TLS, or 143 with STARTTLS",
                    "995 with TLS, or 110 with STARTTLS",
                    "Either way the connection should be encrypted before the password is sent. Run Compare-MailProtocol -Server to see what your server offers."),
                new ProtocolComparisonRow(ComparisonBuilder.Visible,
                    "every folder: inbox, Sent, archives, your own folders",
                    "the inbox only",
                    "Mail you file into folders, and everything you send, is out of sight of a POP3 client."),
                new ProtocolComparisonRow(ComparisonBuilder.InboxAgreement,
                    "the inbox as it is on the server",
                    "the same inbox, as a plain list",
                    "Both look at the same inbox; small differences come from messages arriving or being deleted in between."),
                new ProtocolComparisonRow(ComparisonBuilder.Deletion,
                    "only what you delete; a delete shows on every device",
                    "'delete after download' removes the whole inbox from the server",
                    "A POP3 client set to delete after download takes mail off the server: it vanishes from your phone, webmail and every other device."),
                new ProtocolComparisonRow(ComparisonBuilder.LeaveOnServer,
                    "always: mail stays until you delete it",
                    "optional: 'leave a copy on the server' (needs UIDL)",
                    "UIDL gives each message a permanent id so a POP3 client fetches only new mail while leaving the rest on the server. Some servers also announce EXPIRE (they delete downloaded mail themselves) or LOGIN-DELAY (how often you may check)."),
                new ProtocolComparisonRow(ComparisonBuilder.ReadState,
                    "kept on the server (\\Seen, \\Flagged, \\Answered)",
                    "none: each device keeps its own",
                    "With IMAP, reading a message on the phone marks it read on the laptop too. With POP3 every device shows it as new."),
                new ProtocolComparisonRow(ComparisonBuilder.SentItems,
                    "the server's Sent folder, seen by every device",
                    "none: sent mail stays on the sending device",
                    "With POP3, what you sent from the laptop is not on the phone."),
                new ProtocolComparisonRow(ComparisonBuilder.RealTime,
                    "IDLE: the server announces new mail at once (push)",
                    "no: the client checks every few minutes",
                    "IMAP shows new mail as it arrives; POP3 finds it at the next check."),
                new ProtocolComparisonRow(ComparisonBuilder.Storage,
                    "all mail stays on the server; QUOTA shows used/limit",
                    "the server holds only what is not yet deleted",
                    "IMAP needs space on the server, so keep it tidy: archive and clean up (Invoke-MailCleanup) instead of deleting with POP3."),
                new ProtocolComparisonRow(ComparisonBuilder.Offline,
                    "copies on each device; the server keeps the master",
                    "the downloaded copy may be the only one",
                    "Both let you read mail without a connection. With POP3 'delete after download', losing the device loses the mail."),
                new ProtocolComparisonRow(SendingRows.Sending,
                    "SMTP submission: 465 with TLS, or 587 with STARTTLS, with the same password",
                    "the same: sending is SMTP for IMAP and POP3 users alike",
                    "Reading (IMAP or POP3) and sending (SMTP) are separate servers, often with the same name and password. Run Compare-MailProtocol -Server to check that your password is accepted for sending; it logs in only and never sends a message."),
                new ProtocolComparisonRow(SendingRows.Limits,
                    "SIZE: the largest message the server takes; AUTH: the sign-in methods",
                    "the same limits",
                    "Attachments grow by about a third when sent, so the largest file you can send is smaller than the SIZE limit. XOAUTH2/OAUTHBEARER among the methods means the server takes OAuth sign-in."),
            };
            const string verdict = "For anyone who reads mail on more than one device (a phone and a laptop), use IMAP: every device sees the same folders, read marks and sent mail, and nothing vanishes unless you delete it. POP3 suits one computer that keeps its own archive, and even then turn on 'leave a copy on the server'. Sent mail: IMAP clients keep a copy in the server's Sent folder; a POP3 device keeps what it sends only on itself, with no copy on the server.";
            rows.Add(new ProtocolComparisonRow(ComparisonBuilder.Verdict, "recommended", "only with 'leave a copy on the server'", verdict));
            return new ProtocolComparison
            {
                Account = "(general comparison)",
                IsReference = true,
                Recommendation = verdict,
                Rows = rows.ToArray(),
            };
        }
    }
}
