<#
.SYNOPSIS
    How many methods the JIT compiles, per library, when one build of MailTools is imported and its Core, MimeKit and
    MailKit code first runs (no server needed). Fewer JIT-compiled MimeKit/MailKit/MailTools methods in one build than
    in another means that build's ReadyToRun code is used. JIT counts and CPU time do not depend on how busy the
    machine is, unlike wall-clock time. Not part of `./build.ps1 Bench`.
.EXAMPLE
    foreach ($m in 'out/MailTools/MailTools.psd1', '/tmp/r2r/MailTools/MailTools.psd1') { pwsh -NoProfile -File bench/Measure-JitByAssembly.ps1 $m }
#>
param([Parameter(Mandatory)] [string] $Module)
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
public sealed class MailToolsJitCounter : EventListener
{
    public readonly ConcurrentDictionary<string, int> ByLibrary = new ConcurrentDictionary<string, int>();
    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);   // JIT keyword: MethodJittingStarted
    }
    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == null || !e.EventName.StartsWith("MethodJittingStarted")) return;
        int i = e.PayloadNames.IndexOf("MethodNamespace");
        string ns = i >= 0 ? e.Payload[i] as string ?? "" : "";
        string key = ns.StartsWith("MailKit") ? "MailKit" : ns.StartsWith("MimeKit") ? "MimeKit" : ns.StartsWith("MailTools") ? "MailTools" : "other";
        ByLibrary.AddOrUpdate(key, 1, (_, n) => n + 1);
    }
}
'@
$counter = [MailToolsJitCounter]::new()
$process = [Diagnostics.Process]::GetCurrentProcess()
$cpu0 = $process.TotalProcessorTime
Import-Module $Module
# The private load context on PowerShell 7 (see docs/architecture.md); MimeKit and MailKit are loaded from there.
$context = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'MailTools'
$mime = $context.LoadFromAssemblyName([Reflection.AssemblyName]::new('MimeKit'))
$mail = $context.LoadFromAssemblyName([Reflection.AssemblyName]::new('MailKit'))
$bytes = [Text.Encoding]::ASCII.GetBytes("From: a@example.org`r`nTo: b@example.org`r`nSubject: =?utf-8?q?h=C3=A9llo?=`r`nDate: Tue, 1 Dec 2026 10:00:00 +0000`r`nMessage-ID: <x@example.org>`r`nContent-Type: multipart/mixed; boundary=zz`r`n`r`n--zz`r`nContent-Type: text/plain; charset=utf-8`r`n`r`nbody`r`n--zz--`r`n")
$load = $mime.GetType('MimeKit.MimeMessage').GetMethod('Load', [type[]]@([IO.Stream], [Threading.CancellationToken]))
$message = $load.Invoke($null, @([IO.MemoryStream]::new($bytes), [Threading.CancellationToken]::None))
$null = $message.Subject, $message.TextBody
$null = [Activator]::CreateInstance($mail.GetType('MailKit.Net.Imap.ImapClient'))
$query = [MailTools.Core.Messages.MessageQuery]::new(); $query.Subject = 'x'
$null = $query.ToSearchQuery([datetime]::Now), $query.Describe()
Start-Sleep -Milliseconds 300   # events arrive asynchronously
$process.Refresh()
[pscustomobject]@{
    Module = $Module
    CpuMs = [int]($process.TotalProcessorTime - $cpu0).TotalMilliseconds
    JitMimeKit = $counter.ByLibrary['MimeKit']
    JitMailKit = $counter.ByLibrary['MailKit']
    JitMailTools = $counter.ByLibrary['MailTools']
    JitOther = $counter.ByLibrary['other']
}
