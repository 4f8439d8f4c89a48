using System;
using System.Collections.Generic;
using System.IO;
using MailTools.Core.Errors;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Wraps a writer so that every disk failure in it (a full disk, a lost permission, a folder removed under it)
    /// leaves as a <see cref="DiskWriteException"/> naming the export folder: typed where it happens, so nothing
    /// downstream has to guess whether an IOException came from the disk or from the network. The message stream is
    /// wrapped too, because MailKit writes into it while it reads from the server.
    /// </summary>
    internal sealed class DiskCheckedWriter : IFolderWriter
    {
        readonly IFolderWriter _inner;
        readonly DiskGuard _disk;

        public DiskCheckedWriter(IFolderWriter inner, string where)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _disk = new DiskGuard(where);
        }

        public IList<ManifestEntry> Recover(ExportState state, bool full, IOutputWriter output) =>
            _disk.Run(() => _inner.Recover(state, full, output));

        public Stream Begin(MessageInfo message) => new DiskCheckedStream(_disk.Run(() => _inner.Begin(message)), _disk);

        public ManifestEntry Commit(MessageInfo message, string sha256, long size, int lastByte) =>
            _disk.Run(() => _inner.Commit(message, sha256, size, lastByte));

        public void Abort() => _disk.Run(_inner.Abort);

        public void CompleteBatch(ExportState state) => _disk.Run(() => _inner.CompleteBatch(state));

        public IList<VerifyProblem> Verify(IEnumerable<ManifestEntry> entries) => _inner.Verify(entries);   // reads; a problem is a result

        public void Dispose() => _disk.Run(_inner.Dispose);
    }
}
