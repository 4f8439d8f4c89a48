# Output people can use: every output type (the [OutputType]s of every cmdlet, so a new one cannot be forgotten) fits
# 80 columns in its default view, and gives plain values to ConvertTo-Json and Export-Csv: no live session, no enum
# numbers, no TimeSpan Ticks, no "System.String[]". Objects come from a real Dovecot where a cmdlet makes them cheaply,
# and are also built with every property filled (long text included) so truncation and nested types are exercised.
BeforeDiscovery {
    . $PSScriptRoot/TestCommon.ps1
    . $PSScriptRoot/OutputTypes.ps1

    $typeCases = @(Get-MailToolsOutputType | ForEach-Object { @{ Name = $_.Name; FullName = $_.FullName; HasView = [bool](Get-FormatData -TypeName $_.FullName) } })
}

BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    # Widths are measured on the text, not on colour escape codes.
    $PSStyle.OutputRendering = 'PlainText'
    . $PSScriptRoot/OutputTypes.ps1

    $server = Start-TestMailServer -Users alice, bob -Profile Small
    $alice = $server.Users[0]

    function New-FilledObject([type] $Type) {
        # An instance with every settable property given a value: long text (to prove the view truncates rather than
        # wraps), the last value of each enum, lists of two names, one filled element in arrays of MailTools types.
        $o = [Activator]::CreateInstance($Type)
        foreach ($p in $Type.GetProperties() | Where-Object { $_.CanWrite -and $_.SetMethod.IsPublic }) {
            $t = [Nullable]::GetUnderlyingType($p.PropertyType) ?? $p.PropertyType
            $value = switch ($t) {
                { $_ -eq [string] } { "a rather long $($p.Name) value that no column of 80 can hold in one line"; break }
                { $_ -in [int], [long], [double], [uint32], [uint64] } { [Convert]::ChangeType(1234567, $_); break }
                { $_ -eq [bool] } { $true; break }
                { $_ -eq [DateTimeOffset] } { [DateTimeOffset]::new(2024, 5, 17, 9, 30, 0, [TimeSpan]::Zero); break }
                { $_ -eq [char] } { [char]'/'; break }
                { $_.IsEnum } { [Enum]::GetValues($_)[-1]; break }
                { $_ -eq [MailTools.ValueList] } { , [MailTools.ValueList]::new([string[]]@('IDLE', 'MOVE')); break }
                { $_ -eq [string[]] } { , [string[]]@('one', 'two'); break }
                { $_.IsGenericType -and $_.Name -eq 'ItemList`1' } {
                    $a = [Array]::CreateInstance($_.GenericTypeArguments[0], 1); $a[0] = New-FilledObject $_.GenericTypeArguments[0]
                    , [Activator]::CreateInstance($_, @(, $a)); break }
                { $_.IsArray -and $_.GetElementType().Namespace -eq 'MailTools' } {
                    $a = [Array]::CreateInstance($_.GetElementType(), 1); $a[0] = New-FilledObject $_.GetElementType(); , $a; break }
                default { $null }
            }
            if ($null -ne $value) { $p.SetValue($o, $value) }
        }
        $o
    }

    # Live objects from Dovecot (the session types cannot be built by hand).
    $session = Connect-TestSession -Server $server
    $live = @(
        $session
        Get-MailFolder -Session $session
        Get-MailMessage -Session $session -Folder INBOX | Select-Object -First 3
        Export-Mailbox -Session $session -Path (Join-Path $TestDrive 'export') -Folder INBOX
        Import-Mailbox -Session $session -Path (Join-Path $TestDrive 'export' | Get-ChildItem -Directory | Select-Object -First 1).FullName -Folder 'Imported' -Confirm:$false
        Invoke-MailCleanup -Session $session -Folder INBOX -OlderThan 1d -Action Trash -WhatIf
        Measure-Mailbox -Session $session -GroupBy Folder
        Compare-MailProtocol -Reference
        Get-MailRunSummary
    )
    $outputTypes = @(Get-MailToolsOutputType)
    $samples = foreach ($t in $outputTypes) {
        $ofType = @($live | Where-Object { $_ -is $t })
        if ($t.GetConstructor([type[]]@())) { $ofType += New-FilledObject $t }
        [pscustomobject]@{ Type = $t; Objects = $ofType }
    }
}

AfterAll {
    Disconnect-MailServer -All
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Output types' {
    It 'finds the declared output types and a sample of each (live from Dovecot or built)' {
        $outputTypes.FullName | Should -Contain 'MailTools.MailFolder'
        $outputTypes.FullName | Should -Contain 'MailTools.ProtocolComparisonRow' -Because 'nested types are followed'
        foreach ($s in $samples) { $s.Objects | Should -Not -BeNullOrEmpty -Because "$($s.Type.FullName) needs a sample" }
        @($live | Where-Object { $_ -is [MailTools.ExportResult] }) | Should -Not -BeNullOrEmpty
        @($live | Where-Object { $_ -is [MailTools.CleanupResult] }) | Should -Not -BeNullOrEmpty
    }
}

Describe 'Default views at 80 columns' {
    It 'renders <Name> in at most 80 columns, one line per object, Account a column not a group' -ForEach @($typeCases | Where-Object HasView) {
        $sample = $samples | Where-Object { $_.Type.FullName -eq $FullName }
        $type = $sample.Type
        $text = $sample.Objects | Out-String -Width 80
        $lines = $text -split "`r?`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $text | Should -Not -Match 'Account: ' -Because 'no GroupBy header'
        $view = (Get-FormatData -TypeName $type.FullName).FormatViewDefinition[0].Control
        # A view that wraps on purpose (the comparison's rows, pre-wrapped at word boundaries) may use several lines.
        if ($view -is [System.Management.Automation.TableControl] -and -not $view.Rows[0].Wrap) {
            $count = @($sample.Objects).Count
            $body = @($lines | Where-Object { $_.Trim() } | Select-Object -Skip 2)
            $body.Count | Should -Be $count -Because 'a long value is cut with "…", never wrapped into a second row'
            if ($type.GetProperty('Account')) { $view.Headers.Label | Should -Contain 'Account' }
        }
    }

    It 'shows sizes readable and keeps them numbers (Sort-Object sorts by bytes)' {
        $folders = Get-MailFolder -Session $session
        $folders[0].Size | Should -BeOfType [long]
        $text = $folders | Sort-Object Size -Descending | Out-String -Width 80
        $text | Should -Match '\d+(\.\d)? (bytes|KB|MB)\s'
        $text | Should -Not -Match 'Size\(MB\)'
        $sorted = @($folders | Sort-Object Size)
        for ($i = 1; $i -lt $sorted.Count; $i++) { $sorted[$i].Size | Should -BeGreaterOrEqual $sorted[$i - 1].Size }
    }

    It 'keeps a sorted multi-account list in one table (no repeated group headers)' {
        $bob = Connect-TestSession -Server $server -UserIndex 1
        try {
            $both = @(Get-MailFolder -Session $session) + @(Get-MailFolder -Session $bob) | Sort-Object Name
            $text = $both | Out-String -Width 80
            @([regex]::Matches($text, '(?m)^Account\s+Name')).Count | Should -Be 1
            $text | Should -Match ([regex]::Escape($bob.Account))
        }
        finally { Disconnect-MailServer -Session $bob }
    }

    It 'fits the Compare-MailProtocol table in 80 columns and wraps the explanation, not the table' {
        $text = Compare-MailProtocol -Reference | Out-String -Width 80
        ($text -split "`n") | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $text | Should -Match 'What it means'
        $rows = (Compare-MailProtocol -Reference).Rows | Format-Table -Wrap | Out-String -Width 80
        $rows | Should -Match 'Deletion'
        ($rows -split "`n") | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
    }

    It 'gives Get-MailRunSummary a view that fits 80 columns' {
        Get-FormatData -TypeName MailTools.RunSummary | Should -Not -BeNullOrEmpty
        $text = Get-MailRunSummary | Out-String -Width 80
        $text | Should -Match 'Succeeded\s*:'
        ($text -split "`n") | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
    }
}

Describe 'Plain values for ConvertTo-Json and Export-Csv' {
    It 'writes <Name> to JSON with no session, no Ticks and enum names' -ForEach $typeCases {
        $sample = $samples | Where-Object { $_.Type.FullName -eq $FullName }
        foreach ($o in $sample.Objects) {
            $json = $o | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
            $json | Should -Not -Match '"Session"\s*:' -Because 'the session stays out (the account name is there)'
            $json | Should -Not -Match '"(Ticks|Client|KnownFolderNames)"\s*:'
            $back = $json | ConvertFrom-Json
            foreach ($p in $sample.Type.GetProperties()) {
                $t = [Nullable]::GetUnderlyingType($p.PropertyType) ?? $p.PropertyType
                $t.IsEnum | Should -BeFalse -Because "a public enum $Name.$($p.Name) would be a number in JSON"
                $t | Should -Not -Be ([TimeSpan]) -Because "a public TimeSpan $Name.$($p.Name) would be Ticks in JSON"
            }
            # The enums Core keeps internal come out by name (OutputMembers), never missing and never a number.
            foreach ($p in $sample.Type.GetProperties([Reflection.BindingFlags]'Instance,NonPublic')) {
                $t = [Nullable]::GetUnderlyingType($p.PropertyType) ?? $p.PropertyType
                if (-not $t.IsEnum) { continue }
                $back.PSObject.Properties.Name | Should -Contain $p.Name -Because "$Name.$($p.Name) is data people want"
                $value = $back.($p.Name)
                if ($null -ne $value) {
                    $value | Should -BeOfType [string]
                    [Enum]::GetNames($t) | Should -Contain ($value -split ', ')[0]
                }
            }
        }
    }

    It 'writes <Name> to CSV with no "System.*" or type names as values' -ForEach $typeCases {
        $csv = ($samples | Where-Object { $_.Type.FullName -eq $FullName }).Objects | ConvertTo-Csv -NoTypeInformation
        $csv | Should -Not -BeNullOrEmpty
        ($csv | Select-Object -Skip 1) -join "`n" | Should -Not -Match '"(System\.[\w.`\[\]]+|MailTools\.\w+(\[\])?)"'
        $csv[0] | Should -Not -Match '"Session"'
    }

    It 'still binds the Session by property name: bob''s folder piped to Export-Mailbox exports bob''s mail' {
        $bob = Connect-TestSession -Server $server -UserIndex 1
        try {
            # alice is connected first: a command falling back to "the current session" would pick the wrong account.
            $folder = Get-MailFolder -Session $bob -Name INBOX
            $folder.Session.Account | Should -Be $bob.Account -Because 'hidden from JSON/CSV, still there by name'
            (Get-Member -InputObject $folder -Name Session) | Should -BeNullOrEmpty -Because 'Session is hidden'
            $result = $folder | Export-Mailbox -Path (Join-Path $TestDrive 'bob')
            $result.Account | Should -Be $bob.Account
            $result.Exported | Should -Be (Get-TestMailboxStatus -Server $server -User $server.Users[1].UserName | Where-Object Mailbox -eq INBOX).Messages
            # A throwaway server: really remove one of bob's messages, to see the result name bob.
            $removed = Get-MailMessage -Session $bob -Folder INBOX | Select-Object -First 1 | Remove-MailMessage -Confirm:$false -PassThru
            $removed.Account | Should -Be $bob.Account
            $removed.Duration | Should -BeOfType [TimeSpan]
            $removed.Seconds | Should -BeOfType [double]
        }
        finally { Disconnect-MailServer -Session $bob }
    }
}
