using System.Collections.Generic;
using System.Linq;
using MailTools.Core.Errors;

namespace MailTools.Core.Discovery
{
    /// <summary>
    /// -EmailAddress on Connect-MailServer, Register-MailAccount, Test-MailAccount and Compare-MailProtocol: the best
    /// verified candidate for a protocol (TLS with a certificate valid for its name), said in verbose output. A
    /// candidate that is not verified is never chosen: a password goes only where a certificate vouches for the name.
    /// </summary>
    public static class CandidateChooser
    {
        /// <summary>The best verified candidate for <paramref name="protocol"/>; throws NoVerifiedMailServer, naming every candidate skipped, when there is none.</summary>
        public static MailServerCandidate Best(IList<MailServerCandidate> candidates, MailServerProtocol protocol, IOutputWriter? writer)
        {
            var mine = candidates.Where(c => c.Protocol == protocol).OrderBy(c => c.Rank).ToList();
            var best = mine.FirstOrDefault(c => c.Verified);
            writer = writer ?? NullOutputWriter.Instance;
            foreach (var skipped in mine.TakeWhile(c => c != best))
                writer.Verbose($"Not using {Describe(skipped)}: {skipped.Detail ?? skipped.Status.ToString()}.");
            if (best == null)
                throw NoneVerified(candidates.FirstOrDefault()?.EmailAddress, protocol, mine);
            writer.Verbose($"Using {Describe(best)}, from {best.Source} ({best.SourceDetail}); certificate {best.CertificateSubject}.");
            return best;
        }

        /// <summary>The best verified candidate, or null when there is none (for the optional sides: POP3, SMTP).</summary>
        public static MailServerCandidate? BestOrNull(IList<MailServerCandidate> candidates, MailServerProtocol protocol, IOutputWriter? writer)
        {
            try
            {
                return Best(candidates, protocol, writer);
            }
            catch (MailToolsException ex) when (ex.ErrorId == ErrorIds.NoVerifiedMailServer)
            {
                (writer ?? NullOutputWriter.Instance).Verbose(ex.Message);
                return null;
            }
        }

        /// <summary>"IMAP host:port (security)", as verbose output and errors name a candidate.</summary>
        public static string Describe(MailServerCandidate c) => $"{ProtocolName(c.Protocol)} {c.Host}:{c.Port} ({c.Security})";

        static string ProtocolName(MailServerProtocol p) => p == MailServerProtocol.Pop3 ? "POP3" : p == MailServerProtocol.Smtp ? "SMTP" : "IMAP";

        static MailToolsException NoneVerified(string? address, MailServerProtocol protocol, IList<MailServerCandidate> mine)
        {
            string list = mine.Count == 0 ? "no candidate at all"
                : string.Join("; ", mine.Select(c => $"{c.Host}:{c.Port} from {c.Source}: {c.Detail ?? c.Status.ToString()}"));
            return new MailToolsException(ErrorIds.NoVerifiedMailServer, MailErrorKind.ObjectNotFound,
                $"No {ProtocolName(protocol)} server for '{address}' could be verified ({list}). No password was sent.", address)
            {
                RecommendedAction = "Run Find-MailServer -EmailAddress <address> to see every candidate and why; then give the right one with -Server.",
            };
        }
    }
}
