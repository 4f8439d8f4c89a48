using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Per-batch durability for one-file-per-message writers (Maildir, EML). Each message is written complete into a
    /// temporary file; at the end of the batch every file is fsynced (in parallel, so the file system can commit them
    /// in one journal transaction instead of one per message), then renamed to its final name, then the target
    /// directory is fsynced. A crash before the renames leaves only temporary files (removed by the next run's
    /// Recover); after a rename the file under its final name is already complete on disk. The exporter records the
    /// batch in the manifest and state only after <see cref="Complete"/> returns.
    /// </summary>
    internal sealed class DurableBatch
    {
        struct Pending
        {
            public string Temp, Final;
            public string? Replaces;
        }

        readonly List<Pending> _pending = new List<Pending>();

        public int Count => _pending.Count;

        /// <summary>Adds a written message to the batch; it takes its final name in <see cref="Complete"/>.</summary>
        /// <param name="temp">The complete temporary file.</param>
        /// <param name="final">The name it gets once durable.</param>
        /// <param name="replaces">An older copy of the same message (another name) to remove when this one takes its place.</param>
        public void Add(string temp, string final, string? replaces) =>
            _pending.Add(new Pending { Temp = temp, Final = final, Replaces = replaces });

        public void Complete()
        {
            if (_pending.Count == 0)
                return;
            try
            {
                Parallel.ForEach(_pending, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p => FlushFile(p.Temp));
            }
            catch (AggregateException ex)
            {
                ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }
            foreach (var p in _pending)
            {
                if (p.Replaces != null && p.Replaces != p.Final && File.Exists(p.Replaces))
                    File.Delete(p.Replaces);   // -Full rewrote this message (its flags may differ)
                if (File.Exists(p.Final))
                    File.Delete(p.Final);
                File.Move(p.Temp, p.Final);
            }
            // OfType drops the null GetDirectoryName gives only for a root path, which is never a message file.
            foreach (var dir in _pending.Select(p => Path.GetDirectoryName(p.Final)).OfType<string>().Distinct(StringComparer.Ordinal))
                DirectorySync.Flush(dir);
            _pending.Clear();
        }

        /// <summary>Forgets the batch; its temporary files stay until the next run's Recover removes them.</summary>
        public void Clear() => _pending.Clear();

        static void FlushFile(string path)
        {
            // Flush(true) is fsync (FlushFileBuffers on Windows); opening for write does not change the file.
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1))
                fs.Flush(true);
        }
    }
}
