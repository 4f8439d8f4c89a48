using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MailTools.Core.Export
{
    /// <summary>Reads a Maildir++ tree (what <see cref="MaildirWriter"/> writes): the top folder and its ".Sub.Folder" children, flags from the file names.</summary>
    internal sealed class MaildirSource : IMessageSource
    {
        public IList<SourceFolder> Discover(string path, string? target)
        {
            var list = new List<SourceFolder>();
            // The top folder counts only when it is a Maildir itself (cur/ or new/): otherwise a folder of
            // photos would "import" as an empty INBOX instead of being reported as not a mailbox.
            if (Directory.Exists(Path.Combine(path, "cur")) || Directory.Exists(Path.Combine(path, "new")))
                list.Add(new SourceFolder { Folder = MailboxImporter.Top(target), Source = path, Format = ExportFormat.Maildir, Messages = w => Messages(path) });
            foreach (var dir in Directory.GetDirectories(path, ".*").OrderBy(d => d, StringComparer.Ordinal))
            {
                string name = Path.GetFileName(dir).Substring(1);
                if (name.Length == 0 || !Directory.Exists(Path.Combine(dir, "cur")))
                    continue;
                string folder = string.Join("/", name.Split('.').Select(MailboxImporter.Unescape));
                list.Add(new SourceFolder { Folder = MailboxImporter.Under(target, folder), Source = dir, Format = ExportFormat.Maildir, Messages = w => Messages(dir) });
            }
            return list;
        }

        static IEnumerable<SourceMessage> Messages(string dir)
        {
            foreach (var sub in new[] { "cur", "new" })
            {
                string d = Path.Combine(dir, sub);
                if (!Directory.Exists(d))
                    continue;
                foreach (var f in Directory.GetFiles(d).OrderBy(x => x, StringComparer.Ordinal))
                    yield return SourceMessage.FromFile(f, MaildirWriter.InfoToFlags(Path.GetFileName(f)));
            }
        }
    }
}
