using MailKit;
using MailKit.Net.Imap;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;
using Xunit;

namespace MailTools.Core.Tests
{
    /// <summary>What the server refuses (quota, rights, read-only folders) gets its own ErrorId, not "command failed" or "unexpected".</summary>
    public class ErrorTranslatorRefusalTests
    {
        static readonly ServerEndpoint Where = new ServerEndpoint("mail.example.org", 993, MailProtocol.Imap, "owner@example.org", 30);

        [Fact]
        public void Over_quota_is_QuotaExceeded_and_names_the_account()
        {
            var error = MailErrorTranslator.Translate(new ImapCommandException(ImapCommandResponse.No, "Quota exceeded (mailbox for user is full)"), Where);
            Assert.Equal(ErrorIds.QuotaExceeded, error.ErrorId);
            Assert.Equal(MailErrorKind.QuotaExceeded, error.Kind);
            Assert.Contains("owner@example.org", error.Message);
            Assert.Contains("Invoke-MailCleanup", error.RecommendedAction);
        }

        [Fact]
        public void No_permission_is_PermissionDenied()
        {
            var error = MailErrorTranslator.Translate(new ImapCommandException(ImapCommandResponse.No, "Permission denied"), Where);
            Assert.Equal(ErrorIds.PermissionDenied, error.ErrorId);
            Assert.Equal(MailErrorKind.PermissionDenied, error.Kind);
        }

        [Fact]
        public void A_folder_opened_read_only_is_FolderReadOnly_with_its_name()
        {
            var error = MailErrorTranslator.Translate(new FolderNotOpenException("Shared/Board", FolderAccess.ReadWrite), Where);
            Assert.Equal(ErrorIds.FolderReadOnly, error.ErrorId);
            Assert.Equal(MailErrorKind.PermissionDenied, error.Kind);
            Assert.Contains("Shared/Board", error.Message);
            Assert.Contains("mail.example.org", error.Message);
        }

        [Fact]
        public void A_server_that_hangs_up_is_ConnectionLost_not_a_protocol_error()
        {
            var error = MailErrorTranslator.Translate(new ImapProtocolException("The IMAP server has unexpectedly disconnected."), Where);
            Assert.Equal(ErrorIds.ConnectionLost, error.ErrorId);
            Assert.Contains("Run the command again", error.RecommendedAction);
        }

        [Fact]
        public void A_BYE_is_ConnectionLost_and_a_garbled_reply_stays_ProtocolError()
        {
            var bye = MailErrorTranslator.Translate(new ImapProtocolException("Server shutting down."), Where);
            Assert.Equal(ErrorIds.ConnectionLost, bye.ErrorId);
            Assert.Contains("Server shutting down.", bye.Message);
            var garbled = MailErrorTranslator.Translate(new ImapProtocolException("Syntax error in FETCH response. Unexpected token: ["), Where);
            Assert.Equal(ErrorIds.ProtocolError, garbled.ErrorId);
        }

        [Fact]
        public void Other_refusals_stay_CommandFailed()
        {
            var error = MailErrorTranslator.Translate(new ImapCommandException(ImapCommandResponse.No, "Mailbox is busy"), Where);
            Assert.Equal(ErrorIds.CommandFailed, error.ErrorId);
        }
    }
}
