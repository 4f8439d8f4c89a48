# Help that runs: every example in docs/en-US/<Cmdlet>.md is either run against the test Dovecot (a session to it is
# the current one, the working folder is a fresh temp folder) or marked offline in the markdown, right under its
# heading, with the reason:
#     <!-- offline: needs Microsoft 365 -->
# An offline example is still parsed: valid PowerShell, naming only real MailTools cmdlets and their parameters.
# No example may keep a secret in a file or on the command line.
BeforeDiscovery {
    $docs = Join-Path $PSScriptRoot '../docs/en-US'
    $examples = foreach ($page in Get-ChildItem $docs -Filter '*-*.md') {
        $text = (Get-Content $page.FullName -Raw) -replace "`r`n", "`n"
        $section = ($text -split '(?m)^## EXAMPLES\s*$', 2)[1]
        if (-not $section) { continue }
        $section = ($section -split '(?m)^## ', 2)[0]
        foreach ($m in [regex]::Matches($section, '(?ms)^### (?<title>[^\n]+)\n(?<body>.*?)(?=^### |\z)')) {
            $body = $m.Groups['body'].Value
            $code = [regex]::Match($body, '(?ms)^```powershell\n(?<code>.*?)^```')
            $output = [regex]::Match($body, '(?ms)^```powershell\n.*?^```\s*\n```(?:text|output)?\n(?<out>.*?)^```')
            $offline = [regex]::Match($body.Substring(0, [Math]::Max(0, $code.Index)), '<!--\s*offline:\s*(?<why>[^>]*?)\s*-->')
            @{
                Page    = $page.BaseName
                Title   = $m.Groups['title'].Value.Trim()
                # PlatyPS pages sometimes show a prompt: the code is what follows it.
                Code    = ($code.Groups['code'].Value -split "`n" | ForEach-Object { $_ -replace '^PS [^>]*>\s?', '' }) -join "`n"
                HasCode = $code.Success
                Offline = if ($offline.Success) { $offline.Groups['why'].Value } else { $null }
                Output  = if ($output.Success) { $output.Groups['out'].Value } else { $null }
            }
        }
    }
    $runnable = @($examples | Where-Object { -not $_.Offline })
}

BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    # Widths are measured on the text, not on colour escape codes.
    $PSStyle.OutputRendering = 'PlainText'
    $server = Start-TestMailServer -Users alice -Profile Small
    $mailTools = @{}
    Get-Command -Module MailTools | ForEach-Object { $mailTools[$_.Name] = $_ }
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

AfterAll {
    Disconnect-MailServer -All
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Help examples' {
    It 'finds the examples of every page (<_.Page>)' -ForEach @($examples | Group-Object Page | ForEach-Object { @{ Page = $_.Name; Count = $_.Count } }) {
        $Count | Should -BeGreaterThan 0
    }

    It '<Page> "<Title>" has a PowerShell code block, valid and naming real cmdlets and parameters' -ForEach $examples {
        $HasCode | Should -BeTrue
        $tokens = $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
        $errors | Should -BeNullOrEmpty
        foreach ($command in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $command.GetCommandName()
            if ($name -notmatch '^\w+-Mail') { continue }
            $mailTools.ContainsKey($name) | Should -BeTrue -Because "$name is not a MailTools cmdlet"
            $known = @($mailTools[$name].Parameters.Keys) + @($mailTools[$name].Parameters.Values.Aliases) + $common
            foreach ($p in $command.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                @($known | Where-Object { $_ -like "$($p.ParameterName)*" }) | Should -Not -BeNullOrEmpty -Because "$name has no parameter -$($p.ParameterName)"
            }
        }
    }

    It '<Page> "<Title>" keeps no secret in a file or on the command line' -ForEach $examples {
        $Code | Should -Not -Match 'Export-Clixml|Import-Clixml|ConvertFrom-SecureString|ConvertTo-SecureString\b.*-AsPlainText'
        $Code | Should -Not -Match '-(Password|ClientSecret)\s+[''"]' -Because 'a secret typed into a script ends up in its history and files'
    }

    It '<Page> "<Title>" says why it needs PowerShell 7 when it uses -Parallel' -ForEach @($examples | Where-Object { $_.Code -match '-Parallel\b' }) {
        $page = Get-Content (Join-Path $PSScriptRoot "../docs/en-US/$Page.md") -Raw
        $section = [regex]::Match($page, "(?ms)^### $([regex]::Escape($Title))\n.*?(?=^### |^## |\z)").Value
        $section | Should -Match 'PowerShell 7'
    }

    It 'marks offline examples with a reason' -ForEach @($examples | Where-Object Offline) {
        $Offline.Length | Should -BeGreaterThan 8
    }
}

Describe 'Help examples that run against Dovecot' {
    BeforeEach {
        Disconnect-MailServer -All
        $null = Connect-TestSession -Server $server
        $work = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $work | Out-Null
        Push-Location $work
    }
    AfterEach { Pop-Location }

    It '<Page> "<Title>" runs without errors' -ForEach $runnable {
        # No one is there to answer a prompt; the server is a throwaway one.
        $ConfirmPreference = 'None'
        $result = & ([scriptblock]::Create($Code)) 2>&1
        $problems = @($result | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $problems | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        $text = @($result) | Out-String -Width 80
        if ($Output) {
            # The page shows output: the same column headers/labels must appear.
            $header = ($Output -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1)
            foreach ($word in -split $header) { $text | Should -Match ([regex]::Escape($word)) }
        }
    }
}
