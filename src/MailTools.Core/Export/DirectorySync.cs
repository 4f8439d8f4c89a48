using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MailTools.Core.Export
{
    /// <summary>
    /// fsync(2) of a directory, so the renames into it survive a power cut (POSIX makes a rename durable only when
    /// the directory is synced). .NET has no API for it (a directory cannot be opened as a FileStream), hence the
    /// P/Invoke. Windows needs nothing: NTFS journals renames. Where libc cannot be reached it is skipped.
    /// </summary>
    internal static class DirectorySync
    {
        const int EIO = 5;
        static bool s_unavailable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        // CA2101 asks for explicit string marshalling. libc takes a path as bytes: on .NET (Core) on Unix the default
        // (Ansi) is UTF-8, which is what it wants; netstandard2.0 has no LPUTF8Str to say so, and Windows never calls these.
#pragma warning disable CA2101
        [DllImport("libc.so.6", EntryPoint = "open", SetLastError = true)] static extern int LinuxOpen(string path, int flags);
        [DllImport("libc.so.6", EntryPoint = "fsync", SetLastError = true)] static extern int LinuxFsync(int fd);
        [DllImport("libc.so.6", EntryPoint = "close")] static extern int LinuxClose(int fd);
        [DllImport("libc", EntryPoint = "open", SetLastError = true)] static extern int UnixOpen(string path, int flags);
        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)] static extern int UnixFsync(int fd);
        [DllImport("libc", EntryPoint = "close")] static extern int UnixClose(int fd);
#pragma warning restore CA2101

        public static void Flush(string directory)
        {
            if (s_unavailable)
                return;
            bool linux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
            try
            {
                int fd = linux ? LinuxOpen(directory, 0) : UnixOpen(directory, 0);   // O_RDONLY
                if (fd < 0)
                    return;
                try
                {
                    if ((linux ? LinuxFsync(fd) : UnixFsync(fd)) != 0 && Marshal.GetLastWin32Error() == EIO)
                        throw new IOException($"The disk reported an error while making the directory '{directory}' durable (fsync: EIO).");
                }
                finally
                {
                    _ = linux ? LinuxClose(fd) : UnixClose(fd);   // the fsync above is what counts; a failed close changes nothing
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                s_unavailable = true;
            }
        }
    }
}
