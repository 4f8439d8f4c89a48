#nullable disable // Not yet annotated for nullable (issue 12 item 5): annotate, then delete this line.
using System;
using System.Collections.Generic;
using System.Linq;

namespace MailTools
{
    /// <summary>
    /// How a run over many accounts went (MailTools.RunSummary): which accounts every MailTools command in this
    /// runspace finished for, which failed and why. A scheduled script ends with `exit (Get-MailRunSummary).ExitCode`.
    /// </summary>
    public sealed class RunSummary
    {
        public DateTimeOffset Started { get; set; }
        public int Accounts => Succeeded + Failed;
        public int Succeeded { get; set; }
        public int Failed { get; set; }
        public string[] SucceededAccounts { get; set; } = Array.Empty<string>();
        public string[] FailedAccounts { get; set; } = Array.Empty<string>();
        public AccountFailure[] Failures { get; set; } = Array.Empty<AccountFailure>();
        /// <summary>0 when every account succeeded, 1 when any failed.</summary>
        public int ExitCode => Failed > 0 ? 1 : 0;

        public override string ToString() => $"{Succeeded} of {Accounts} accounts succeeded, {Failed} failed";
    }

    /// <summary>One failure of one account in a run.</summary>
    public sealed class AccountFailure
    {
        public string Account { get; set; }
        public string Command { get; set; }
        public string ErrorId { get; set; }
        public string Message { get; set; }
        public DateTimeOffset Time { get; set; }
    }

    /// <summary>Collects per-account outcomes; one per runspace (kept by the cmdlet layer).</summary>
    public sealed class RunLedger
    {
        readonly object _gate = new object();
        readonly HashSet<string> _ok = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        readonly List<AccountFailure> _failures = new List<AccountFailure>();
        DateTimeOffset _started = DateTimeOffset.Now;

        public void Succeeded(string account)
        {
            if (string.IsNullOrEmpty(account)) return;
            lock (_gate) _ok.Add(account);
        }

        public void Failed(string account, string command, string errorId, string message)
        {
            if (string.IsNullOrEmpty(account)) return;
            lock (_gate) _failures.Add(new AccountFailure { Account = account, Command = command, ErrorId = errorId, Message = message, Time = DateTimeOffset.Now });
        }

        public RunSummary Summarize()
        {
            lock (_gate)
            {
                var failed = new HashSet<string>(_failures.Select(f => f.Account), StringComparer.OrdinalIgnoreCase);
                var succeeded = _ok.Where(a => !failed.Contains(a)).OrderBy(a => a, StringComparer.OrdinalIgnoreCase).ToArray();
                return new RunSummary
                {
                    Started = _started,
                    Succeeded = succeeded.Length,
                    Failed = failed.Count,
                    SucceededAccounts = succeeded,
                    FailedAccounts = failed.OrderBy(a => a, StringComparer.OrdinalIgnoreCase).ToArray(),
                    Failures = _failures.ToArray(),
                };
            }
        }

        public void Reset()
        {
            lock (_gate)
            {
                _ok.Clear();
                _failures.Clear();
                _started = DateTimeOffset.Now;
            }
        }
    }
}
