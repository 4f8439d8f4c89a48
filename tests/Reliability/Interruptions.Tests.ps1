# Reliability scenarios 1, 2 and 4: an export and a clean-up cut at random byte offsets (fault proxy, RST), and
# stopped with Ctrl+C (PowerShell.Stop() = StopProcessing). After a re-run the export must equal the server and the
# clean-up must have removed exactly what its rule names, with every removed message in Trash or the archive.
BeforeDiscovery {
    . $PSScriptRoot/ReliabilityTrials.ps1
    $exportTrials = New-CutTrial -Scenario 'export-cut' -Default 3 -Full 21 -Kinds Maildir, Mbox, Eml
    $cleanupTrials = New-CutTrial -Scenario 'cleanup-cut' -Default 3 -Full 21 -Kinds Delete, Trash, Archive
    $stopTrials = 1..(Get-TrialCount -Default 1 -Full 5)
}

BeforeAll {
    . $PSScriptRoot/ReliabilityCommon.ps1
    $script:CaptureName = 'Interruptions'
    Clear-Capture
    $server = Start-TestMailServer -Users alice, bob -Profile Small
    $alice = $server.Users[0]; $bob = $server.Users[1]
    $exportFolders = @('INBOX', 'Newsletters', 'Junk')
    $exportHashes = @(Get-ServerHash -Server $server -Folder $exportFolders)

    # bob's clean-up template: copied into a fresh folder per trial (doveadm copy keeps dates and flags).
    $template = @{ In = @(); Keep = @() }
    $n = 0
    foreach ($kind in @('in') * 10 + @('flagged') * 3 + @('new') * 5) {
        $n++
        $days = if ($kind -eq 'new') { 2 } else { 400 + $n }
        $date = (Get-Date).AddDays(-$days)
        $text = "From: Sender <sender@example.com>`r`nTo: bob@example.com`r`nSubject: $kind $n`r`nDate: $($date.ToUniversalTime().ToString('r'))`r`nMessage-ID: <$kind.$n.$([guid]::NewGuid().ToString('N'))@test>`r`n`r`nBody $n`r`n" + ('y' * (200 * $n)) + "`r`n"
        $bytes = [Text.Encoding]::ASCII.GetBytes($text)
        $flags = if ($kind -eq 'flagged') { '\Flagged' } else { '' }
        $null = Add-TestMessage -Server $server -User bob -Mailbox Template -Bytes $bytes -Date $date -Flags $flags
        $hash = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($bytes)).ToLowerInvariant()
        if ($kind -eq 'in') { $template.In += $hash } else { $template.Keep += $hash }
    }
    $script:FolderCounter = 0
    function New-TrialFolder {
        $script:FolderCounter++
        $name = "Trial$FolderCounter"
        $null = Invoke-TestDoveadm $server mailbox create -u bob $name
        $null = Invoke-TestDoveadm $server copy -u bob $name mailbox Template all
        $null = Invoke-TestDoveadm $server expunge -u bob mailbox Trash all
        $name
    }

    function Test-CleanupOutcome {
        # Reads the server (and the archive) directly: what stayed, what went where.
        param([string] $Folder, [string] $Action, [string] $ArchivePath)
        $remaining = @(Get-ServerHash -Server $server -UserIndex 1 -Folder $Folder)
        $keep = Compare-HashSet -Expected $template.Keep -Actual @($remaining | Where-Object { $_ -notin $template.In })
        $notDone = @($remaining | Where-Object { $_ -in $template.In }).Count
        $lost = $keep.Lost; $dup = $keep.Duplicated
        $partial = 0
        switch ($Action) {
            'Trash' { $c = Compare-HashSet -Expected $template.In -Actual @(Get-ServerHash -Server $server -UserIndex 1 -Folder Trash); $lost += $c.Lost; $dup += $c.Duplicated }
            'Archive' {
                $c = Compare-HashSet -Expected $template.In -Actual @(Get-ExportHash -Root $ArchivePath)
                $lost += $c.Lost; $dup += $c.Duplicated; $partial = $c.Foreign + @(Get-PartialFile $ArchivePath).Count
            }
        }
        [pscustomobject]@{ Lost = $lost; Duplicated = $dup; NotDone = $notDone; Partial = $partial }
    }

}

AfterAll {
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Scenario 1: Export-Mailbox cut at random byte offsets' {
    BeforeAll {
        # The range to cut in: after the login, up to the end of a whole export (measured through a pass-through proxy).
        $probe = Start-TestFaultProxy -TargetPort $server.ImapsPort
        try {
            Disconnect-MailServer -Session (Connect-Rel -Server $server -Proxy $probe)
            $s = Connect-Rel -Server $server -Proxy $probe
            $null = Export-Mailbox -Session $s -Path (Join-Path $TestDrive 'probe') -Folder $exportFolders
            Disconnect-MailServer -Session $s
            $loginBytes = Get-ProxyServerBytes $probe 1
            $exportBytes = Get-ProxyServerBytes $probe 2
        } finally { Stop-TestFaultProxy $probe }
        $outcomes = [Collections.Generic.List[object]]::new()
    }

    It 'cut <Kind> export #<Index> at <Fraction> of the way: the re-run equals the server, no duplicate, no partial file' -ForEach $exportTrials {
        $Format = $Kind; $Offset = $loginBytes + [long]($Fraction * ($exportBytes - $loginBytes))
        $root = Join-Path $TestDrive "cut$Index"
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -CutAfterBytes $Offset -OnlyConnection 1 -Seed $RelSeed
        try {
            $s = Connect-Rel -Server $server -Proxy $proxy
            $cut = Invoke-Captured { Export-Mailbox -Session $s -Path $root -Format $Format -Folder $exportFolders -ErrorAction Continue }
            # Same session: it reconnects through the proxy (connection 2, not cut).
            $rerun = Invoke-Captured { Export-Mailbox -Session $s -Path $root -Format $Format -Folder $exportFolders -ErrorAction Continue }
            Disconnect-MailServer -Session $s
        } finally { Stop-TestFaultProxy $proxy }
        $c = Compare-HashSet -Expected $exportHashes -Actual @(Get-ExportHash -Root $root -Format $Format)
        $partial = @(Get-PartialFile $root)
        $outcomes.Add([pscustomobject]@{ Offset = $Offset; Format = $Format; Lost = $c.Lost; Duplicated = $c.Duplicated
                Failed = ($c.Lost + $c.Duplicated + $c.Foreign + $partial.Count + $rerun.Errors.Count) -gt 0 -or @($cut.Errors | Where-Object FullyQualifiedErrorId -notlike 'MailTools*').Count -gt 0 })
        # Every error of the cut run is a MailTools error, not a raw exception.
        foreach ($e in $cut.Errors) { $e.FullyQualifiedErrorId | Should -BeLike 'MailTools*' }
        $rerun.Errors | Should -BeNullOrEmpty
        $c.Lost | Should -Be 0
        $c.Duplicated | Should -Be 0
        $c.Foreign | Should -Be 0 -Because 'every exported file has the bytes of a server message'
        $partial.FullName | Should -BeNullOrEmpty
    }

    AfterAll {
        Save-ScenarioResult -Scenario 'export-cut' -Title 'Export-Mailbox cut at random byte offsets, then re-run' -Trials $outcomes.Count `
            -Failures @($outcomes | Where-Object Failed).Count -Lost ($outcomes | Measure-Object Lost -Sum).Sum -Duplicated ($outcomes | Measure-Object Duplicated -Sum).Sum `
            -Notes "$($exportHashes.Count) messages in 3 folders; cut points between byte $loginBytes (after login) and $exportBytes (end of export); formats Maildir, Mbox, Eml in turn." `
            -Rows @($outcomes | ForEach-Object { "$($_.Format) cut at $($_.Offset)" })
    }
}

Describe 'Scenario 2: Invoke-MailCleanup cut at random byte offsets' {
    BeforeAll {
        $probe = Start-TestFaultProxy -TargetPort $server.ImapsPort
        try {
            Disconnect-MailServer -Session (Connect-Rel -Server $server -Proxy $probe -UserIndex 1)
            $s = Connect-Rel -Server $server -Proxy $probe -UserIndex 1
            $null = Invoke-MailCleanup -Session $s -Folder (New-TrialFolder) -OlderThan 30 -Action Trash -Confirm:$false
            Disconnect-MailServer -Session $s
            $loginBytes = Get-ProxyServerBytes $probe 1
            $cleanupBytes = Get-ProxyServerBytes $probe 2
        } finally { Stop-TestFaultProxy $probe }
        $outcomes = [Collections.Generic.List[object]]::new()
    }

    It 'cut <Kind> clean-up #<Index> at <Fraction> of the way: nothing outside the rule removed, every removed message kept, the re-run completes' -ForEach $cleanupTrials {
        $Action = $Kind; $Offset = $loginBytes + [long]($Fraction * ($cleanupBytes - $loginBytes))
        $folder = New-TrialFolder
        $archive = Join-Path $TestDrive "archive$Index"
        $extra = if ($Action -eq 'Archive') { @{ ArchivePath = $archive } } else { @{} }
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -CutAfterBytes $Offset -OnlyConnection 1 -Seed $RelSeed
        try {
            $s = Connect-Rel -Server $server -Proxy $proxy -UserIndex 1
            $cut = Invoke-Captured { Invoke-MailCleanup -Session $s -Folder $folder -OlderThan 30 -Action $Action @extra -Confirm:$false -ErrorAction Continue }
            $rerun = Invoke-Captured { Invoke-MailCleanup -Session $s -Folder $folder -OlderThan 30 -Action $Action @extra -Confirm:$false -ErrorAction Continue }
            Disconnect-MailServer -Session $s
        } finally { Stop-TestFaultProxy $proxy }
        $o = Test-CleanupOutcome -Folder $folder -Action $Action -ArchivePath $archive
        $outcomes.Add([pscustomobject]@{ Offset = $Offset; Action = $Action; Lost = $o.Lost; Duplicated = $o.Duplicated
                Failed = ($o.Lost + $o.Duplicated + $o.NotDone + $o.Partial + $rerun.Errors.Count) -gt 0 })
        foreach ($e in $cut.Errors) { $e.FullyQualifiedErrorId | Should -BeLike 'MailTools*' }
        $rerun.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        $o.Lost | Should -Be 0 -Because 'nothing outside the rule is removed and every removed message is in Trash or the archive'
        $o.Duplicated | Should -Be 0
        $o.NotDone | Should -Be 0 -Because 'the re-run removes what the cut run left'
        $o.Partial | Should -Be 0
    }

    AfterAll {
        Save-ScenarioResult -Scenario 'cleanup-cut' -Title 'Invoke-MailCleanup (Delete, Trash, Archive) cut at random byte offsets, then re-run' -Trials $outcomes.Count `
            -Failures @($outcomes | Where-Object Failed).Count -Lost ($outcomes | Measure-Object Lost -Sum).Sum -Duplicated ($outcomes | Measure-Object Duplicated -Sum).Sum `
            -Notes "18 messages per trial folder (10 match -OlderThan 30, 3 old but flagged, 5 new); cut points between byte $loginBytes and $cleanupBytes; actions Delete, Trash, Archive in turn." `
            -Rows @($outcomes | ForEach-Object { "$($_.Action) cut at $($_.Offset)" })
    }
}

Describe 'Scenario 4: Ctrl+C (StopProcessing) during Export-Mailbox and Invoke-MailCleanup' {
    BeforeAll {
        $allHashes = @(Get-ServerHash -Server $server)
        $stops = [Collections.Generic.List[object]]::new()
        function Stop-Midway {
            # Runs the command in a new runspace behind a slow proxy, presses "Ctrl+C" once $Ready says work has
            # started, and returns how long Stop() took.
            param([string] $Command, [hashtable] $Arguments, [scriptblock] $Ready, [int] $UserIndex)
            $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs 40
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                        param($ModulePath, $Port, $Credential, $Command, $Arguments, $Log)
                        Import-Module $ModulePath
                        $s = Connect-MailServer -Server 127.0.0.1 -Port $Port -Security SslOnConnect -Credential $Credential -ProtocolLogPath $Log
                        & $Command -Session $s @Arguments
                    }).AddArgument($ModulePath).AddArgument($proxy.Port).AddArgument($server.Users[$UserIndex].Credential).AddArgument($Command).AddArgument($Arguments).AddArgument((Get-ProtocolLogPath))
                $async = $ps.BeginInvoke()
                $deadline = [datetime]::UtcNow.AddSeconds(60)
                while (-not (& $Ready) -and -not $async.IsCompleted -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
                $finishedFirst = $async.IsCompleted
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $sw.Stop()
                $errors = @($ps.Streams.Error)
                foreach ($e in $errors) { Add-CapturedError $e }
                [pscustomobject]@{ StopMs = [int]$sw.ElapsedMilliseconds; FinishedFirst = $finishedFirst; Errors = $errors; State = "$($ps.InvocationStateInfo.State)" }
            } finally { $ps.Dispose(); Stop-TestFaultProxy $proxy }
        }
    }

    It 'stops an export midway (trial <_>): only whole files of server messages; the re-run completes it' -ForEach $stopTrials {
        $root = Join-Path $TestDrive "stopped-export$_"
        $stop = Stop-Midway -Command Export-Mailbox -Arguments @{ Path = $root } -UserIndex 0 -Ready {
            (Test-Path -LiteralPath $root) -and @(Get-ChildItem -LiteralPath $root -Recurse -File -Force | Where-Object { $_.Directory.Name -eq 'cur' }).Count -ge 20 }
        $stops.Add([pscustomobject]@{ What = 'export'; StopMs = $stop.StopMs; FinishedFirst = $stop.FinishedFirst })
        Write-Host "export stopped after Stop() in $($stop.StopMs) ms (state $($stop.State))"
        $stop.FinishedFirst | Should -BeFalse -Because 'the stop must land while the export runs'
        $stop.State | Should -Be 'Stopped'
        $before = Compare-HashSet -Expected $allHashes -Actual @(Get-ExportHash -Root $root)
        $before.Foreign | Should -Be 0
        $before.Duplicated | Should -Be 0
        $before.Lost | Should -BeGreaterThan 0 -Because 'the export was stopped before the end'
        @(Get-PartialFile $root).FullName | Should -BeNullOrEmpty
        $s = Connect-Rel -Server $server
        $rerun = Invoke-Captured { Export-Mailbox -Session $s -Path $root -ErrorAction Continue }
        Disconnect-MailServer -Session $s
        $rerun.Errors | Should -BeNullOrEmpty
        $after = Compare-HashSet -Expected $allHashes -Actual @(Get-ExportHash -Root $root)
        $after.Lost + $after.Duplicated + $after.Foreign | Should -Be 0
        $stops[-1] | Add-Member Lost $after.Lost; $stops[-1] | Add-Member Duplicated $after.Duplicated
    }

    It 'stops a Trash clean-up midway (trial <_>): nothing outside the rule touched; the re-run completes it' -ForEach $stopTrials {
        # A bigger folder: every trial's template copied in five times, so the clean-up takes several round trips.
        $folder = New-TrialFolder
        foreach ($k in 1..4) { $null = Invoke-TestDoveadm $server copy -u bob $folder mailbox Template all }   # 90 messages
        $t0 = [datetime]::UtcNow
        $stop = Stop-Midway -Command Invoke-MailCleanup -Arguments @{ Folder = $folder; OlderThan = 30; Action = 'Trash'; Confirm = $false } -UserIndex 1 -Ready {
            [datetime]::UtcNow -gt $t0.AddMilliseconds(900) }
        $stops.Add([pscustomobject]@{ What = 'clean-up'; StopMs = $stop.StopMs; FinishedFirst = $stop.FinishedFirst })
        Write-Host "clean-up stopped after Stop() in $($stop.StopMs) ms (state $($stop.State), finished first: $($stop.FinishedFirst))"
        $stop.State | Should -BeIn 'Stopped', 'Completed'
        # Consistent whatever the moment: the keep set intact, each in-rule message in exactly one of folder and Trash.
        $inFolder = @(Get-ServerHash -Server $server -UserIndex 1 -Folder $folder)
        $inTrash = @(Get-ServerHash -Server $server -UserIndex 1 -Folder Trash)
        (Compare-HashSet -Expected ($template.Keep * 5) -Actual @($inFolder | Where-Object { $_ -notin $template.In })).Lost | Should -Be 0
        $c = Compare-HashSet -Expected ($template.In * 5) -Actual @(@($inFolder | Where-Object { $_ -in $template.In }) + $inTrash)
        $c.Lost | Should -Be 0
        $c.Duplicated | Should -Be 0
        $s = Connect-Rel -Server $server -UserIndex 1
        $rerun = Invoke-Captured { Invoke-MailCleanup -Session $s -Folder $folder -OlderThan 30 -Action Trash -Confirm:$false -ErrorAction Continue }
        Disconnect-MailServer -Session $s
        $rerun.Errors | Should -BeNullOrEmpty
        @(Get-ServerHash -Server $server -UserIndex 1 -Folder $folder | Where-Object { $_ -in $template.In }) | Should -BeNullOrEmpty
        (Compare-HashSet -Expected ($template.In * 5) -Actual @(Get-ServerHash -Server $server -UserIndex 1 -Folder Trash)).Lost | Should -Be 0
        $stops[-1] | Add-Member Lost $c.Lost; $stops[-1] | Add-Member Duplicated $c.Duplicated
    }

    AfterAll {
        $ms = @($stops | ForEach-Object StopMs)
        Save-ScenarioResult -Scenario 'ctrl-c' -Title 'Ctrl+C (StopProcessing) during Export-Mailbox and Invoke-MailCleanup' -Trials $stops.Count `
            -Failures @($stops | Where-Object { $null -eq $_.PSObject.Properties['Lost'] }).Count `
            -Lost ($stops | Measure-Object Lost -Sum).Sum -Duplicated ($stops | Measure-Object Duplicated -Sum).Sum `
            -Notes ("Time from PowerShell.Stop() to stopped (behind a 40 ms-per-chunk proxy): " + (($stops | ForEach-Object { "$($_.What) $(if ($_.FinishedFirst) { 'had finished before Stop()' } else { "$($_.StopMs) ms" })" }) -join ', ') + "; longest $(($ms | Measure-Object -Maximum).Maximum) ms.") `
            -Rows @($stops | ForEach-Object { "$($_.What): $($_.StopMs) ms" })
    }
}

Describe 'Interruptions: no password anywhere' {
    It 'no protocol log, -Verbose/-Debug line or error message of this file contains a password' {
        Find-SecretLeak -Servers $server | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $RelCaptureDir -Filter 'Interruptions*').Count | Should -BeGreaterThan 1
    }
}
