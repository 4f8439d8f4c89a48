using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MailTools.Core.SignIn
{
    /// <summary>Creates (or tightens) a file so that only its owner can read and write it: mode 600 on Unix.</summary>
    internal static class OwnerOnlyFile
    {
        // CA2101: as in Export/DirectorySync.cs, the default marshalling is UTF-8 on Unix, what libc wants; never called on Windows.
#pragma warning disable CA2101
        [DllImport("libc", SetLastError = true, EntryPoint = "chmod")]
        static extern int Chmod(string path, uint mode);
#pragma warning restore CA2101

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
