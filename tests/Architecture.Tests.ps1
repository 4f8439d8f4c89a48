# docs/architecture.md is the one-page map of the code: its cmdlet table must list every cmdlet file with its line
# count (within 10 %) and a Core entry point whose type exists, and every source path it names must exist. So the map
# cannot quietly rot when a cmdlet grows or a file is renamed.
BeforeDiscovery {
    $root = if ($env:MAILTOOLS_REPO_ROOT) { $env:MAILTOOLS_REPO_ROOT } else { Split-Path $PSScriptRoot }
    $doc = Get-Content (Join-Path $root 'docs/architecture.md')
    $start = [array]::IndexOf($doc, ($doc | Where-Object { $_ -like '## Cmdlets:*' } | Select-Object -First 1))
    $rows = @{}
    foreach ($line in $doc[($start + 1)..($doc.Count - 1)]) {
        if ($line -like '## *') { break }
        if ($line -match '^\|\s*([A-Z][a-z]+-[A-Za-z]+)\s*\|\s*(\d+)\s*\|\s*`([^`]+)`') {
            $rows[$Matches[1]] = @{ Lines = [int] $Matches[2]; Entry = $Matches[3] }
        }
    }
    $cmdlets = foreach ($file in Get-ChildItem (Join-Path $root 'src/MailTools/Commands') -Filter '*Command.cs') {
        $text = Get-Content $file.FullName -Raw
        # The cmdlet's name as PowerShell sees it, from its [Cmdlet(Verbs…, "Noun")] attribute.
        if ($text -match '\[Cmdlet\(Verbs\w+\.(\w+),\s*"(\w+)"') {
            @{ Name = "$($Matches[1])-$($Matches[2])"; File = $file.FullName; Lines = @(Get-Content $file.FullName).Count; Row = $rows["$($Matches[1])-$($Matches[2])"] }
        }
    }
    # Every repository path the map names in backticks (src/…, tools/…, tests/…).
    $paths = @($doc | Select-String -Pattern '`((?:src|tools|tests)/[^`*<>{} ]+)`' -AllMatches | ForEach-Object { $_.Matches } |
        ForEach-Object { $_.Groups[1].Value.TrimEnd('/') } | Sort-Object -Unique | ForEach-Object { @{ Path = $_; Root = $root } })
}

Describe 'docs/architecture.md' {
    It '<Name> is listed with its line count and an entry point that exists' -ForEach $cmdlets {
        $Row | Should -Not -BeNullOrEmpty -Because "every cmdlet has a row in the map's cmdlet table"
        [math]::Abs($Row.Lines - $Lines) | Should -BeLessOrEqual ([math]::Ceiling($Lines * 0.1)) -Because "$Name has $Lines lines, the map says $($Row.Lines)"
        $src = Split-Path (Split-Path (Split-Path $File))
        foreach ($type in [regex]::Matches($Row.Entry, '(?<![\w.])([A-Z]\w+)\.[A-Z]') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique) {
            @(Get-ChildItem $src -Recurse -Filter "$type.cs").Count | Should -BeGreaterThan 0 -Because "the entry point $($Row.Entry) names $type"
        }
    }

    It 'names <Path>, which exists' -ForEach $paths {
        # A path may name a file without its extension in prose (`src/MailTools/ErrorCategoryMap`): a .cs beside it counts.
        $full = Join-Path $Root $Path
        ((Test-Path $full) -or (Test-Path "$full.cs")) | Should -BeTrue
    }
}
