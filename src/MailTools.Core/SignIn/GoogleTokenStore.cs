using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Google.Apis.Json;
using Google.Apis.Util.Store;
using Microsoft.Identity.Client.Extensions.Msal;

namespace MailTools.Core.SignIn
{
    /// <summary>
    /// Where Google.Apis.Auth keeps the installed-app sign-in (refresh token) between runs: the same places as the
    /// Microsoft cache (TokenCacheStore) — the keyring through Microsoft.Identity.Client.Extensions.Msal's Storage, else
    /// this process's memory with a warning, or an explicit -TokenCachePath file readable by its owner only. Google's
    /// own FileDataStore writes plain files with default permissions, so it is not used.
    /// </summary>
    public sealed class GoogleTokenStore : IDataStore
    {
        /// <summary>The name of the Google sign-in cache, in MailTools' settings folder or the keyring.</summary>
        public const string CacheFileName = "mailtools.googlecache";
        static readonly object s_lock = new object();
        static readonly Dictionary<string, Dictionary<string, string>> s_memory = new Dictionary<string, Dictionary<string, string>>();
        readonly Storage? _storage;
        readonly string? _memoryKey;

        GoogleTokenStore(Storage? storage, string? memoryKey, string where)
        {
            _storage = storage;
            _memoryKey = memoryKey;
            Where = where;
        }

        /// <summary>A one-line description of where the sign-in is kept (for verbose output).</summary>
        public string Where { get; }

        /// <summary>The store to use: <paramref name="explicitFile"/> (owner-only) when given, else the keyring, else memory with a warning.</summary>
        public static GoogleTokenStore Open(string? explicitFile, IOutputWriter writer)
        {
            if (!string.IsNullOrEmpty(explicitFile))
            {
                string full = Path.GetFullPath(explicitFile);
                return new GoogleTokenStore(Storage.Create(TokenCacheStore.OwnerOnlyFileProperties(full)), null, $"the file {full} (readable by its owner only)");
            }
            try
            {
                var storage = Storage.Create(TokenCacheStore.KeyringProperties(CacheFileName, "GoogleCache", "org.mailtools.googlecache", "MailTools Google sign-in"));
                storage.VerifyPersistence();
                return new GoogleTokenStore(storage, null, "the system keyring");
            }
            catch (Exception ex) when (ex is MsalCachePersistenceException || ex is DllNotFoundException || ex is TypeInitializationException || ex is PlatformNotSupportedException || ex is IOException || ex is UnauthorizedAccessException)
            {
                TokenCacheStore.NoKeyring(writer, "Google", ex);
                return new GoogleTokenStore(null, "memory", "memory (this PowerShell session only)");
            }
        }

        /// <inheritdoc/>
        public Task StoreAsync<T>(string key, T value)
        {
            Update(all => all[key] = NewtonsoftJsonSerializer.Instance.Serialize(value));
            return Task.CompletedTask;
        }

        /// <inheritdoc/>
        public Task DeleteAsync<T>(string key)
        {
            Update(all => all.Remove(key));
            return Task.CompletedTask;
        }

        /// <inheritdoc/>
        public Task<T> GetAsync<T>(string key)
        {
            lock (s_lock)
                return Task.FromResult(Read().TryGetValue(key, out var json) ? NewtonsoftJsonSerializer.Instance.Deserialize<T>(json) : default(T)!);
        }

        /// <inheritdoc/>
        public Task ClearAsync()
        {
            Update(all => all.Clear());
            return Task.CompletedTask;
        }

        void Update(Action<Dictionary<string, string>> change)
        {
            lock (s_lock)
            {
                var all = Read();
                change(all);
                if (_storage == null)
                    s_memory[_memoryKey!] = all;
                else
                    _storage.WriteData(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(all)));
            }
        }

        Dictionary<string, string> Read()
        {
            if (_storage == null)
                return s_memory.TryGetValue(_memoryKey!, out var kept) ? new Dictionary<string, string>(kept) : new Dictionary<string, string>();
            byte[] data = _storage.ReadData();
            if (data == null || data.Length == 0)
                return new Dictionary<string, string>();
            return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Encoding.UTF8.GetString(data)) ?? new Dictionary<string, string>();
        }
    }
}
