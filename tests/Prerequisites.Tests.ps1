# Every program the tests, the demo and the benchmarks run must come from a row of build.ps1's $Prerequisites (which
# installs it on a bare Debian machine) or from Debian's essential/required base. Found by reading the scripts' syntax
# trees: commands that resolve to a program, and absolute program paths written as strings.
BeforeDiscovery {
    $root = if ($env:MAILTOOLS_REPO_ROOT) { $env:MAILTOOLS_REPO_ROOT } else { Split-Path $PSScriptRoot }
    $scripts = @(Get-ChildItem (Join-Path $root 'tests'), (Join-Path $root 'tools/Demo'), (Join-Path $root 'bench') -Recurse -Include *.ps1, *.psm1)
    $programs = @{}
    $paths = @($env:PATH -split [IO.Path]::PathSeparator | Where-Object { $_ })
    foreach ($file in $scripts) {
        $ast = [Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref] $null, [ref] $null)
        $names = @($ast.FindAll({ $args[0] -is [Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() } |
            Where-Object { $_ -and $_ -notmatch '^[A-Z][a-z]+-[A-Z]' -and $_ -notmatch '[\\/$]' } | Sort-Object -Unique)
        foreach ($name in $names) {
            # A program on PATH, looked up directly (Get-Command would search every module for each name).
            $found = $paths | ForEach-Object { Join-Path $_ $name } | Where-Object { Test-Path $_ -PathType Leaf } | Select-Object -First 1
            if ($found -and -not (Get-Alias $name -ErrorAction Ignore)) { $programs[$found] = "$($file.Name): $name" }
        }
        foreach ($text in $ast.FindAll({ $args[0] -is [Management.Automation.Language.StringConstantExpressionAst] }, $true)) {
            if ($text.Value -match '^/usr/(s?bin|lib/dovecot)/[\w.+-]+$' -and (Test-Path $text.Value -PathType Leaf)) { $programs[$text.Value] = "$($file.Name): '$($text.Value)'" }
        }
    }
    $cases = @($programs.GetEnumerator() | Sort-Object Key | ForEach-Object { @{ Program = $_.Key; Where = $_.Value } })
}

BeforeAll {
    $root = if ($env:MAILTOOLS_REPO_ROOT) { $env:MAILTOOLS_REPO_ROOT } else { Split-Path $PSScriptRoot }
    # The $Prerequisites rows, read from build.ps1's syntax tree (constants only; nothing of build.ps1 runs).
    $build = [Management.Automation.Language.Parser]::ParseFile((Join-Path $root 'build.ps1'), [ref] $null, [ref] $null)
    $assignment = $build.Find({ $args[0] -is [Management.Automation.Language.AssignmentStatementAst] -and "$($args[0].Left)" -eq '$Prerequisites' }, $true)
    $rows = @($assignment.FindAll({ $args[0] -is [Management.Automation.Language.HashtableAst] }, $true) | ForEach-Object { $_.SafeGetValue() })
}

Describe 'build.ps1 installs every program the scripts run' {
    It 'finds the programs (dovecot, openssl, python3, …) in the scripts at all' -TestCases @{ Programs = $cases.Program } {
        $Programs | Should -Contain '/usr/sbin/dovecot'
        $rows.Count | Should -BeGreaterThan 3
    }

    It '<Program> (<Where>) is in $Prerequisites or in Debian''s base' -ForEach $cases {
        $name = Split-Path $Program -Leaf
        $resolved = (Get-Item $Program).ResolvedTarget ?? $Program
        $listed = @($rows | Where-Object { $_.Command -eq $name -or $_.Path -eq $Program -or $_.Path -eq $resolved })
        if ($listed.Count -eq 0 -and $name -ne 'dotnet') {   # dotnet: the one thing the README asks for
            # dpkg knows a merged-/usr program by its old /bin path.
            $candidates = @($resolved, $Program, ($Program -replace '^/usr/', '/')) | Select-Object -Unique
            $package = (& dpkg -S @candidates 2>$null | Select-Object -First 1) -replace ':.*$', ''
            $package | Should -Not -BeNullOrEmpty -Because "$Program belongs to no Debian package and has no row in `$Prerequisites"
            $base = & dpkg-query -W -f '${Essential} ${Priority}' $package
            $base | Should -Match '^yes |required$' -Because "$Program comes from '$package', which a bare Debian lacks: add a row to `$Prerequisites in build.ps1"
        }
    }
}
