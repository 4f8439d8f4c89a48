namespace MailTools.Core.Export
{
    /// <summary>One message whose copy on disk does not match the manifest.</summary>
    public sealed class VerifyProblem
    {
        /// <summary>A problem with the message under <paramref name="key"/>, described by <paramref name="message"/>.</summary>
        public VerifyProblem(string key, string message) { Key = key; Message = message; }
        /// <summary>The manifest key (UID text, or "P" + UIDL) of the message.</summary>
        public string Key { get; }
        /// <summary>What is wrong, naming the file.</summary>
        public string Message { get; }
        /// <summary>The message.</summary>
        public override string ToString() => Message;
    }
}
