using System;
using System.Collections.Generic;

namespace MailTools.Core.Export
{
    /// <summary>One server folder's worth of messages from the source.</summary>
    internal sealed class SourceFolder
    {
        public string Folder { get; set; } = string.Empty;   // server-relative, '/'-separated
        public string Source { get; set; } = string.Empty;
        public ExportFormat Format { get; set; }
        /// <summary>The messages, read lazily; the writer hears about odd input (an mbox "From " line that is body text).</summary>
        public Func<IOutputWriter, IEnumerable<SourceMessage>> Messages { get; set; } = null!; // every source sets it (object initializer)
    }
}
