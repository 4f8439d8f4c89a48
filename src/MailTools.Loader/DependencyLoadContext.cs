using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace MailTools.Loading
{
    /// <summary>
    /// PowerShell 7 only: the private load context holding MailTools.Core and every assembly shipped beside it in
    /// <c>Dependencies/</c> (MailKit, MimeKit, BouncyCastle, …), so another module's MailKit in the same session never
    /// meets ours. What loads here is whatever the folder holds: there is no list to keep. An assembly that also ships
    /// as a ReadyToRun image for this platform (<see cref="RuntimeBuild.ReadyToRun"/>) loads from that image, by path, so
    /// the runtime maps the file and can use its precompiled code.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        readonly RuntimeBuild _build;
        readonly string _folder;
        readonly Dictionary<string, string> _framework;

        public DependencyLoadContext(RuntimeBuild build) : base("MailTools", isCollectible: false)
        {
            _build = build;
            _folder = build.Dependencies;
            _framework = FrameworkAssemblies();
        }

        /// <summary>True when <paramref name="name"/> is shipped in the dependency folder.</summary>
        public bool Ships(AssemblyName name) => File.Exists(PathOf(name));

        protected override Assembly? Load(AssemblyName name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return null;   // not ours: the default context has it (the .NET and PowerShell assemblies)
            }
            // A framework assembly we also ship (System.Formats.Asn1 for net8.0) is taken from the framework when the
            // running one is at least as new: one copy of framework types in the process.
            if (name.Name != null && _framework.TryGetValue(name.Name, out string? frameworkPath)
                && AssemblyName.GetAssemblyName(frameworkPath).Version >= (name.Version ?? new Version()))
            {
                return null;
            }
            return LoadFromAssemblyPath(path);
        }

        string PathOf(AssemblyName name)
        {
            string file = name.Name + ".dll";
            if (!string.IsNullOrEmpty(name.CultureName))
            {
                return Path.Combine(_folder, name.CultureName, file);   // satellite resource assemblies
            }
            // A package's operating-system build (runtimes/win/lib/net8.0/…) wins over its portable one.
            foreach (string os in OperatingSystemNames())
            {
                string osFolder = Path.Combine(_folder, "runtimes", os, "lib");
                if (!Directory.Exists(osFolder)) { continue; }
                foreach (string tfm in Directory.GetDirectories(osFolder))
                {
                    string candidate = Path.Combine(tfm, file);
                    if (File.Exists(candidate)) { return candidate; }
                }
            }
            return _build.Preferred(file, _folder);
        }

        static string[] OperatingSystemNames() =>
            OperatingSystem.IsWindows() ? new[] { "win" }
            : OperatingSystem.IsMacOS() ? new[] { "osx", "unix" }
            : new[] { "linux", "unix" };

        static Dictionary<string, string> FrameworkAssemblies()
        {
            // The runtime's own assemblies (the trusted platform list), by simple name.
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (string path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    map[Path.GetFileNameWithoutExtension(path)] = path;
                }
            }
            return map;
        }
    }
}
