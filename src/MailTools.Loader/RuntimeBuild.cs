using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace MailTools.Loading
{
    /// <summary>
    /// Which of the module's PowerShell 7 builds this runtime gets. The manifest can only choose by edition, so it always
    /// names <c>net8.0/</c> (PowerShell 7.4 and later) for the cmdlets; the loader takes MailTools.Core and its dependencies from the newest <c>netN.0/</c> folder the running
    /// .NET can load (<c>net10.0/</c> on PowerShell 7.6). That build's MailTools.Core, MailKit and MimeKit may also ship as
    /// ReadyToRun images in <c>ReadyToRun/&lt;os&gt;-&lt;arch&gt;/</c>: precompiled code for that platform, which only the
    /// runtime version it was compiled against uses (.NET 10 ignores net8.0 images). Elsewhere the IL beside them is used.
    /// </summary>
    internal sealed class RuntimeBuild
    {
        /// <summary>The dependency folder's name inside each build folder.</summary>
        public const string DependencyFolderName = "Dependencies";

        /// <summary>The folder of platform-specific ReadyToRun images inside each build folder.</summary>
        public const string ReadyToRunFolderName = "ReadyToRun";

        RuntimeBuild(string folder, string? readyToRun)
        {
            Folder = folder;
            ReadyToRun = readyToRun;
        }

        /// <summary>The build folder: <c>net8.0</c> or a newer <c>netN.0</c> beside it.</summary>
        public string Folder { get; }

        /// <summary>MailTools.Core and the third-party assemblies of this build (IL).</summary>
        public string Dependencies => Path.Combine(Folder, DependencyFolderName);

        /// <summary>ReadyToRun images for this platform, or null when none are shipped for it.</summary>
        public string? ReadyToRun { get; }

        /// <summary>The file to load for <paramref name="fileName"/>: the ReadyToRun image if shipped, else <paramref name="folder"/>'s.</summary>
        public string Preferred(string fileName, string folder)
        {
            if (ReadyToRun != null)
            {
                string image = Path.Combine(ReadyToRun, fileName);
                if (File.Exists(image)) { return image; }
            }
            return Path.Combine(folder, fileName);
        }

        /// <summary>The build for the running .NET and platform, given the folder the loader itself was loaded from.</summary>
        public static RuntimeBuild Choose(string loaderFolder) =>
            Choose(loaderFolder, Environment.Version, PlatformName());

        /// <summary>
        /// The newest <c>netN.0</c> folder beside <paramref name="loaderFolder"/> (itself included) that has a dependency
        /// folder and whose N is at most <paramref name="runtime"/>'s major version; the loader's own folder otherwise.
        /// </summary>
        public static RuntimeBuild Choose(string loaderFolder, Version runtime, string? platform)
        {
            ArgumentNullException.ThrowIfNull(loaderFolder);
            ArgumentNullException.ThrowIfNull(runtime);
            string chosen = loaderFolder;
            int chosenVersion = -1;
            string? moduleBase = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(loaderFolder));
            if (moduleBase != null)
            {
                foreach (string candidate in Directory.GetDirectories(moduleBase, "net*.0"))
                {
                    int version = FrameworkMajor(Path.GetFileName(candidate));
                    if (version > chosenVersion && version <= runtime.Major
                        && Directory.Exists(Path.Combine(candidate, DependencyFolderName)))
                    {
                        chosen = candidate;
                        chosenVersion = version;
                    }
                }
            }
            string? readyToRun = platform == null ? null : Path.Combine(chosen, ReadyToRunFolderName, platform);
            return new RuntimeBuild(chosen, readyToRun != null && Directory.Exists(readyToRun) ? readyToRun : null);
        }

        /// <summary>"net10.0" → 10; -1 for a name that is not a .NET (Core) target framework folder.</summary>
        static int FrameworkMajor(string name)
        {
            if (!name.StartsWith("net", StringComparison.Ordinal) || !name.EndsWith(".0", StringComparison.Ordinal)) { return -1; }
            string digits = name.Substring(3, name.Length - 5);
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int major) && major >= 5 ? major : -1;
        }

        /// <summary>The runtime identifier ReadyToRun images are built for (linux-x64, win-x64, osx-arm64, …), or null.</summary>
        static string? PlatformName()
        {
            string? os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : null;
            string? arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                _ => null,
            };
            return os == null || arch == null ? null : os + "-" + arch;
        }
    }
}
