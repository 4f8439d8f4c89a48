using System;
using System.Collections.Generic;
using System.Management.Automation;
using MailTools.Core.Cleanup;
using MailTools.Core.Text;

namespace MailTools.Commands
{
    /// <summary>
    /// Get-MailCleanupSuggestion: proposes clean-up rules from what the account holds, each with the messages and bytes
    /// it would free (counted by the clean-up's own -WhatIf plan) and why; -OutFile writes them as a commented .psd1
    /// policy that Invoke-MailCleanup -Policy reads unchanged. Read-only: it never changes the server.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MailCleanupSuggestion", DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(MailCleanupSuggestion))]
    public sealed class GetMailCleanupSuggestionCommand : MailboxSourceCommand
    {
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter] public object? JunkOlderThan { get; set; }
        [Parameter] public object? BulkOlderThan { get; set; }
        [Parameter] public object? SentOlderThan { get; set; }
        [Parameter] public object? LargerThan { get; set; }
        [Parameter] public object? LargeOlderThan { get; set; }

        SuggestionSettings _settings = null!;   // set in Begin, which PowerShell runs before End
        string? _outFile;

        protected override void Begin()
        {
            _settings = Invoke(() =>
            {
                var s = new SuggestionSettings();
                if (JunkOlderThan != null) s.JunkOlderThan = AgeParser.Parse(Unwrap(JunkOlderThan), "-JunkOlderThan");
                if (BulkOlderThan != null) s.BulkOlderThan = AgeParser.Parse(Unwrap(BulkOlderThan), "-BulkOlderThan");
                if (SentOlderThan != null) s.SentOlderThan = AgeParser.Parse(Unwrap(SentOlderThan), "-SentOlderThan");
                if (LargeOlderThan != null) s.LargeOlderThan = AgeParser.Parse(Unwrap(LargeOlderThan), "-LargeOlderThan");
                if (LargerThan != null) s.LargerThan = SizeParser.Parse(Unwrap(LargerThan), "-LargerThan");
                return s;
            });
            if (OutFile != null)
            {
                _outFile = GetUnresolvedProviderPathFromPSPath(OutFile);
                Invoke(() => { Core.Report.ReportWriter.CheckWritable(_outFile); return 0; });
            }
        }

        protected override void EndProcessing()
        {
            var sets = new List<SuggestionSet>();
            try
            {
                foreach (var source in Sources())
                {
                    _settings.BulkFolders = source.Value;
                    SuggestionSet? set = null;
                    if (!TryInvoke(() => set = CleanupAdvisor.Suggest(source.Key, _settings, this, CancellationToken), source.Key) || set == null)
                        continue;
                    sets.Add(set);
                    foreach (var s in set.Suggestions)
                        WriteObject(s);
                }
            }
            finally
            {
                DisconnectOwned();
            }
            if (_outFile != null)
            {
                Invoke(() => { PolicyWriter.WriteFile(_outFile, sets, DateTime.Now); return 0; });
                WriteVerbose($"Wrote the suggested policy to {_outFile}. Try it with: Invoke-MailCleanup -Policy '{_outFile}' -WhatIf");
            }
        }

        static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
