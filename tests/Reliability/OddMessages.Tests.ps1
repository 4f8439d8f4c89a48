# Reliability scenario 7: malformed and odd messages on the server (broken MIME, 8-bit headers, a 0-byte message, a
# header without body, a 30 MB message, a 10,000-character line): Export-Mailbox keeps their exact bytes and
# Invoke-MailCleanup removes exactly the ones its rule names.
BeforeAll {
    . $PSScriptRoot/ReliabilityCommon.ps1
    $script:CaptureName = 'OddMessages'
    Clear-Capture
    $server = Start-TestMailServer -Users alice -NoPop3
    $latin1 = [Text.Encoding]::Latin1
    $odd = [ordered]@{
        'broken MIME'         = "From: a@example.com`r`nSubject: broken`r`nMIME-Version: 1.0`r`nContent-Type: multipart/mixed; boundary=`"never-closed`"`r`n`r`n--never-closed`r`nContent-Type: text/plain`r`nContent-Transfer-Encoding: base64`r`n`r`n!!!not base64!!!`r`n--wrong-boundary--`r`n"
        '8-bit headers'       = "From: Jörg Müller <joerg@example.com>`r`nSubject: Grüße aus Köln – ça va?`r`nX-Latin1: caf" + [char]0xE9 + "`r`n`r`nBody with 8-bit: äöü`r`n"
        '0-byte message'      = ''
        'header without body' = "From: a@example.com`r`nSubject: no body`r`n"
        '10,000-character line' = "From: a@example.com`r`nSubject: long line`r`n`r`n" + ('L' * 10000) + "`r`n"
    }
    foreach ($k in $odd.Keys) { Save-DoveadmMessage -Server $server -User alice -Mailbox Odd -Bytes $latin1.GetBytes($odd[$k]) }
    # 30 MB: base64 lines of random bytes, as a big attachment looks on the wire.
    $big = [Text.StringBuilder]::new("From: a@example.com`r`nSubject: thirty megabytes`r`nMIME-Version: 1.0`r`nContent-Type: application/octet-stream`r`nContent-Transfer-Encoding: base64`r`n`r`n")
    $chunk = [byte[]]::new(57); $rnd = New-ScenarioRandom 'odd-messages'
    $line = [Convert]::ToBase64String($(foreach ($i in 1..57) { [byte]$rnd.Next(256) })) + "`r`n"
    $null = $big.Insert($big.Length, $line, [int](30MB / $line.Length))
    Save-DoveadmMessage -Server $server -User alice -Mailbox Odd -Bytes ([Text.Encoding]::ASCII.GetBytes($big.ToString()))
    $big = $null
    $session = Connect-Rel -Server $server
    $serverHashes = @(Get-ServerHash -Server $server -Folder Odd)
    $checks = [Collections.Generic.List[object]]::new()
}

AfterAll {
    Save-ScenarioResult -Scenario 'odd-messages' -Title 'Malformed and odd messages (broken MIME, 8-bit headers, 0 bytes, no body, 30 MB, 10,000-char line)' -Trials $checks.Count `
        -Failures @($checks | Where-Object Failed).Count -Lost ($checks | Measure-Object Lost -Sum).Sum -Duplicated ($checks | Measure-Object Duplicated -Sum).Sum -Rows @($checks)
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Scenario 7: odd messages' {
    It 'the server holds all six' {
        $serverHashes.Count | Should -Be 6
    }

    It 'Export-Mailbox <_> keeps every odd message byte for byte' -ForEach 'Maildir', 'Mbox', 'Eml' {
        $root = Join-Path $TestDrive "odd-$_"
        $r = Invoke-Captured { Export-Mailbox -Session $session -Folder Odd -Path $root -Format $_ -ErrorAction Continue }
        $c = Compare-HashSet -Expected $serverHashes -Actual @(Get-ExportHash -Root $root -Format $_)
        # mbox cannot represent a message without a final newline (the 0-byte one and "header without body" are fine
        # only if the writer adds nothing): -Verify-style honesty is asserted instead of equality for those.
        $checks.Add([pscustomobject]@{ Check = "Export $_"; Lost = $c.Lost; Duplicated = $c.Duplicated; Failed = ($r.Errors.Count + $c.Lost + $c.Duplicated) -gt 0 })
        $r.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        $c.Lost | Should -Be 0
        $c.Duplicated | Should -Be 0
        $c.Foreign | Should -Be 0
    }

    It 'Invoke-MailCleanup removes the 30 MB message by size and leaves the other five' {
        $r = Invoke-Captured { Invoke-MailCleanup -Session $session -Folder Odd -LargerThan 20MB -Action Delete -Confirm:$false -ErrorAction Continue }
        $left = @(Get-ServerHash -Server $server -Folder Odd)
        $c = Compare-HashSet -Expected @($serverHashes | Where-Object { $_ -in $left }) -Actual $left
        $checks.Add([pscustomobject]@{ Check = 'Clean-up -LargerThan 20MB'; Lost = 6 - 1 - $left.Count; Duplicated = $c.Duplicated; Failed = $r.Errors.Count -gt 0 -or $left.Count -ne 5 })
        $r.Errors | Should -BeNullOrEmpty
        $left.Count | Should -Be 5
        @(Invoke-TestDoveadm $server -f tab fetch -u alice size.virtual mailbox Odd all | Select-Object -Skip 1 | Where-Object { [long]$_ -gt 20MB }) | Should -BeNullOrEmpty
    }

    It 'Invoke-MailCleanup -Action Trash moves the odd rest to Trash intact' {
        $before = @(Get-ServerHash -Server $server -Folder Odd)
        $r = Invoke-Captured { Invoke-MailCleanup -Session $session -Folder Odd -SmallerThan 20MB -Action Trash -Confirm:$false -ErrorAction Continue }
        $c = Compare-HashSet -Expected $before -Actual @(Get-ServerHash -Server $server -Folder Trash)
        $checks.Add([pscustomobject]@{ Check = 'Clean-up Trash'; Lost = $c.Lost; Duplicated = $c.Duplicated; Failed = ($r.Errors.Count + $c.Lost + $c.Duplicated) -gt 0 })
        $r.Errors | Should -BeNullOrEmpty
        $c.Lost + $c.Duplicated + $c.Foreign | Should -Be 0
    }

    It 'no protocol log, -Verbose/-Debug line or error message of this file contains a password' {
        Find-SecretLeak -Servers $server | Should -BeNullOrEmpty
    }
}
