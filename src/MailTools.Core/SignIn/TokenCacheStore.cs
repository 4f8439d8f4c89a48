#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
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
        public const string CacheFileName = "mailtools.msalcache";

        /// <summary>The folder for the keyring-protected cache file (DPAPI on Windows; a stub file elsewhere).</summary>
        public static string DefaultDirectory(Func<string, string> environment)
        {
            string config = environment("MAILTOOLS_CONFIG");
            if (!string.IsNullOrEmpty(config))
                return Path.GetDirectoryName(Path.GetFullPath(config)) ?? config;
            string local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(string.IsNullOrEmpty(local) ? Path.GetTempPath() : local, "MailTools");
        }

        /// <summary>Connects MSAL's user cache to persistent storage; returns a one-line description of where it is.</summary>
        public static string Attach(ITokenCache cache, string explicitFile, IOutputWriter writer)
        {
            if (!string.IsNullOrEmpty(explicitFile))
            {
                string full = Path.GetFullPath(explicitFile);
                string dir = Path.GetDirectoryName(full);
                try
                {
                    Directory.CreateDirectory(dir);
                    // The library writes the file with mode 600 on Linux and macOS; we make sure of it before the first
                    // token lands (see OwnerOnlyFile).
                    OwnerOnlyFile.Create(full);
                    var props = new StorageCreationPropertiesBuilder(Path.GetFileName(full), dir).WithUnprotectedFile().Build();
                    MsalCacheHelper.CreateAsync(props).GetAwaiter().GetResult().RegisterCache(cache);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is MsalCachePersistenceException)
                {
                    throw new MailToolsException(ErrorIds.TokenCacheUnavailable, MailErrorKind.WriteError,
                        $"The token cache file '{full}' cannot be used: {ex.Message}", full, ex)
                    { RecommendedAction = "Choose a -TokenCachePath in a folder only you can write to." };
                }
                return $"the file {full} (readable by its owner only)";
            }

            try
            {
                var props = new StorageCreationPropertiesBuilder(CacheFileName, DefaultDirectory(Environment.GetEnvironmentVariable))
                    .WithMacKeyChain("MailTools", "MSALCache")
                    .WithLinuxKeyring("org.mailtools.tokencache", MsalCacheHelper.LinuxKeyRingDefaultCollection, "MailTools token cache",
                        new KeyValuePair<string, string>("Version", "1"), new KeyValuePair<string, string>("Product", "MailTools"))
                    .Build();
                var helper = MsalCacheHelper.CreateAsync(props).GetAwaiter().GetResult();
                helper.VerifyPersistence();
                helper.RegisterCache(cache);
                return "the system keyring";
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // No keyring (a server, a container, SSH without a desktop session): the sign-in still works, but
                // only for this PowerShell session.
                writer.Warning("No keyring is available on this computer (" + FirstLine(ex.Message) + "), so the Microsoft sign-in is kept in memory for this PowerShell session only. " +
                    "For scheduled runs, pass -TokenCachePath <file> (a file only you can read) when you connect or register the account.");
                return "memory (this PowerShell session only)";
            }
        }

        static string FirstLine(string message)
        {
            string line = (message ?? string.Empty).Split('\n')[0].Trim();
            return line.Length > 160 ? line.Substring(0, 160) + "…" : line;
        }
    }
}
