using System;
using System.IO;

namespace MailTools.Core.Errors
{
    /// <summary>
    /// A local disk failure while writing an export, an archive or a log (full disk, no permission, a path that
    /// vanished), thrown where the file is written so that no one has to guess later whether an IOException came
    /// from the disk or from the network. ErrorId <see cref="ErrorIds.ExportPathNotWritable"/>.
    /// </summary>
    [Serializable]
    public sealed class DiskWriteException : MailToolsException
    {
        /// <summary>A failure writing under <paramref name="path"/>; <paramref name="inner"/> says what the system reported.</summary>
        public DiskWriteException(string path, Exception inner)
            : base(ErrorIds.ExportPathNotWritable, MailErrorKind.WriteError, $"Could not write '{path}': {inner?.Message}", path, inner)
        {
            Path = path;
            RecommendedAction = "Check that the folder exists, is writable and has free space, then run the same command again: it carries on where it stopped.";
        }

        /// <summary>The file or folder that could not be written.</summary>
        public string Path { get; }

        /// <summary>Runs a write to <paramref name="path"/>; a disk failure leaves as a DiskWriteException.</summary>
        public static T Writing<T>(string path, Func<T> write)
        {
            try
            {
                return write();
            }
            catch (IOException ex)
            {
                throw new DiskWriteException(path, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new DiskWriteException(path, ex);
            }
        }

        /// <summary>Runs a write to <paramref name="path"/>; a disk failure leaves as a DiskWriteException.</summary>
        public static void Writing(string path, Action write) => Writing(path, () => { write(); return 0; });
    }
}
