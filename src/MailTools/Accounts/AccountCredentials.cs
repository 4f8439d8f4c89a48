using System.Management.Automation;
using MailTools.Core.Errors;

namespace MailTools.Accounts
{
    /// <summary>
    /// Finds the password for a saved account: -Credential, else the vault, else a prompt, else a clear error.
    /// A credential is only ever used for its own user: one for another user is refused before anything is sent,
    /// so `Get-MailAccount | Connect-MailServer -Credential $c` never sprays one password across accounts.
    /// </summary>
    internal static class AccountCredentials
    {
        public static PSCredential Resolve(PSCmdlet cmdlet, string profilePath, MailAccount account, PSCredential? given, bool allowPrompt)
        {
            if (given != null)
                return ForAccount(account, given);
            if (account.SignIn != SignInMethod.Password && account.SignIn != SignInMethod.MicrosoftClientSecret && !KeyInVault(account))
                return new PSCredential(account.UserName, new System.Security.SecureString()); // the token source signs in
            var saved = new CredentialVault(cmdlet, profilePath).Load(account);
            if (saved != null)
                return saved;
            if (allowPrompt && account.SignIn == SignInMethod.Password)
            {
                // Through Get-Credential (not Host.UI directly): the console prompt on pwsh, the dialog on Windows
                // PowerShell, and a clean failure on a non-interactive host such as a scheduled task.
                try
                {
                    var script = ScriptBlock.Create("param($u, $m) Get-Credential -UserName $u -Message $m -ErrorAction Stop");
                    var prompted = cmdlet.InvokeCommand.InvokeScript(true, script, null, account.UserName,
                        $"Password for {account.UserName} ({account.Name} on {account.Server})");
                    foreach (var o in prompted)
                        if (o?.BaseObject is PSCredential c && c.Password != null && c.Password.Length > 0)
                            return ForAccount(account, c);
                }
                catch (RuntimeException) { /* non-interactive, or the user cancelled */ }
            }
            if (KeyInVault(account))
                throw new MailToolsException(ErrorIds.CredentialMissing, MailErrorKind.ObjectNotFound,
                    $"No service account key is saved for account '{account.Name}' (service account {account.ClientId}).", account)
                { RecommendedAction = $"Save it in the vault: Set-MailAccount -Name '{account.Name}' -GoogleServiceAccountKeyPath <key.json>. " + CredentialVault.HowToGetAVault };
            if (account.SignIn == SignInMethod.MicrosoftClientSecret)
                throw new MailToolsException(ErrorIds.CredentialMissing, MailErrorKind.ObjectNotFound,
                    $"No client secret is saved for account '{account.Name}' (app {account.ClientId}).", account)
                { RecommendedAction = $"Save it in the vault: Set-MailAccount -Name '{account.Name}' -ClientSecret (Read-Host -AsSecureString). " + CredentialVault.HowToGetAVault };
            throw new MailToolsException(ErrorIds.CredentialMissing, MailErrorKind.ObjectNotFound,
                $"No password is saved for account '{account.Name}' ({account.UserName} on {account.Server}), and none was given.", account)
            { RecommendedAction = "Pass -Credential (Get-Credential " + account.UserName + "). " + CredentialVault.HowToGetAVault };
        }

        // A Google service account whose key is kept in the vault (accounts saved before that named a key file instead).
        static bool KeyInVault(MailAccount account) =>
            account.SignIn == SignInMethod.GoogleServiceAccount && string.IsNullOrEmpty(account.GoogleServiceAccountKeyPath);

        /// <summary>The account's user with the given password, if the credential is for that user (case aside).</summary>
        static PSCredential ForAccount(MailAccount account, PSCredential given)
        {
            // A leading backslash is how Get-Credential on Windows PowerShell shows a user typed without a domain.
            string user = (given.UserName ?? string.Empty).TrimStart('\\');
            if (user.Length > 0 && !string.Equals(user, account.UserName, System.StringComparison.OrdinalIgnoreCase))
                throw new MailToolsException(ErrorIds.CredentialUserMismatch, MailErrorKind.InvalidArgument,
                    $"The credential given is for '{user}', but account '{account.Name}' logs in as '{account.UserName}' on {account.Server}. " +
                    "MailTools uses a password only for its own user, so nothing was sent.", account)
                {
                    RecommendedAction = $"Pass -Credential (Get-Credential {account.UserName}) for this account, or leave -Credential out to use its saved password.",
                };
            return new PSCredential(account.UserName, given.Password);
        }
    }
}
