# Measure-Mailbox at scale against a real Dovecot: memory stays flat from 5,000 to 50,000 messages, and the report of a
# 50,000-message account stays under 2 MB. Slow (seeding 50,000 messages), so only these two checks live here.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    $small = Start-TestMailServer -Users alice -Profile Scale5k
    $large = Start-TestMailServer -Users alice -Profile Scale50k
    $artifacts = Join-Path $RepoRoot 'out/test-results/report'
    New-Item -ItemType Directory -Force -Path $artifacts | Out-Null

    function Measure-InChild($Server, [string]$Extra = '') {
        # A fresh pwsh measures and reports its peak resident memory (VmHWM): nothing else ran in it.
        $user = $Server.Users[0]
        $command = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$cred = [pscredential]::new('$($user.UserName)', (ConvertTo-SecureString '$($user.Password)' -AsPlainText -Force))
`$null = Connect-MailServer -Server '$($Server.Host)' -Port $($Server.ImapsPort) -Security SslOnConnect -Credential `$cred
`$baseline = (Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM:*' }) -replace '\D', ''
`$rows = @(Measure-Mailbox -GroupBy Sender, Year)
`$count = (`$rows | Measure-Object Count -Sum).Sum
`$peak = (Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM:*' }) -replace '\D', ''
$Extra
"COUNT=`$count"; "BASELINE=`$baseline"; "PEAK=`$peak"
"@
        $lines = Invoke-FreshPwsh -Command $command
        $values = @{}
        foreach ($line in $lines) { if ($line -match '^(\w+)=(\d+)$') { $values[$Matches[1]] = [long]$Matches[2] } }
        if (-not $values.ContainsKey('PEAK')) { throw "The child pwsh failed: $($lines -join "`n")" }
        $values
    }
}

AfterAll {
    if ($small) { Stop-TestMailServer $small }
    if ($large) { Stop-TestMailServer $large }
}

Describe 'Measure-Mailbox at 5,000 and 50,000 messages' {
    It 'keeps its peak memory flat when the account grows tenfold' {
        $five = Measure-InChild $small
        $fifty = Measure-InChild $large -Extra "Export-MailReport -Path '$artifacts/report-50k.html' | Out-Null; 'REPORT=' + (Get-Item '$artifacts/report-50k.html').Length"
        $five.COUNT | Should -Be ($small.Users[0].Seeded.Messages)
        $fifty.COUNT | Should -Be ($large.Users[0].Seeded.Messages)
        $fifty.COUNT | Should -BeGreaterOrEqual 50000
        # What measuring added on top of a connected session, in KB. Keeping even 1 KB per message would add ~45 MB
        # between 5,000 and 50,000 messages; streaming keeps the same few batches and per-group totals whatever the count.
        $grow5 = $five.PEAK - $five.BASELINE
        $grow50 = $fifty.PEAK - $fifty.BASELINE
        Set-Content -Path (Join-Path $artifacts 'memory.txt') -Value "5k: +$grow5 KB (peak $($five.PEAK) KB); 50k: +$grow50 KB (peak $($fifty.PEAK) KB)"
        ($grow50 - $grow5) | Should -BeLessThan (32 * 1024) -Because "5k grew $grow5 KB, 50k grew $grow50 KB"
        $fifty.REPORT | Should -BeLessThan 2MB
        $fifty.REPORT | Should -BeGreaterThan 10KB
    }
}
