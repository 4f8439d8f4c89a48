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
        /// <summary>Detail for -Verbose: what Core is doing now (a command sent, a folder chosen).</summary>
        void Verbose(string message);
        /// <summary>Something the user should know that does not stop the work (an option ignored, a folder skipped).</summary>
        void Warning(string message);
        /// <summary>Protocol-level detail for -Debug, for whoever diagnoses a server.</summary>
        void Debug(string message);
        /// <summary>A progress bar update (Write-Progress).</summary>
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
        /// <summary>An update for <paramref name="activityId"/>; <paramref name="completed"/> closes its bar.</summary>
        public ProgressInfo(int activityId, string activity, string status, int percentComplete, bool completed = false)
        {
            ActivityId = activityId;
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
            Completed = completed;
        }

        /// <summary>Identifies the bar, so nested operations keep their own.</summary>
        public int ActivityId { get; }
        /// <summary>The bar's title: the whole operation.</summary>
        public string Activity { get; }
        /// <summary>The current step under the title.</summary>
        public string Status { get; }
        /// <summary>0-100, or -1 when the total is unknown.</summary>
        public int PercentComplete { get; }
        /// <summary>True for the last update: the host removes the bar.</summary>
        public bool Completed { get; }
        /// <summary>The enclosing bar's ActivityId, or -1 for a top-level bar.</summary>
        public int ParentActivityId { get; set; } = -1;
    }

    /// <summary>A writer that drops everything; for callers that do not care (tests, benchmarks).</summary>
    public sealed class NullOutputWriter : IOutputWriter
    {
        /// <summary>The one shared instance (it holds no state).</summary>
        public static readonly NullOutputWriter Instance = new NullOutputWriter();
        /// <summary>Drops the message.</summary>
        public void Verbose(string message) { }
        /// <summary>Drops the warning.</summary>
        public void Warning(string message) { }
        /// <summary>Drops the message.</summary>
        public void Debug(string message) { }
        /// <summary>Drops the update.</summary>
        public void Progress(ProgressInfo progress) { }
        /// <summary>Always true: with no host there is nobody to ask (callers pass their own writer to get -WhatIf).</summary>
        public bool ShouldProcess(string target, string action) => true;
        /// <summary>Always true, as the other overload.</summary>
        public bool ShouldProcess(MailSession session, string target, string action) => true;
        /// <summary>Drops the error; the work goes on as with any writer.</summary>
        public void WriteError(MailToolsException failure) { }
    }
}
