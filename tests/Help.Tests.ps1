#Requires -Version 7.0
# Pester 5: the built module's help is complete for every exported cmdlet.
#   $env:MAILTOOLS_MODULE  path to the built MailTools.psd1 (default: out/MailTools/MailTools.psd1)
#   $env:MAILTOOLS_DOCS    the markdown pages folder     (default: docs/en-US)
# Run: Invoke-Pester -Path tests/Help.Tests.ps1 -Output Detailed

BeforeDiscovery {
    $modulePath = if ($env:MAILTOOLS_MODULE) { $env:MAILTOOLS_MODULE } else { "$PSScriptRoot/../out/MailTools/MailTools.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop

    $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters +
        [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    # One entry per exported command, with its own (non-common) parameter names for the nested -ForEach.
    $commands = foreach ($command in Get-Command -Module MailTools -CommandType Cmdlet, Function | Sort-Object Name) {
        @{
            Name       = $command.Name
            Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters } | Sort-Object)
        }
    }
}

BeforeAll {
    $modulePath = if ($env:MAILTOOLS_MODULE) { $env:MAILTOOLS_MODULE } else { "$PSScriptRoot/../out/MailTools/MailTools.psd1" }
    $docsPath = if ($env:MAILTOOLS_DOCS) { $env:MAILTOOLS_DOCS } else { "$PSScriptRoot/../docs/en-US" }
    Import-Module $modulePath -Force -ErrorAction Stop

    # Joined text of a help field that holds maml:para objects (or a plain string).
    function Get-HelpText($Value) {
        (@($Value) | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n"
    }
}

Describe 'MailTools module' {
    It 'exports at least one command' {
        @(Get-Command -Module MailTools).Count | Should -BeGreaterThan 0
    }

    It 'has the about_MailTools topic' {
        $about = Get-Help about_MailTools -ErrorAction Stop
        ($about | Out-String) | Should -Match 'SHORT DESCRIPTION'
    }
}

Describe 'Help for <Name>' -ForEach $commands {
    BeforeAll {
        $help = Get-Help $Name -Full
    }

    It 'has a markdown page <Name>.md' {
        Join-Path $docsPath "$Name.md" | Should -Exist
    }

    It 'has a synopsis that is not the generated syntax' {
        $synopsis = ([string]$help.Synopsis).Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # Without MAML help, Get-Help fills Synopsis with the syntax line: "Get-Thing [-Name] <string> ... [<CommonParameters>]"
        $synopsis | Should -Not -Match ('^' + [regex]::Escape($Name) + '(\s|$)')
        $synopsis | Should -Not -BeLike '*<CommonParameters>*'
    }

    It 'has a description' {
        Get-HelpText $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            ([string]$example.code).Trim() | Should -Not -BeNullOrEmpty -Because "example '$($example.title.Trim(' -'))' needs code"
        }
    }

    It 'describes parameter -<_>' -ForEach $Parameters {
        $parameterName = $_
        $parameterHelp = @($help.parameters.parameter) | Where-Object { $_.name -eq $parameterName }
        $parameterHelp | Should -Not -BeNullOrEmpty -Because "-$parameterName needs a '### -$parameterName' entry in $Name.md"
        Get-HelpText $parameterHelp.description | Should -Not -BeNullOrEmpty -Because "-$parameterName needs a description"
    }
}
