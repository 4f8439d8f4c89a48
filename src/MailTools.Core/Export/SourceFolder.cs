#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Collections.Generic;

namespace MailTools.Core.Export
{
    /// <summary>One server folder's worth of messages from the source.</summary>
    internal sealed class SourceFolder
    {
        public string Folder { get; set; }   // server-relative, '/'-separated
        public string Source { get; set; }
        public ExportFormat Format { get; set; }
        /// <summary>The messages, read lazily; the writer hears about odd input (an mbox "From " line that is body text).</summary>
        public Func<IOutputWriter, IEnumerable<SourceMessage>> Messages { get; set; }
    }
}
