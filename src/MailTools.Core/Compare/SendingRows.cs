using System;
using System.Collections.Generic;
using System.Linq;
using MailTools.Core.Discovery;

namespace MailTools.Core.Compare
{
    /// <summary>
    /// The sending side of Compare-MailProtocol: two rows (submission, limits) before the verdict, the SMTP fields,
    /// and a sentence in the verdict on sending and on where sent copies live. Pure, like ComparisonBuilder.
    /// </summary>
    public static class SendingRows
    {
        internal const string Sending = "Sending (SMTP)";
        internal const string Limits = "Sending limits";

        /// <summary>Adds the sending rows, the SMTP fields and the sending sentence of the verdict; nothing when sending was not checked.</summary>
        public static void Apply(ProtocolComparison c, SendingFacts sending)
        {
            if (sending == null || sending.State == SideState.NotChecked)
                return;
            bool works = sending.State == SideState.Measured;
            var used = sending.Used;
            c.SmtpServer = sending.Server;
            c.SmtpAvailable = used != null;
            c.SmtpLogin = sending.Login;
            c.SmtpProblem = works ? null : ComparisonBuilder.ProblemText(sending.State, sending.Problem, "SMTP");
            c.SmtpAuthenticationMechanisms = used?.AuthenticationMechanisms ?? Array.Empty<string>();
            c.SmtpMaxMessageSize = used?.MaxMessageSize;
            c.SmtpProbes = sending.Probes.ToArray();

            string reach = ReachCell(sending);
            string limits = used == null ? "not reachable"
                : $"SIZE: {(used.MaxMessageSize.HasValue ? ComparisonBuilder.Size(used.MaxMessageSize.Value) : "not announced")}; AUTH: {(used.AuthenticationMechanisms.Count > 0 ? string.Join(" ", used.AuthenticationMechanisms) : "none")}";
            var rows = c.Rows.ToList();
            int at = rows.Count > 0 && rows[rows.Count - 1].Aspect == ComparisonBuilder.Verdict ? rows.Count - 1 : rows.Count;
            rows.Insert(at++, new ProtocolComparisonRow(Sending, reach, "the same submission server", SendingMeaning(sending)));
            rows.Insert(at, new ProtocolComparisonRow(Limits, limits, limits, LimitsMeaning(used)));
            c.Rows = rows.ToArray();

            string verdict = VerdictText(c, sending);
            c.Recommendation = string.IsNullOrEmpty(c.Recommendation) ? verdict : c.Recommendation + " " + verdict;
            var last = c.Rows[c.Rows.Count - 1];
            if (last.Aspect == ComparisonBuilder.Verdict)
                last.Meaning = c.Recommendation;
        }

        static string ReachCell(SendingFacts sending)
        {
            var parts = sending.Probes.Select(p => $"{p.Port} {(p.Security == MailSecurity.SslOnConnect ? "TLS" : "STARTTLS")}: "
                + (p.Verified ? $"yes ({ComparisonBuilder.TlsName(p.TlsVersion)})" : Words(p))).ToList();
            switch (sending.Login)
            {
                case SmtpLoginResult.Accepted: parts.Add("login: OK"); break;
                case SmtpLoginResult.Refused: parts.Add("login: refused"); break;
                default: if (sending.Used == null) parts.Add("not used"); break;
            }
            return string.Join("; ", parts);
        }

        static string Words(MailServerCandidate p)
        {
            switch (p.Status)
            {
                case ProbeStatus.CertificateUntrusted: return "untrusted certificate";
                case ProbeStatus.NoStartTls: return "no STARTTLS";
                case ProbeStatus.HostNotFound: return "name not found";
                case ProbeStatus.TlsFailed: return "TLS failed";
                case ProbeStatus.Answered: return "unencrypted";
                default: return "not offered";
            }
        }

        static string SendingMeaning(SendingFacts sending)
        {
            string? where = sending.Used == null ? null : $"{sending.Used.Host} port {sending.Used.Port}";
            switch (sending.State)
            {
                case SideState.Measured when sending.Login == SmtpLoginResult.Accepted:
                    return $"IMAP and POP3 users both send through {where}; the password is accepted there. Only the login was tried: nothing was sent.";
                case SideState.Measured:
                    return $"Sending is offered on {where}; the password was not tried.";
                case SideState.LoginRefused:
                    return $"The submission server {where} refused the password, so mail clients cannot send with it. Check the password, or whether sending needs its own (some providers use an app password). Nothing was sent.";
                case SideState.Unusable:
                    return $"A submission port answered but could not be used safely ({sending.Problem}). No password was sent.";
                default:
                    return $"No submission port (465, 587) answered on {sending.Server}; the provider may use another host for sending (Find-MailServer shows it).";
            }
        }

        static string LimitsMeaning(MailServerCandidate? used)
        {
            if (used == null)
                return "Nothing to report without a working submission port.";
            var text = new List<string>();
            text.Add(used.MaxMessageSize.HasValue
                ? $"Messages larger than {ComparisonBuilder.Size(used.MaxMessageSize.Value)} are refused; attachments grow by about a third when sent, so the largest file is smaller."
                : "The server announces no size limit; it may still refuse very large messages.");
            if (used.AuthenticationMechanisms.Any(m => m == "XOAUTH2" || m == "OAUTHBEARER"))
                text.Add("It also takes OAuth sign-in (XOAUTH2/OAUTHBEARER).");
            return string.Join(" ", text);
        }

        static string VerdictText(ProtocolComparison c, SendingFacts sending)
        {
            var text = new List<string>();
            if (sending.State == SideState.Measured && sending.Login == SmtpLoginResult.Accepted && sending.Used is { } used) // a login was tried, so on a port
                text.Add($"Sending works through {used.Host} (port {used.Port}); nothing was sent to check it.");
            else if (sending.State == SideState.LoginRefused)
                text.Add($"Sending will fail: {sending.Server} refused the password for sending.");
            else if (sending.State != SideState.Measured)
                text.Add($"Sending could not be checked on {sending.Server} ({ComparisonBuilder.ProblemText(sending.State, sending.Problem, "SMTP")}).");
            if (c.ImapAvailable == true)
                text.Add(c.SentFolder != null
                    ? $"Copies of sent mail: IMAP clients keep them in '{c.SentFolder}' on the server ({ComparisonBuilder.Count(c.SentCount ?? 0)}), where every device sees them."
                    : "Copies of sent mail: this account has no Sent folder on the server, so set each IMAP client to create one.");
            if (c.Pop3Available == true)
                text.Add("A device set up with POP3 keeps what it sends only on itself: there is no copy on the server, so the phone never sees what the laptop sent.");
            return string.Join(" ", text);
        }
    }
}
