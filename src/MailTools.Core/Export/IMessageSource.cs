using System.Collections.Generic;

namespace MailTools.Core.Export
{
    /// <summary>
    /// Reads one export format back for Import-Mailbox: the mirror of <see cref="IFolderWriter"/>. Finds the folders
    /// under a path (each becoming a server folder under <c>target</c>, or INBOX) and reads their messages lazily.
    /// </summary>
    internal interface IMessageSource
    {
        IList<SourceFolder> Discover(string path, string? target);
    }
}
