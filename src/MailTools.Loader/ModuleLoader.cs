#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace MailTools.Loading
{
    /// <summary>
    /// PowerShell 7 only. The manifest imports this assembly as a nested module, before the root module: the cmdlets
    /// derive from and take MailTools.Core types, so PowerShell cannot even list them until Core can be resolved.
    /// From then on MailTools.Core is handed out of the private <see cref="DependencyLoadContext"/>. Only our own assemblies cross into the default context; third-party ones
    /// never do, so the cmdlets cannot reach MailKit types (tests/Isolation.Tests.ps1 checks the references).
    /// The pattern of "Resolving PowerShell module assembly dependency conflicts" in PowerShell's documentation.
    /// </summary>
    public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        static readonly object s_gate = new object();
        static DependencyLoadContext s_context;

        /// <summary>The folder next to this assembly that holds MailTools.Core and its dependencies.</summary>
        public const string DependencyFolderName = "Dependencies";

        public void OnImport()
        {
            lock (s_gate)
            {
                if (s_context == null)
                {
                    string here = Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location);
                    s_context = new DependencyLoadContext(Path.Combine(here, DependencyFolderName));
                    AssemblyLoadContext.Default.Resolving += ResolveOwnAssembly;
                }
            }
            CoreTypeNames.Register(s_context.LoadFromAssemblyName(new AssemblyName("MailTools.Core")));
        }

        public void OnRemove(PSModuleInfo psModuleInfo) => CoreTypeNames.Unregister();

        static Assembly ResolveOwnAssembly(AssemblyLoadContext defaultContext, AssemblyName name)
        {
            bool ours = name.Name != null && name.Name.StartsWith("MailTools.", StringComparison.Ordinal);
            return ours && s_context.Ships(name) ? s_context.LoadFromAssemblyName(name) : null;
        }
    }
}
