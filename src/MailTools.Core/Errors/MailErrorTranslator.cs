using System;
using System.IO;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Security;
using MailTools.Core.Sessions;

namespace MailTools.Core.Errors
{
    /// <summary>
    /// The one place MailKit, socket and TLS exceptions become <see cref="MailToolsException"/>s with a stable
    /// ErrorId and a message that names the server and the account and says what to do.
    /// </summary>
    public static class MailErrorTranslator
    {
        /// <summary>
        /// Turns any failure talking to <paramref name="where"/> into a MailToolsException (one already translated comes
        /// back as is); <paramref name="certificate"/>, when given, explains a rejected TLS certificate.
        /// </summary>
        public static MailToolsException Translate(Exception ex, ServerEndpoint? where, CertificateCheck? certificate = null)
        {
            if (ex is MailToolsException mt)
                return mt;
            where = where ?? ServerEndpoint.Unknown;
            string at = where.Describe();

            // Provider limits first: Gmail's bandwidth limit comes as [OVERQUOTA], its connection limit as a failed login.
            if (!(ex is OperationCanceledException))
            {
                var signal = ThrottleReply.Classify(ex);
                if (signal != null)
                    return ThrottleErrors.Met(signal, where, ex);
            }

            switch (ex)
            {
                case OperationCanceledException oce:
                    return new MailToolsException(ErrorIds.Stopped, MailErrorKind.OperationStopped,
                        $"The operation on the {at} was stopped.", where, oce);

                case AuthenticationException auth:
                    return new MailToolsException(ErrorIds.AuthenticationFailed, MailErrorKind.AuthenticationError,
                        $"The {at} rejected the login for user '{where.UserName}': {Trim(auth.Message)}",
                        where, auth)
                    {
                        RecommendedAction = "Check the user name and password (some providers need an app password), then connect again.",
                    };

                case SslHandshakeException tls:
                    return TranslateTls(tls, where, certificate);

                case FolderNotFoundException fnf:
                    return FolderNotFound(fnf.FolderName, where, fnf);

                case NotSupportedException ns when ns.Message.IndexOf("STARTTLS", StringComparison.OrdinalIgnoreCase) >= 0:
                    return new MailToolsException(ErrorIds.StartTlsNotOffered, MailErrorKind.SecurityError,
                        $"The {at} does not offer STARTTLS, so MailTools refused to log in over an unencrypted connection. No password was sent.",
                        where, ns)
                    {
                        RecommendedAction = $"Use the server's TLS port ({(where.Protocol == MailProtocol.Pop3 ? 995 : 993)}) with -Security SslOnConnect; only on a trusted network add -Security None -AllowInsecureAuthentication.",
                    };

                // RFC 5530 response codes: [OVERQUOTA] / [NOPERM]. MailKit keeps the text after the code, which servers
                // word after the code ("Quota exceeded (mailbox for user is full)"), so both are checked.
                case ImapCommandException ic when Mentions(ic, "OVERQUOTA", "quota"):
                    return new MailToolsException(ErrorIds.QuotaExceeded, MailErrorKind.QuotaExceeded,
                        $"The {at} refused to store messages for '{where.UserName}': the account's quota is full ({Trim(ic.ResponseText)}). Messages not yet moved stay where they were.", where, ic)
                    { RecommendedAction = "Free space on the server (empty Trash, delete or archive old mail with Invoke-MailCleanup -Action Delete or Archive) or raise the quota, then run the command again." };

                case ImapCommandException ic when Mentions(ic, "NOPERM", "permission"):
                    return new MailToolsException(ErrorIds.PermissionDenied, MailErrorKind.PermissionDenied,
                        $"The {at} does not allow '{where.UserName}' to do this: {Trim(ic.ResponseText)}", where, ic)
                    { RecommendedAction = "Ask the mailbox's owner or administrator for the rights (IMAP ACL, RFC 4314), or leave this folder out." };

                // The server opened the folder READ-ONLY (RFC 3501 SELECT; e.g. an ACL without the 't'/'e' rights), so MailKit
                // refuses to change it: nothing was sent, nothing changed.
                case FolderNotOpenException fno when fno.FolderAccess == FolderAccess.ReadWrite:
                    return new MailToolsException(ErrorIds.FolderReadOnly, MailErrorKind.PermissionDenied,
                        $"The folder '{fno.FolderName}' on the {at} is read-only for '{where.UserName}' (the server opened it READ-ONLY), so MailTools changed nothing in it.", fno.FolderName, fno)
                    { RecommendedAction = "Ask the folder's owner or administrator for write and delete rights (IMAP ACL, RFC 4314), or leave this folder out." };

                case ImapCommandException ic:
                    return new MailToolsException(ErrorIds.CommandFailed, MailErrorKind.InvalidOperation,
                        $"The {at} refused the command: {ic.Response} {Trim(ic.ResponseText)}", where, ic);

                case Pop3CommandException pc:
                    return new MailToolsException(ErrorIds.CommandFailed, MailErrorKind.InvalidOperation,
                        $"The {at} refused the command: {Trim(pc.StatusText ?? pc.Message)}", where, pc);

                case ServiceNotConnectedException snc:
                    return new MailToolsException(ErrorIds.ConnectionLost, MailErrorKind.ConnectionError,
                        $"The connection to the {at} is closed.", where, snc)
                    { RecommendedAction = "Connect again with Connect-MailServer." };

                // MailKit says so when the stream ends: a server restart or "* BYE" is a lost connection, not a bad reply.
                case ProtocolException pe when (pe.Message ?? "").IndexOf("unexpectedly disconnected", StringComparison.OrdinalIgnoreCase) >= 0:
                    return ConnectionLost(where, pe);

                // A reply MailKit cannot parse says so ("Syntax error in ...", "Unexpected token ..."); any other protocol
                // exception carries the server's "* BYE" text (RFC 3501 7.1.5): the server hung up.
                case ProtocolException pe when FindSocketError(pe) == null && !(pe.InnerException is IOException)
                                               && !IsParseError(pe):
                    return new MailToolsException(ErrorIds.ConnectionLost, MailErrorKind.ConnectionError,
                        $"The {at} closed the connection: {Trim(pe.Message)}", where, pe)
                    { RecommendedAction = "Run the command again; MailTools reconnects and carries on where it stopped." };

                case ProtocolException pe when FindSocketError(pe) == null && !(pe.InnerException is IOException):
                    return new MailToolsException(ErrorIds.ProtocolError, MailErrorKind.ProtocolError,
                        $"The {at} sent a reply MailTools could not understand: {Trim(pe.Message)}", where, pe)
                    { RecommendedAction = "Run again with -ProtocolLogPath on Connect-MailServer and look at the last lines of the log." };

                case TimeoutException te:
                    return Timeout(where, te);
            }

            var socket = FindSocketError(ex);
            if (socket != null)
            {
                switch (socket.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                        return new MailToolsException(ErrorIds.ConnectionRefused, MailErrorKind.ConnectionError,
                            $"The {at} refused the connection: nothing is listening on port {where.Port}.", where, ex)
                        { RecommendedAction = "Check the server name and port (IMAP: 993 TLS or 143 STARTTLS; POP3: 995 TLS or 110 STARTTLS) and that the server is running." };
                    case SocketError.HostNotFound:
                    case SocketError.NoData:
                    case SocketError.TryAgain:
                        return new MailToolsException(ErrorIds.HostNotFound, MailErrorKind.ObjectNotFound,
                            $"The server name '{where.Server}' could not be found (DNS).", where, ex)
                        { RecommendedAction = "Check the spelling of -Server, or use the server's IP address." };
                    case SocketError.TimedOut:
                        return Timeout(where, ex);
                    case SocketError.ConnectionReset:
                    case SocketError.ConnectionAborted:
                    case SocketError.Shutdown:
                        return ConnectionLost(where, ex);
                }
            }

            if (ex is IOException || ex is ProtocolException || ex is SocketException)
                return ConnectionLost(where, ex);

            return new MailToolsException(ErrorIds.Unexpected, MailErrorKind.NotSpecified,
                $"Unexpected error talking to the {at}: {ex.GetType().Name}: {Trim(ex.Message)}", where, ex);
        }

        static bool IsParseError(ProtocolException pe) =>
            (pe.Message ?? "").IndexOf("Syntax error", StringComparison.OrdinalIgnoreCase) >= 0
            || (pe.Message ?? "").IndexOf("Unexpected token", StringComparison.OrdinalIgnoreCase) >= 0
            || (pe.Message ?? "").IndexOf("unexpected", StringComparison.OrdinalIgnoreCase) >= 0 && (pe.Message ?? "").IndexOf("disconnected", StringComparison.OrdinalIgnoreCase) < 0;

        static bool Mentions(ImapCommandException ic, string code, string word) =>
            (ic.ResponseText ?? "").IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0
            || (ic.Message ?? "").IndexOf(code, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The error for a folder name the server does not know (ErrorId MailToolsFolderNotFound).</summary>
        public static MailToolsException FolderNotFound(string folder, ServerEndpoint? where, Exception? inner = null) =>
            new MailToolsException(ErrorIds.FolderNotFound, MailErrorKind.ObjectNotFound,
                $"The folder '{folder}' does not exist on the {where?.Describe() ?? "server"}.", folder, inner)
            { RecommendedAction = "List the folders with Get-MailFolder and check the spelling (names are case-sensitive except INBOX)." };

        /// <summary>A hierarchy-only folder (RFC 3501 \Noselect, RFC 5258 \NonExistent): it has sub-folders but cannot hold messages.</summary>
        public static MailToolsException FolderNotSelectable(string folder, ServerEndpoint? where) =>
            new MailToolsException(ErrorIds.FolderNotSelectable, MailErrorKind.InvalidOperation,
                $"The folder '{folder}' on the {where?.Describe() ?? "server"} is not selectable: it only holds sub-folders, never messages (\\Noselect or \\NonExistent).", folder)
            { RecommendedAction = $"Name one of its sub-folders (Get-MailFolder '{folder}' -Recurse lists them), or pipe Get-MailFolder output, which skips such folders." };

        /// <summary>The error for a server that did not answer within the session's timeout.</summary>
        public static MailToolsException Timeout(ServerEndpoint where, Exception inner) =>
            new MailToolsException(ErrorIds.Timeout, MailErrorKind.OperationTimeout,
                $"The {where.Describe()} did not answer within {where.TimeoutSeconds} seconds.", where, inner)
            { RecommendedAction = "Check the network and the server, or raise -TimeoutSeconds on Connect-MailServer." };

        static MailToolsException ConnectionLost(ServerEndpoint where, Exception inner) =>
            new MailToolsException(ErrorIds.ConnectionLost, MailErrorKind.ConnectionError,
                $"The connection to the {where.Describe()} was lost: {Trim(inner.Message)}", where, inner)
            { RecommendedAction = "Run the command again; MailTools reconnects and carries on where it stopped." };

        static MailToolsException TranslateTls(SslHandshakeException tls, ServerEndpoint where, CertificateCheck? certificate)
        {
            string at = where.Describe();
            // A server that accepts the connection but never answers the TLS hello is a timeout, not a TLS problem.
            for (var e = tls.InnerException; e != null; e = e.InnerException)
                if (e is TimeoutException || e is OperationCanceledException || (e is SocketException se && se.SocketErrorCode == SocketError.TimedOut))
                    return Timeout(where, tls);
            // Reset or closed while shaking hands (a server restarting, a proxy cut): the connection was lost, TLS is not
            // at fault. .NET reports a close as an IOException about an unexpected EOF (no more specific type exists).
            if (!(certificate != null && certificate.Rejected))
                for (var e = tls.InnerException; e != null; e = e.InnerException)
                    if (e is EndOfStreamException || (e is IOException && e.Message.IndexOf("EOF", StringComparison.OrdinalIgnoreCase) >= 0))
                        return ConnectionLost(where, tls);
            var reset = FindSocketError(tls);
            if (reset != null && (reset.SocketErrorCode == SocketError.ConnectionReset || reset.SocketErrorCode == SocketError.ConnectionAborted)
                && !(certificate != null && certificate.Rejected))
                return ConnectionLost(where, tls);
            if (certificate != null && certificate.Rejected)
            {
                return new MailToolsException(ErrorIds.CertificateUntrusted, MailErrorKind.SecurityError,
                    $"The TLS certificate of the {at} is not trusted ({certificate.Problem}). Subject: {certificate.Subject}; issuer: {certificate.Issuer}; thumbprint: {certificate.Thumbprint}; valid {certificate.NotBefore:yyyy-MM-dd} to {certificate.NotAfter:yyyy-MM-dd}. No password was sent.",
                    where, tls)
                {
                    RecommendedAction = "Connect using the host name on the certificate, or install the issuing CA as trusted. Only if you know this certificate is the server's, add -SkipCertificateCheck.",
                };
            }
            return new MailToolsException(ErrorIds.TlsHandshakeFailed, MailErrorKind.SecurityError,
                $"The TLS handshake with the {at} failed: {Trim(tls.InnerException?.Message ?? tls.Message)} No password was sent.",
                where, tls)
            {
                RecommendedAction = "If this port uses STARTTLS (IMAP 143, POP3 110), use -Security StartTls; if it uses TLS from the start (993, 995), use -Security SslOnConnect.",
            };
        }

        static SocketException? FindSocketError(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
                if (e is SocketException s)
                    return s;
            return null;
        }

        // MailKit messages can be multi-line; one line reads better inside an ErrorRecord.
        static string Trim(string? text) => (text ?? string.Empty).Replace("\r", " ").Replace("\n", " ").Trim();
    }
}
