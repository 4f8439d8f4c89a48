using System;
using System.Collections.Generic;
using MailTools.Core.Statistics;

namespace MailTools.Core.Report
{
    /// <summary>Everything one report shows, gathered before it is written.</summary>
    public sealed class ReportContent
    {
        public IList<AccountReport> Accounts { get; } = new List<AccountReport>();
        public DeletionHistory? History { get; set; }
        public IList<RunRecord> Runs { get; } = new List<RunRecord>();
        public DateTime Created { get; set; } = DateTime.Now;
        /// <summary>How many senders/domains the top charts show.</summary>
        public int Top { get; set; } = 10;
    }

    /// <summary>One account's part of the report.</summary>
    public sealed class AccountReport
    {
        public MailboxMeasurement Measurement { get; set; } = null!;   // set by Export-MailReport before the report is drawn
        public IList<MailCleanupSuggestion> Suggestions { get; } = new List<MailCleanupSuggestion>();
        /// <summary>The -Policy file's -WhatIf plan, one result per rule and folder; null without -Policy.</summary>
        public IList<CleanupResult>? PolicyPreview { get; set; }
        public string? PolicySource { get; set; }
    }

    /// <summary>One run summary (Get-MailRunSummary) as the report lists it.</summary>
    public sealed class RunRecord
    {
        public DateTimeOffset Started { get; set; }
        public int Succeeded { get; set; }
        public int Failed { get; set; }
        public string? FailedAccounts { get; set; }
    }
}
