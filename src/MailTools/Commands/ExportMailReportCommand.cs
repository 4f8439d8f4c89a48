using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MailTools.Core;
using MailTools.Core.Cleanup;
using MailTools.Core.Report;
using MailTools.Core.Statistics;

namespace MailTools.Commands
{
    /// <summary>
    /// Export-MailReport: one self-contained HTML file (inline SVG charts, no script, no external reference) showing what
    /// fills one or many accounts, suggested clean-up rules, what a policy would free, and the clean-up history.
    /// </summary>
    [Cmdlet(VerbsData.Export, "MailReport", DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportMailReportCommand : MailboxSourceCommand
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Policy { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? LogPath { get; set; }

        [Parameter]
        public PSObject[]? RunSummary { get; set; }

        [Parameter]
        [ValidateRange(1, 100)]
        public int Top { get; set; } = 10;

        [Parameter]
        [ValidateRange(0, 1000)]
        public int Largest { get; set; } = 20;

        [Parameter]
        public SwitchParameter NoSuggestion { get; set; }

        string _path = string.Empty;
        CleanupPolicy? _policy;
        string? _policyPath;

        protected override void Begin()
        {
            // Everything that can be wrong locally is found before any server is contacted.
            _path = GetUnresolvedProviderPathFromPSPath(Path);
            Invoke(() => { ReportWriter.CheckWritable(_path); return 0; });
            if (Policy != null)
            {
                _policyPath = GetUnresolvedProviderPathFromPSPath(Policy);
                _policy = Invoke(() => InvokeMailCleanupCommand.ReadPolicy(_policyPath));
            }
        }

        protected override void EndProcessing()
        {
            var content = new ReportContent { Top = Top };
            try
            {
                var sources = Sources().ToList();
                for (int i = 0; i < sources.Count; i++)
                {
                    var session = sources[i].Key;
                    WriteProgress(new ProgressRecord(60, "Export-MailReport", $"{session.Account} ({i + 1} of {sources.Count})") { PercentComplete = i * 100 / sources.Count });
                    TryInvoke(() => content.Accounts.Add(Collect(session, sources[i].Value)), session);
                }
                WriteProgress(new ProgressRecord(60, "Export-MailReport", "Done") { RecordType = ProgressRecordType.Completed });
            }
            finally
            {
                DisconnectOwned();
            }
            if (LogPath != null)
            {
                content.History = new DeletionHistory();
                var accounts = content.Accounts.Count == 0 ? null : new HashSet<string>(content.Accounts.Select(a => a.Measurement.Account), StringComparer.OrdinalIgnoreCase);
                foreach (var log in LogPath)
                {
                    string file = GetUnresolvedProviderPathFromPSPath(log);
                    TryInvoke(() => content.History.Read(file, accounts), file);
                }
            }
            foreach (var run in RunSummary ?? Array.Empty<PSObject>())
                content.Runs.Add(ToRunRecord(run));
            long size = Invoke(() => ReportWriter.WriteFile(_path, content));
            WriteVerbose($"Wrote {_path} ({size} bytes) for {content.Accounts.Count} account(s).");
            WriteObject(new FileInfo(_path));
        }

        AccountReport Collect(MailSession session, IReadOnlyList<string>? folders)
        {
            var report = new AccountReport
            {
                Measurement = MailboxMeasurer.Measure(session, new MeasureOptions
                {
                    GroupBy = new[] { MailboxGroupBy.Folder, MailboxGroupBy.Sender, MailboxGroupBy.SenderDomain, MailboxGroupBy.Age, MailboxGroupBy.SizeBand },
                    Folders = folders,
                    Largest = Largest,
                    MonthlyByFolder = true,
                }, this, CancellationToken),
            };
            if (!NoSuggestion && report.Measurement.Total.Count > 0)
                foreach (var s in CleanupAdvisor.Suggest(session, new SuggestionSettings(), this, CancellationToken).Suggestions)
                    report.Suggestions.Add(s);
            if (_policy != null)
            {
                // The policy's own -WhatIf plan: folders opened read-only, nothing written, nothing moved.
                var options = new CleanupOptions
                {
                    PlanOnly = true,
                    ArchivePath = _policy.ArchivePath ?? "(archive)",
                };
                report.PolicyPreview = CleanupRunner.Run(session, _policy.Rules, options, this, CancellationToken).ToList();
                report.PolicySource = _policyPath;
            }
            return report;
        }

        // Run summaries come live from Get-MailRunSummary or back from Import-Clixml/ConvertFrom-Json: read them by property name.
        static RunRecord ToRunRecord(PSObject run)
        {
            object? Get(string name) => run.Properties[name]?.Value is PSObject p ? p.BaseObject : run.Properties[name]?.Value;
            var failed = Get("FailedAccounts");
            return new RunRecord
            {
                Started = LanguagePrimitives.TryConvertTo(Get("Started"), out DateTimeOffset started) ? started : DateTimeOffset.MinValue,
                Succeeded = LanguagePrimitives.TryConvertTo(Get("Succeeded"), out int ok) ? ok : 0,
                Failed = LanguagePrimitives.TryConvertTo(Get("Failed"), out int bad) ? bad : 0,
                FailedAccounts = failed is System.Collections.IEnumerable e && !(failed is string) ? string.Join(", ", e.Cast<object>()) : failed?.ToString(),
            };
        }
    }
}
