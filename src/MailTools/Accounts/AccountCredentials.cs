using System.Management.Automation;
using MailTools.Core.Errors;

namespace MailTools.Accounts
{
    /// <summary>Finds the password for a saved account: -Credential, else the vault, else a prompt, else a clear error.</summary>
    internal static class AccountCredentials
    {
        public static PSCredential Resolve(PSCmdlet cmdlet, string profilePath, MailAccount account, PSCredential given, bool allowPrompt)
        {
            if (given != null)
                return new PSCredential(account.UserName, given.Password);
            if (account.SignIn != SignInMethod.Password && account.SignIn != SignInMethod.MicrosoftClientSecret)
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
                            return new PSCredential(account.UserName, c.Password);
                }
                catch (RuntimeException) { /* non-interactive, or the user cancelled */ }
            }
            if (account.SignIn == SignInMethod.MicrosoftClientSecret)
                throw new MailToolsException(ErrorIds.CredentialMissing, MailErrorKind.ObjectNotFound,
                    $"No client secret is saved for account '{account.Name}' (app {account.ClientId}).", account)
                { RecommendedAction = $"Save it in the vault: Set-MailAccount -Name '{account.Name}' -ClientSecret (Read-Host -AsSecureString). " + CredentialVault.HowToGetAVault };
            throw new MailToolsException(ErrorIds.CredentialMissing, MailErrorKind.ObjectNotFound,
                $"No password is saved for account '{account.Name}' ({account.UserName} on {account.Server}), and none was given.", account)
            { RecommendedAction = "Pass -Credential (Get-Credential " + account.UserName + "). " + CredentialVault.HowToGetAVault };
        }
    }
}
