using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MailTools.Core.Errors;
using MailTools.Core.Text;

namespace MailTools.Core.Accounts
{
    /// <summary>
    /// The account profiles: one JSON file in the user's config folder, read strictly (a hand-edit mistake is
    /// reported with file and line, and the file is then never overwritten) and written atomically
    /// (temp file, flush to disk, rename). It holds no password.
    /// </summary>
    public sealed partial class AccountStore
    {
        /// <summary>The name of the accounts file in MailTools' settings folder.</summary>
        public const string FileName = "accounts.json";
        const int CurrentVersion = 1;

        static readonly JsonSerializerOptions s_json = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Metadata from the source generator (AccountStore.JsonContext.cs), not reflection: cheaper on a cold start.
            TypeInfoResolver = JsonContext.Default,
        };

        /// <summary>A store over the accounts file at <paramref name="path"/> (created on the first save).</summary>
        public AccountStore(string path)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        /// <summary>The full path of the accounts file.</summary>
        public string Path { get; }

        /// <summary>
        /// $env:MAILTOOLS_CONFIG (a file, or a folder holding accounts.json) wins; else %APPDATA%\MailTools on Windows,
        /// $XDG_CONFIG_HOME/MailTools or ~/.config/MailTools elsewhere.
        /// </summary>
        public static string DefaultPath(Func<string, string?> getEnvironment, bool isWindows)
        {
            string? overridePath = getEnvironment("MAILTOOLS_CONFIG");
            if (overridePath != null && !string.IsNullOrWhiteSpace(overridePath))
                return overridePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? overridePath : System.IO.Path.Combine(overridePath, FileName);
            string folder;
            if (isWindows)
                folder = System.IO.Path.Combine(getEnvironment("APPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "MailTools");
            else
            {
                string? xdg = getEnvironment("XDG_CONFIG_HOME");
                string home = getEnvironment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                folder = System.IO.Path.Combine(xdg == null || string.IsNullOrWhiteSpace(xdg) ? System.IO.Path.Combine(home, ".config") : xdg, "MailTools");
            }
            return System.IO.Path.Combine(folder, FileName);
        }

        /// <summary>All profiles; an absent file is an empty list. A broken file is an error that names it and the line.</summary>
        public IList<MailAccount> Load()
        {
            if (!File.Exists(Path))
                return new List<MailAccount>();
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(Path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new MailToolsException(ErrorIds.AccountFileUnreadable, MailErrorKind.ReadError,
                    $"The account file '{Path}' cannot be read: {ex.Message}", Path, ex);
            }
            AccountFile? file;
            try
            {
                file = JsonSerializer.Deserialize<AccountFile>(bytes, s_json);
            }
            catch (JsonException ex)
            {
                string line = ex.LineNumber.HasValue ? $" at line {ex.LineNumber.Value + 1}" : string.Empty;
                string where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" ({ex.Path})";
                throw Invalid($"is not valid{line}{where}: {FirstSentence(ex.Message)}", ex);
            }
            if (file == null)
                throw Invalid("is empty (it holds 'null').", null);
            if (file.Version != CurrentVersion)
                throw Invalid($"has version {file.Version}; this MailTools reads version {CurrentVersion}.", null);
            var accounts = file.Accounts ?? new List<MailAccount>();
            for (int i = 0; i < accounts.Count; i++)
            {
                var a = accounts[i];
                if (a == null || string.IsNullOrWhiteSpace(a.Name) || string.IsNullOrWhiteSpace(a.Server) || string.IsNullOrWhiteSpace(a.UserName))
                    throw Invalid($"has an account (number {i + 1} in 'accounts') without a name, server or userName.", null);
            }
            var duplicate = accounts.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
                throw Invalid($"has the account name '{duplicate.Key}' twice.", null);
            return accounts;
        }

        /// <summary>Profiles whose name matches any of the patterns (all when none given), sorted by name.</summary>
        public IList<MailAccount> Find(IEnumerable<string>? names, IList<string>? missing = null)
        {
            var all = Load();
            if (names == null || !names.Any())
                return all.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var picked = new List<MailAccount>();
            foreach (var name in names)
            {
                var pattern = new NamePattern(name);
                var hits = all.Where(a => pattern.IsMatch(a.Name)).ToList();
                if (hits.Count == 0 && !pattern.HasWildcards)
                    missing?.Add(name);
                picked.AddRange(hits.Where(h => !picked.Contains(h)));
            }
            return picked.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>The saved account named <paramref name="name"/> (any case); an AccountNotFound error when there is none.</summary>
        public MailAccount Get(string name)
        {
            var account = Load().FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
            if (account == null)
                throw NotFound(name);
            return account;
        }

        /// <summary>The error for a name with no saved account: names the file and says how to list or save accounts.</summary>
        public MailToolsException NotFound(string name) =>
            new MailToolsException(ErrorIds.AccountNotFound, MailErrorKind.ObjectNotFound,
                $"There is no saved account named '{name}' in '{Path}'.", name)
            { RecommendedAction = "List the saved accounts with Get-MailAccount, or save this one with Register-MailAccount." };

        /// <summary>
        /// Register-MailAccount: an existing account of that name is refused unless <paramref name="force"/>, and a replaced
        /// one keeps its Created date. The file is read first (a broken file stops here, before any secret is stored);
        /// <paramref name="storeSecret"/> (the vault, PowerShell-side) runs after the checks and before the write.
        /// </summary>
        public void Register(MailAccount account, bool force, Action<MailAccount>? storeSecret = null)
        {
            if (account == null) throw new ArgumentNullException(nameof(account));
            var existing = Find(new[] { account.Name });
            if (existing.Count > 0 && !force)
                throw Exists(account.Name);
            if (existing.Count > 0)
                account.Created = existing[0].Created;
            storeSecret?.Invoke(account);
            Save(account, replace: true);
        }

        MailToolsException Exists(string name) =>
            new MailToolsException(ErrorIds.AccountExists, MailErrorKind.InvalidOperation,
                $"An account named '{name}' is already saved in '{Path}'.", name)
            { RecommendedAction = "Change it with Set-MailAccount, or add -Force to replace it." };

        /// <summary>Adds or replaces (by name) one profile and writes the file atomically.</summary>
        public void Save(MailAccount account, bool replace)
        {
            var all = Load();
            int index = IndexOf(all, account.Name);
            if (index >= 0 && !replace)
                throw Exists(account.Name);
            if (index >= 0)
                all[index] = account;
            else
                all.Add(account);
            Write(all);
        }

        /// <summary>Deletes the saved account <paramref name="name"/>; false when there was none (the file is left as it was).</summary>
        public bool Remove(string name)
        {
            var all = Load();
            int index = IndexOf(all, name);
            if (index < 0)
                return false;
            all.RemoveAt(index);
            Write(all);
            return true;
        }

        static int IndexOf(IList<MailAccount> all, string name)
        {
            for (int i = 0; i < all.Count; i++)
                if (string.Equals(all[i].Name, name, StringComparison.OrdinalIgnoreCase))
                    return i;
            return -1;
        }

        void Write(IList<MailAccount> accounts)
        {
            var file = new AccountFile { Version = CurrentVersion, Accounts = accounts.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList() };
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(file, s_json);
            string full = System.IO.Path.GetFullPath(Path);
            string dir = System.IO.Path.GetDirectoryName(full) ?? full;   // null only for a root, which is no file
            string temp = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                Directory.CreateDirectory(dir);
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
                if (File.Exists(Path))
                    File.Replace(temp, Path, null);
                else
                    File.Move(temp, Path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                try { File.Delete(temp); } catch (Exception) { /* best effort */ }
                throw new MailToolsException(ErrorIds.AccountFileUnwritable, MailErrorKind.WriteError,
                    $"The account file '{Path}' cannot be written: {ex.Message}", Path, ex)
                { RecommendedAction = "Check the folder's permissions, or point $env:MAILTOOLS_CONFIG at a folder you can write to." };
            }
        }

        MailToolsException Invalid(string what, Exception? inner) =>
            new MailToolsException(ErrorIds.AccountFileInvalid, MailErrorKind.InvalidData, $"The account file '{Path}' {what}", Path, inner)
            { RecommendedAction = "Correct the file by hand (MailTools will not overwrite it while it is broken), or move it aside and register the accounts again." };

        static string FirstSentence(string message)
        {
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).Trim();
        }

        sealed class AccountFile
        {
            public int Version { get; set; }
            public List<MailAccount>? Accounts { get; set; }
        }
    }
}
