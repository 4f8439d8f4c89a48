using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace MailTools.Loading
{
    /// <summary>
    /// PowerShell 7 resolves <c>[TypeName]</c> only among assemblies of the default load context, so MailTools.Core's
    /// public types (the output types <c>[MailTools.MailFolder]</c>, <c>[MailTools.Core.Compare.ComparisonText]</c> used
    /// by the format views, …) would vanish by name once Core is isolated. They are registered as type accelerators
    /// under their full names, the way about_Classes shows for exporting types from a module, and removed with the module.
    /// </summary>
    internal static class CoreTypeNames
    {
        static readonly List<string> s_added = new List<string>();

        public static void Register(Assembly core)
        {
            Type? accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
            MethodInfo? add = accelerators?.GetMethod("Add", new[] { typeof(string), typeof(Type) });
            if (add == null)
            {
                return;   // a PowerShell without the table: types stay reachable through cmdlet output only
            }
            lock (s_added)
            {
                foreach (Type type in core.GetExportedTypes())
                {
                    if (type.IsGenericTypeDefinition || type.FullName is not string name) { continue; }
                    add.Invoke(null, new object[] { name, type });
                    if (!s_added.Contains(name)) { s_added.Add(name); }
                }
            }
        }

        public static void Unregister()
        {
            Type? accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
            MethodInfo? remove = accelerators?.GetMethod("Remove", new[] { typeof(string) });
            if (remove == null) { return; }
            lock (s_added)
            {
                foreach (string name in s_added) { remove.Invoke(null, new object[] { name }); }
                s_added.Clear();
            }
        }
    }
}
