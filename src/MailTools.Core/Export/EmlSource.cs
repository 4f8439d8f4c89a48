using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MailKit;

namespace MailTools.Core.Export
{
    /// <summary>Reads .eml files (what <see cref="EmlWriter"/> writes): one file, or a tree where each folder of .eml files is a server folder.</summary>
    internal sealed class EmlSource : IMessageSource
    {
        public IList<SourceFolder> Discover(string path, string? target)
        {
            var list = new List<SourceFolder>();
            if (File.Exists(path))
            {
                list.Add(new SourceFolder { Folder = MailboxImporter.Top(target), Source = path, Format = ExportFormat.Eml, Messages = w => new[] { SourceMessage.FromFile(path, MessageFlags.None) } });
                return list;
            }
            foreach (var dir in new[] { path }.Concat(Directory.EnumerateDirectories(path, "*", SearchOption.AllDirectories)).OrderBy(d => d, StringComparer.Ordinal))
            {
                if (dir.Contains(MailboxExporter.StateDirectoryName) || !Directory.EnumerateFiles(dir, "*.eml").Any())
                    continue;
                string folder = dir == path ? MailboxImporter.Top(target)
                    : MailboxImporter.Under(target, string.Join("/", FolderWriters.Relative(path, dir).Split('/').Select(MailboxImporter.Unescape)));
                string d = dir;
                list.Add(new SourceFolder
                {
                    Folder = folder, Source = dir, Format = ExportFormat.Eml,
                    Messages = w => Directory.GetFiles(d, "*.eml").OrderBy(f => f, StringComparer.Ordinal).Select(f => SourceMessage.FromFile(f, MessageFlags.None)),
                });
            }
            return list;
        }
    }
}
