using MailTools.Core.Errors;

namespace MailTools.Core
{
    /// <summary>
    /// How Core talks back to whoever drives it (a cmdlet, a test) without knowing about PowerShell.
    /// Borrowed from PSScriptAnalyzer: the cmdlet implements this and forwards to WriteVerbose and friends.
    /// Calls come on the thread that called into Core.
    /// </summary>
    public interface IOutputWriter
    {
        void Verbose(string message);
        void Warning(string message);
        void Debug(string message);
        void Progress(ProgressInfo progress);
        /// <summary>The host's ShouldProcess (-WhatIf / -Confirm) for a change Core is about to make.</summary>
        bool ShouldProcess(string target, string action);
        /// <summary>
        /// ShouldProcess for a change to what <paramref name="session"/>'s account holds: the host names the account
        /// (and says so when it fell back to the current session while several are open), and applies -Force.
        /// </summary>
        bool ShouldProcess(MailSession session, string target, string action);
        /// <summary>
        /// A failure that concerns one item (a folder, a message, a rule) while the rest goes on: the host writes it as a
        /// non-terminating error (the cmdlet layer makes the ErrorRecord: category, ErrorId, RecommendedAction).
        /// </summary>
        void WriteError(MailToolsException failure);
    }

    /// <summary>One progress update; PercentComplete is -1 when the total is unknown.</summary>
    public sealed class ProgressInfo
    {
        public ProgressInfo(int activityId, string activity, string status, int percentComplete, bool completed = false)
        {
            ActivityId = activityId;
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
            Completed = completed;
        }

        public int ActivityId { get; }
        public string Activity { get; }
        public string Status { get; }
        public int PercentComplete { get; }
        public bool Completed { get; }
        public int ParentActivityId { get; set; } = -1;
    }

    /// <summary>A writer that drops everything; for callers that do not care (tests, benchmarks).</summary>
    public sealed class NullOutputWriter : IOutputWriter
    {
        public static readonly NullOutputWriter Instance = new NullOutputWriter();
        public void Verbose(string message) { }
        public void Warning(string message) { }
        public void Debug(string message) { }
        public void Progress(ProgressInfo progress) { }
        public bool ShouldProcess(string target, string action) => true;
        public bool ShouldProcess(MailSession session, string target, string action) => true;
        public void WriteError(MailToolsException failure) { }
    }
}
