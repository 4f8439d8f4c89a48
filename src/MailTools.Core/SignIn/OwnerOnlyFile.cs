using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MailTools.Core.SignIn
{
    /// <summary>Creates (or tightens) a file so that only its owner can read and write it: mode 600 on Unix.</summary>
    internal static class OwnerOnlyFile
    {
        [DllImport("libc", SetLastError = true, EntryPoint = "chmod")]
        static extern int Chmod(string path, uint mode);

        public static void Create(string path)
        {
            if (!File.Exists(path))
                using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                return; // the user's profile folder is private already; DPAPI is not used for an explicit file.
            if (Chmod(path, Convert.ToUInt32("600", 8)) != 0)
                throw new IOException($"chmod 600 failed (errno {Marshal.GetLastWin32Error()}).");
        }
    }
}
