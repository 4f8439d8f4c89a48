using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;

namespace MailTools.Core.SignIn
{
    /// <summary>-AccessToken: a token made by another tool. It is sent as given and cannot be renewed.</summary>
    public sealed class StaticTokenSource : ITokenSource
    {
        readonly SecureString _token;

        /// <summary>A source that always gives <paramref name="token"/>.</summary>
        public StaticTokenSource(SecureString token)
        {
            _token = token ?? throw new ArgumentNullException(nameof(token));
        }

        /// <summary>Says the token came from -AccessToken.</summary>
        public string Description => "the access token given with -AccessToken";

        /// <summary>The given token, as it is (its expiry is not known).</summary>
        public AccessTokenInfo GetToken(IOutputWriter writer, CancellationToken token) => new AccessTokenInfo(Plain(_token) ?? string.Empty, null);   // _token is never null (checked in the constructor)

        internal static string? Plain(SecureString? secure)
        {
            if (secure == null)
                return null;
            IntPtr ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try { return Marshal.PtrToStringUni(ptr) ?? string.Empty; }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(ptr); }
        }
    }
}
