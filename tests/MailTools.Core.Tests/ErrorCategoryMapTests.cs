using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using MailTools.Core.Errors;
using Xunit;

namespace MailTools.Core.Tests
{
    /// <summary>
    /// src/MailTools/ErrorCategoryMap turns a MailErrorKind into PowerShell's ErrorCategory by name. The categories are
    /// read from the System.Management.Automation reference assembly the cmdlets compile against (its metadata only:
    /// a reference assembly cannot be loaded to run), so a kind without a same-named category fails here.
    /// </summary>
    public class ErrorCategoryMapTests
    {
        static IReadOnlySet<string> ErrorCategoryNames()
        {
            string path = typeof(ErrorCategoryMapTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "SystemManagementAutomationReference").Value!;
            Assert.True(File.Exists(path), $"The reference assembly is not at {path}.");
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var md = pe.GetMetadataReader();
            var type = md.TypeDefinitions.Select(md.GetTypeDefinition)
                .Single(t => md.GetString(t.Name) == "ErrorCategory" && md.GetString(t.Namespace) == "System.Management.Automation");
            return type.GetFields().Select(h => md.GetFieldDefinition(h))
                .Where(f => (f.Attributes & FieldAttributes.Static) != 0)
                .Select(f => md.GetString(f.Name)).ToHashSet(StringComparer.Ordinal);
        }

        [Fact]
        public void EveryMailErrorKindHasTheSameNamedErrorCategory()
        {
            var categories = ErrorCategoryNames();
            Assert.Contains("NotSpecified", categories);   // the file read is the real enum
            Assert.Contains("WriteError", categories);
            var unmapped = Enum.GetNames(typeof(MailErrorKind)).Where(k => !categories.Contains(k)).ToList();
            Assert.Empty(unmapped);
        }

        [Fact]
        public void ADiskWriteExceptionIsAWriteErrorWithItsStableId()
        {
            var ex = new DiskWriteException("/archive/info@example.org/INBOX/cur", new IOException("No space left on device"));
            Assert.Equal(MailErrorKind.WriteError, ex.Kind);
            Assert.Equal(ErrorIds.ExportPathNotWritable, ex.ErrorId);
            Assert.Contains("/archive/info@example.org/INBOX/cur", ex.Message);
            Assert.Contains("No space left on device", ex.Message);
            Assert.Throws<DiskWriteException>(() => DiskWriteException.Writing("/x", () => throw new UnauthorizedAccessException("denied")));
        }
    }
}
