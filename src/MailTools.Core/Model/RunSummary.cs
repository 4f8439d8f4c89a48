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
        /// <summary>When recording began (the runspace's first use, or the last Reset).</summary>
        public DateTimeOffset Started { get; set; }
        /// <summary>How many accounts the run used.</summary>
        public int Accounts => Succeeded + Failed;
        /// <summary>Accounts with a success and no failure.</summary>
        public int Succeeded { get; set; }
        /// <summary>Accounts with at least one failure.</summary>
        public int Failed { get; set; }
        /// <summary>The names of the accounts that worked.</summary>
        public ValueList SucceededAccounts { get; set; } = ValueList.None;
        /// <summary>The names of the accounts that failed.</summary>
        public ValueList FailedAccounts { get; set; } = ValueList.None;
        /// <summary>The failures, one per account and command.</summary>
        public ItemList<AccountFailure> Failures { get; set; } = new ItemList<AccountFailure>(null);
        /// <summary>0 when every account succeeded, 1 when any failed.</summary>
        public int ExitCode => Failed > 0 ? 1 : 0;

        /// <summary>Succeeded and failed counts, for display.</summary>
        public override string ToString() => $"{Succeeded} of {Accounts} accounts succeeded, {Failed} failed";
    }

    /// <summary>One failure of one account in a run.</summary>
    public sealed class AccountFailure
    {
        /// <summary>The account that failed.</summary>
        public string Account { get; set; } = string.Empty;
        /// <summary>The command that failed (e.g. "Export-Mailbox").</summary>
        public string Command { get; set; } = string.Empty;
        /// <summary>The failure's ErrorId; null when it had none.</summary>
        public string? ErrorId { get; set; }
        /// <summary>The failure's message; null when it had none.</summary>
        public string? Message { get; set; }
        /// <summary>When the failure was recorded.</summary>
        public DateTimeOffset Time { get; set; }

        /// <summary>Account and ErrorId, for display.</summary>
        public override string ToString() => $"{Account}: {ErrorId}";
    }

    /// <summary>Collects per-account outcomes; one per runspace (kept by the cmdlet layer).</summary>
    public sealed class RunLedger
    {
        readonly object _gate = new object();
        readonly HashSet<string> _ok = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        readonly List<AccountFailure> _failures = new List<AccountFailure>();
        DateTimeOffset _started = DateTimeOffset.Now;

        /// <summary>Records that a command on <paramref name="account"/> worked (an empty name is ignored).</summary>
        public void Succeeded(string account)
        {
            if (string.IsNullOrEmpty(account)) return;
            lock (_gate) _ok.Add(account);
        }

        /// <summary>Records a failure of <paramref name="command"/> on <paramref name="account"/> (an empty name is ignored).</summary>
        public void Failed(string? account, string? command, string? errorId, string? message)
        {
            if (account is not { Length: > 0 } name) return;
            lock (_gate) _failures.Add(new AccountFailure { Account = name, Command = command ?? string.Empty, ErrorId = errorId, Message = message, Time = DateTimeOffset.Now });
        }

        /// <summary>The summary of everything recorded so far.</summary>
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

        /// <summary>Forgets everything recorded (a new run).</summary>
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
