using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensions.Msal;
using MailTools.Core.Errors;

namespace MailTools.Core.SignIn
{
    /// <summary>
    /// Where MSAL keeps its tokens between runs (Microsoft.Identity.Client.Extensions.Msal): DPAPI on Windows,
    /// the Keychain on macOS, libsecret on Linux. Without a keyring the cache stays in this process's memory (with a
    /// warning) unless the user named a file (-TokenCachePath), which is then readable by its owner only.
    /// </summary>
    public static class TokenCacheStore
    {
        /// <summary>The name of the MSAL cache, in MailTools' settings folder or the keyring.</summary>
        public const string CacheFileName = "mailtools.msalcache";

        /// <summary>The folder for the keyring-protected cache file (DPAPI on Windows; a stub file elsewhere).</summary>
        public static string DefaultDirectory(Func<string, string?> environment)
        {
            string? config = environment("MAILTOOLS_CONFIG");
            if (config != null && config.Length > 0)
                return Path.GetDirectoryName(Path.GetFullPath(config)) ?? config;
            string local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(string.IsNullOrEmpty(local) ? Path.GetTempPath() : local, "MailTools");
        }

        /// <summary>Connects MSAL's user cache to persistent storage; returns a one-line description of where it is.</summary>
        public static string Attach(ITokenCache cache, string? explicitFile, IOutputWriter writer)
        {
            if (!string.IsNullOrEmpty(explicitFile))
            {
                string full = Path.GetFullPath(explicitFile);
                var props = OwnerOnlyFileProperties(full);
                try
                {
                    MsalCacheHelper.CreateAsync(props).GetAwaiter().GetResult().RegisterCache(cache);
                }
                catch (MsalCachePersistenceException ex)
                {
                    throw Unusable(full, ex);
                }
                return $"the file {full} (readable by its owner only)";
            }

            try
            {
                var helper = MsalCacheHelper.CreateAsync(KeyringProperties(CacheFileName, "MSALCache", "org.mailtools.tokencache", "MailTools token cache")).GetAwaiter().GetResult();
                helper.VerifyPersistence();
                helper.RegisterCache(cache);
                return "the system keyring";
            }
            catch (Exception ex) when (ex is MsalCachePersistenceException || ex is DllNotFoundException || ex is TypeInitializationException || ex is PlatformNotSupportedException || ex is IOException || ex is UnauthorizedAccessException)
            {
                NoKeyring(writer, "Microsoft", ex);
                return "memory (this PowerShell session only)";
            }
        }

        /// <summary>
        /// The keyring entry (libsecret), Keychain item or DPAPI file for one kind of token cache. The Google refresh
        /// tokens use their own entry beside MSAL's, through the same library (see GoogleTokenStore).
        /// </summary>
        internal static StorageCreationProperties KeyringProperties(string fileName, string keychainAccount, string schema, string label) =>
            new StorageCreationPropertiesBuilder(fileName, DefaultDirectory(Environment.GetEnvironmentVariable))
                .WithMacKeyChain("MailTools", keychainAccount)
                .WithLinuxKeyring(schema, MsalCacheHelper.LinuxKeyRingDefaultCollection, label,
                    new KeyValuePair<string, string>("Version", "1"), new KeyValuePair<string, string>("Product", keychainAccount == "MSALCache" ? "MailTools" : "MailTools " + keychainAccount))
                .Build();

        /// <summary>An explicit cache file: created readable by its owner only before anything lands in it.</summary>
        internal static StorageCreationProperties OwnerOnlyFileProperties(string full)
        {
            try
            {
                string dir = Path.GetDirectoryName(full) ?? full;   // full is a file path; null only for a root
                Directory.CreateDirectory(dir);
                OwnerOnlyFile.Create(full);
                return new StorageCreationPropertiesBuilder(Path.GetFileName(full), dir).WithUnprotectedFile().Build();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Unusable(full, ex);
            }
        }

        internal static MailToolsException Unusable(string full, Exception ex) =>
            new MailToolsException(ErrorIds.TokenCacheUnavailable, MailErrorKind.WriteError,
                $"The token cache file '{full}' cannot be used: {ex.Message}", full, ex)
            { RecommendedAction = "Choose a -TokenCachePath in a folder only you can write to." };

        // No keyring (a server, a container, SSH without a desktop session): the sign-in still works, but only for
        // this PowerShell session.
        internal static void NoKeyring(IOutputWriter writer, string provider, Exception ex) =>
            writer.Warning("No keyring is available on this computer (" + FirstLine(ex.Message) + $"), so the {provider} sign-in is kept in memory for this PowerShell session only. " +
                "For scheduled runs, pass -TokenCachePath <file> (a file only you can read) when you connect or register the account.");

        static string FirstLine(string message)
        {
            string line = (message ?? string.Empty).Split('\n')[0].Trim();
            return line.Length > 160 ? line.Substring(0, 160) + "…" : line;
        }
    }
}
