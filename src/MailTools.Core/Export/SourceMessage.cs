using System;
using System.IO;
using System.Threading;
using MailKit;

namespace MailTools.Core.Export
{
    /// <summary>One message to upload: WriteTo pushes its exact bytes (as stored in the source) into a stream.</summary>
    internal sealed class SourceMessage
    {
        public Action<Stream, CancellationToken> WriteTo { get; set; } = null!; // every source sets it (object initializer)
        public MessageFlags Flags { get; set; }
        public DateTimeOffset? InternalDate { get; set; }
        public string? Description { get; set; }

        /// <summary>A message that is a whole file (Maildir, .eml); its date is the file's time.</summary>
        public static SourceMessage FromFile(string file, MessageFlags flags) => new SourceMessage
        {
            WriteTo = (target, token) =>
            {
                using (var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
                    fs.CopyTo(target, 81920);
            },
            Flags = flags,
            InternalDate = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero),
            Description = file,
        };
    }
}
