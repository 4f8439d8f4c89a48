using System;
using System.Collections.Generic;
using System.Threading;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;

namespace MailTools.Core.Cleanup
{
    /// <summary>
    /// Runs clean-up rules against one account, folder by folder, in the rules' order: plan (one UID SEARCH, then FLAGS
    /// and sizes fetched per UID-set chunk), ask, act on exactly the planned UIDs, log. A message is acted on at most once
    /// per run: UIDs an earlier rule claimed are skipped, and messages moved into a folder during the run (UIDs at or
    /// above the UIDNEXT it had before the first move) are outside later rules, so Trash-then-delete-Trash never empties
    /// the Trash of what it just put there.
    /// </summary>
    public static class CleanupRunner
    {
        /// <summary>What this account cannot do (POP3 has one folder and no state); the rules themselves were checked once, by <see cref="CleanupRequest"/>.</summary>
        public static void Validate(MailSession session, IList<CleanupRule> rules, CleanupOptions options)
        {
            foreach (var rule in rules)
            {
                if (session.Protocol == MailProtocol.Pop3 && (rule.Action == CleanupAction.Trash || rule.Action == CleanupAction.Move))
                    throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                        $"Rule '{rule.Name}' asks to {rule.Action}, but the {session.Endpoint.Describe()} is a POP3 account, which has no other folders. Nothing was changed.", rule)
                    { RecommendedAction = "Over POP3 use -Action Delete (or Archive); connect with -Protocol Imap to move messages." };
                if (session.Protocol == MailProtocol.Pop3 && rule.Query.UsesImapHeaders)
                    throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                        $"Rule '{rule.Name}' selects by ListId, which needs a server-side header search; the {session.Endpoint.Describe()} is a POP3 account. Nothing was changed.", rule)
                    { RecommendedAction = "Use From instead of ListId for this account, or connect with -Protocol Imap." };
                if (session.Protocol == MailProtocol.Pop3 && rule.Query.UsesImapState)
                    throw new MailToolsException(ErrorIds.NotSupportedOverPop3, MailErrorKind.InvalidOperation,
                        $"Rule '{rule.Name}' uses read state, which the POP3 account {session.Account} does not have. Nothing was changed.", rule);
            }
        }

        /// <summary>Cleans the account by the rules (IMAP: <see cref="ImapCleanup"/>; POP3: <see cref="Pop3Cleanup"/>), one result per folder and rule, inside the envelope.</summary>
        public static IEnumerable<CleanupResult> Run(MailSession session, IList<CleanupRule> rules, CleanupOptions? options, IOutputWriter? writer, CancellationToken token)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (rules == null) throw new ArgumentNullException(nameof(rules));
            options = options ?? new CleanupOptions();
            writer = writer ?? NullOutputWriter.Instance;
            Validate(session, rules, options);
            return MailOperation.Stream(session, writer, token, () => session.Protocol == MailProtocol.Pop3
                ? Pop3Cleanup.Run(session, rules, options, writer, token)
                : ImapCleanup.Run(session, rules, options, writer, token));
        }

    }
}
