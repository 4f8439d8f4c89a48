#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
namespace MailTools.Core.Export
{
    /// <summary>One message whose copy on disk does not match the manifest.</summary>
    public sealed class VerifyProblem
    {
        public VerifyProblem(string key, string message) { Key = key; Message = message; }
        public string Key { get; }
        public string Message { get; }
        public override string ToString() => Message;
    }
}
