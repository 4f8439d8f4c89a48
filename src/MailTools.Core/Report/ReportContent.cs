using System;
using System.Collections.Generic;
using MailTools.Core.Statistics;

namespace MailTools.Core.Report
{
    /// <summary>Everything one report shows, gathered before it is written.</summary>
    public sealed class ReportContent
    {
        /// <summary>One section per account measured.</summary>
        public IList<AccountReport> Accounts { get; } = new List<AccountReport>();
        /// <summary>What the deletion logs (-LogPath) say was removed; null without logs.</summary>
        public DeletionHistory? History { get; set; }
        /// <summary>Run summaries to list in the history.</summary>
        public IList<RunRecord> Runs { get; } = new List<RunRecord>();
        /// <summary>When the report was made (shown in its header).</summary>
        public DateTime Created { get; set; } = DateTime.Now;
        /// <summary>How many senders/domains the top charts show.</summary>
        public int Top { get; set; } = 10;
    }

    /// <summary>One account's part of the report.</summary>
    public sealed class AccountReport
    {
        /// <summary>What the account holds (totals, groupings, largest messages, quota).</summary>
        public MailboxMeasurement Measurement { get; set; } = null!;   // set by Export-MailReport before the report is drawn
        /// <summary>Rules Get-MailCleanupSuggestion proposes for this account.</summary>
        public IList<MailCleanupSuggestion> Suggestions { get; } = new List<MailCleanupSuggestion>();
        /// <summary>The -Policy file's -WhatIf plan, one result per rule and folder; null without -Policy.</summary>
        public IList<CleanupResult>? PolicyPreview { get; set; }
        /// <summary>The -Policy file the preview came from; null without -Policy.</summary>
        public string? PolicySource { get; set; }
    }

    /// <summary>One run summary (Get-MailRunSummary) as the report lists it.</summary>
    public sealed class RunRecord
    {
        /// <summary>When the run started.</summary>
        public DateTimeOffset Started { get; set; }
        /// <summary>Accounts the run cleaned without error.</summary>
        public int Succeeded { get; set; }
        /// <summary>Accounts that failed in the run.</summary>
        public int Failed { get; set; }
        /// <summary>Names of the failed accounts, comma-separated; null when none failed.</summary>
        public string? FailedAccounts { get; set; }
    }
}
