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
        static DependencyLoadContext? s_context;

        /// <summary>Sets up the load context for this runtime's build (once per process) and names Core's types.</summary>
        public void OnImport()
        {
            DependencyLoadContext context;
            lock (s_gate)
            {
                if (s_context == null)
                {
                    string here = Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location)
                        ?? throw new InvalidOperationException("MailTools.Loader.dll has no folder: the module must be imported from files.");
                    RuntimeBuild build = RuntimeBuild.Choose(here);
                    s_context = new DependencyLoadContext(build);
                    // The cmdlet assembly stays the one the manifest names (net8.0/MailTools.dll): PowerShell refuses a
                    // second, different MailTools.dll loaded beforehand, so only Core and its dependencies move to the newer build.
                    AssemblyLoadContext.Default.Resolving += ResolveOwnAssembly;
                }
                context = s_context;
            }
            CoreTypeNames.Register(context.LoadFromAssemblyName(new AssemblyName("MailTools.Core")));
        }

        /// <summary>Removes the type names registered on import; the load context stays for a later import.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo) => CoreTypeNames.Unregister();

        static Assembly? ResolveOwnAssembly(AssemblyLoadContext defaultContext, AssemblyName name)
        {
            DependencyLoadContext? context = s_context;
            bool ours = name.Name != null && name.Name.StartsWith("MailTools.", StringComparison.Ordinal);
            return ours && context != null && context.Ships(name) ? context.LoadFromAssemblyName(name) : null;
        }
    }
}
