using System;
using System.IO;
using MailTools.Core.Export;
using Xunit;

namespace MailTools.Core.Tests
{
    public class VerifyFilesTests
    {
        [Fact]
        public void An_entry_without_a_file_is_a_problem_not_a_crash()
        {
            string root = Path.Combine(Path.GetTempPath(), "mt-verify-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(root);
            try
            {
                File.WriteAllText(Path.Combine(root, "one.eml"), "Subject: x\r\n\r\nbody\r\n");
                var entries = new[]
                {
                    new ManifestEntry { Key = "7", Folder = "INBOX", File = null, Size = 1, Sha256 = "00" },
                    new ManifestEntry { Key = "8", Folder = "INBOX", File = "missing.eml", Size = 1, Sha256 = "00" },
                };

                var problems = MaildirWriter.VerifyFiles(root, entries);

                Assert.Equal(2, problems.Count);
                Assert.Equal("7", problems[0].Key);
                Assert.Contains("records no file", problems[0].Message, StringComparison.Ordinal);
                Assert.Contains("missing.eml: missing", problems[1].Message, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }
    }
}
