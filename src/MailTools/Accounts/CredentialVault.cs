using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using MailTools.Core.Errors;

namespace MailTools.Accounts
{
    /// <summary>
    /// Keeps account passwords out of the profile file: in the user's SecretManagement vault when its cmdlets are
    /// available (called through the session's command lookup, so MailTools has no dependency on the module);
    /// on Windows without a vault, DPAPI-protected for the current user (ConvertFrom-SecureString's own DPAPI);
    /// otherwise not stored at all.
    /// </summary>
    internal sealed class CredentialVault
    {
        readonly PSCmdlet _cmdlet;
        readonly string _profilePath;

        public CredentialVault(PSCmdlet cmdlet, string profilePath)
        {
            _cmdlet = cmdlet;
            _profilePath = profilePath;
        }

        public const string HowToGetAVault =
            "Install a vault to keep passwords safely: Install-Module Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore; Register-SecretVault -Name MailTools -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault. Then run Set-MailAccount -Name <account> -Credential (Get-Credential).";

        public bool HasSecretManagement =>
            _cmdlet.InvokeCommand.GetCommand("Set-Secret", CommandTypes.All) != null
            && _cmdlet.InvokeCommand.GetCommand("Get-Secret", CommandTypes.All) != null;

        static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Stores the password; returns where it went (None when there is nowhere safe to keep it).</summary>
        public CredentialStore Store(MailAccount account, PSCredential credential)
        {
            if (HasSecretManagement)
            {
                var args = new Dictionary<string, object> { ["Name"] = account.SecretName ?? MailAccount.SecretNameFor(account.Name), ["Secret"] = credential };
                if (account.Vault is { Length: > 0 } vault)
                    args["Vault"] = vault;
                Run("Set-Secret", args, account);
                return CredentialStore.SecretManagement;
            }
            if (IsWindows)
            {
                var blob = Run("ConvertFrom-SecureString", new Dictionary<string, object> { ["SecureString"] = credential.Password }, account)
                    .Select(o => o?.BaseObject as string).FirstOrDefault();
                Directory.CreateDirectory(CredentialsDirectory);
                File.WriteAllText(DpapiPath(account), blob);
                return CredentialStore.Dpapi;
            }
            return CredentialStore.None;
        }

        /// <summary>The saved credential, or null when none is kept for this account.</summary>
        public PSCredential? Load(MailAccount account)
        {
            switch (account.CredentialStore)
            {
                case CredentialStore.SecretManagement:
                    if (!HasSecretManagement)
                        throw new MailToolsException(ErrorIds.CredentialMissing, MailErrorKind.ObjectNotFound,
                            $"The password of account '{account.Name}' is in a SecretManagement vault, but Get-Secret is not available in this session.", account.Name)
                        { RecommendedAction = "Import-Module Microsoft.PowerShell.SecretManagement (and your vault's module), or pass -Credential." };
                    var args = new Dictionary<string, object> { ["Name"] = account.SecretName ?? MailAccount.SecretNameFor(account.Name) };
                    if (account.Vault is { Length: > 0 } vault)
                        args["Vault"] = vault;
                    var secret = Run("Get-Secret", args, account).Select(o => o?.BaseObject).FirstOrDefault();
                    switch (secret)
                    {
                        case PSCredential c:
                            return new PSCredential(account.UserName, c.Password);
                        case SecureString s:
                            return new PSCredential(account.UserName, s);
                        case string plain:
                            var secure = new SecureString();
                            foreach (char ch in plain) secure.AppendChar(ch);
                            secure.MakeReadOnly();
                            return new PSCredential(account.UserName, secure);
                        default:
                            throw new MailToolsException(ErrorIds.CredentialMissing, MailErrorKind.ObjectNotFound,
                                $"The vault has no secret '{account.SecretName}' for account '{account.Name}'.", account.Name)
                            { RecommendedAction = $"Save it again: Set-MailAccount -Name '{account.Name}' -Credential (Get-Credential {account.UserName})." };
                    }
                case CredentialStore.Dpapi:
                    string file = DpapiPath(account);
                    if (!File.Exists(file))
                        return null;
                    var password = Run("ConvertTo-SecureString", new Dictionary<string, object> { ["String"] = File.ReadAllText(file).Trim() }, account)
                        .Select(o => o?.BaseObject as SecureString).FirstOrDefault();
                    return password == null ? null : new PSCredential(account.UserName, password);
                default:
                    return null;
            }
        }

        public void Remove(MailAccount account)
        {
            if (account.CredentialStore == CredentialStore.SecretManagement && _cmdlet.InvokeCommand.GetCommand("Remove-Secret", CommandTypes.All) != null)
            {
                var args = new Dictionary<string, object> { ["Name"] = account.SecretName ?? MailAccount.SecretNameFor(account.Name) };
                if (account.Vault is { Length: > 0 } vault)
                    args["Vault"] = vault;
                try { Run("Remove-Secret", args, account); }
                catch (MailToolsException ex) { _cmdlet.WriteWarning(ex.Message); }
            }
            if (account.CredentialStore == CredentialStore.Dpapi && File.Exists(DpapiPath(account)))
                File.Delete(DpapiPath(account));
        }

        string DpapiPath(MailAccount account)
        {
            string safe = string.Concat(account.Name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
            return Path.Combine(CredentialsDirectory, safe + ".dpapi");
        }

        // Beside the profile file (its full path always has a directory part).
        string CredentialsDirectory
        {
            get
            {
                string full = Path.GetFullPath(_profilePath);
                return Path.Combine(Path.GetDirectoryName(full) ?? full, "credentials");
            }
        }

        Collection Run(string command, Dictionary<string, object> parameters, MailAccount account)
        {
            try
            {
                // Parameters travel as a splatted dictionary (nothing is pasted into script text), in a local scope
                // so the param() variables never land in the caller's scope.
                var script = ScriptBlock.Create("param($__c, $__p) & $__c @__p");
                return new Collection(_cmdlet.InvokeCommand.InvokeScript(true, script, null, command, parameters));
            }
            catch (RuntimeException ex)
            {
                throw new MailToolsException(ErrorIds.SecretStoreFailed, MailErrorKind.InvalidOperation,
                    $"{command} failed for account '{account.Name}' (secret '{account.SecretName}'): {ex.Message}", account.Name, ex)
                { RecommendedAction = "Check that the vault is registered and unlocked (Get-SecretVault, Unlock-SecretStore)." };
            }
        }

        sealed class Collection : List<PSObject>
        {
            public Collection(IEnumerable<PSObject> items) : base(items ?? Enumerable.Empty<PSObject>()) { }
        }
    }
}
