using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MailTools.Core.Cleanup;

namespace MailTools
{
    /// <summary>Shared by Remove-/Move-MailMessage: collect per session and folder, then act per folder in EndProcessing.</summary>
    public abstract class MessageBatchCommand : MailToolsCmdlet
    {
        readonly Dictionary<(MailSession, string), List<MailMessage>> _groups = new Dictionary<(MailSession, string), List<MailMessage>>();
        readonly List<(MailSession, string)> _order = new List<(MailSession, string)>();

        protected MailMessage[] Messages { get; set; } = Array.Empty<MailMessage>();
        protected abstract string? DestinationFolder { get; }
        protected abstract string Verb { get; }
        protected abstract string? Log { get; }
        protected abstract bool Pass { get; }

        protected override void ProcessRecord()
        {
            foreach (var m in Messages ?? Array.Empty<MailMessage>())
            {
                if (m == null)
                    continue;
                var session = ResolveSession(m.Session);
                var key = (session, m.Folder ?? "INBOX");
                if (!_groups.TryGetValue(key, out var list))
                {
                    _groups[key] = list = new List<MailMessage>();
                    _order.Add(key);
                }
                list.Add(m);
            }
        }

        protected override void EndProcessing()
        {
            DeletionLog? log = null;
            try
            {
                foreach (var key in _order)
                {
                    var (session, folder) = key;
                    var messages = _groups[key];
                    long bytes = messages.Sum(m => m.Size);
                    string target = $"{messages.Count} message(s), {CleanupPlan.FormatBytes(bytes)}, in '{folder}' of {Describe(session)}";
                    if (!ShouldProcess(target, DestinationFolder == null ? Verb : $"{Verb} to '{DestinationFolder}'"))
                        continue;
                    if (log == null && Log is string logPath && logPath.Length > 0)
                        log = Invoke(() => DeletionLog.Open(GetUnresolvedProviderPathFromPSPath(logPath)));
                    CleanupResult? result = null;
                    if (TryInvoke(() => result = MessageActions.Apply(session, folder, messages, DestinationFolder, log, this, CancellationToken), folder) && Pass)
                        WriteObject(result);
                }
            }
            finally
            {
                log?.Dispose();
            }
        }
    }
}
