using System;
using System.Net;
using System.Security;
using MailTools.Core.Sessions;

namespace MailTools.Core.Accounts
{
    /// <summary>What Test-MailAccount checks for one account; the password is asked for only when the test starts.</summary>
    public sealed class AccountTestRequest
    {
        /// <summary>The account to test and how to get its password when the test starts.</summary>
        public AccountTestRequest(MailAccount account, Func<NetworkCredential> credential)
        {
            Account = account ?? throw new ArgumentNullException(nameof(account));
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
        }

        /// <summary>The saved (or discovered) account.</summary>
        public MailAccount Account { get; }
        /// <summary>The password (vault, -Credential); a failure here is the test's result, not an exception.</summary>
        public Func<NetworkCredential> Credential { get; }
        /// <summary>A token made elsewhere, used instead of the saved sign-in.</summary>
        public SecureString? AccessToken { get; set; }
        /// <summary>How long one connection attempt may take.</summary>
        public int TimeoutSeconds { get; set; } = 30;
        /// <summary>Whether a sign-in may show a prompt (device code, browser).</summary>
        public bool Interactive { get; set; }
        /// <summary>Also check sending: SMTP submission, TLS, AUTH; never sends a message.</summary>
        public bool Smtp { get; set; }
    }
}
