# Import-Module MailTools -Prefix Mt, for sessions that also load a module with our cmdlet names (Mailozaurr exports
# Get-MailFolder, Get-MailMessage and Move-MailMessage): commands, pipelines, tab completion and help under the prefix.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    $server = Start-TestMailServer -Users alice -Profile Small
    $user = $server.Users[0]
    # A folder the seeder does not make, with spaces and a non-ASCII name, made by doveadm.
    Invoke-TestDoveadm -Server $server mailbox create -u $user.UserName 'Steuer Belege für 2024' | Out-Null
    $null = Add-TestMessage -Server $server -User $user.UserName -Mailbox 'Steuer Belege für 2024' -Bytes ([Text.Encoding]::ASCII.GetBytes("Subject: Beleg`r`n`r`nhello`r`n"))
    $export = Join-Path $TestDrive 'export'
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath' -Prefix Mt
`$credential = [pscredential]::new('$($user.UserName)', (ConvertTo-SecureString '$($user.Password)' -AsPlainText -Force))
`$null = Connect-MtMailServer -Server '$($server.Host)' -Port $($server.ImapsPort) -Security SslOnConnect -Credential `$credential
`$help = Get-Help Get-MtMailFolder -Full
[ordered]@{
    Commands     = @(Get-Command -Module MailTools).Name
    Unprefixed   = @(Get-Command Get-MailFolder, Export-Mailbox -ErrorAction Ignore).Count
    Folders      = @(Get-MtMailFolder | ForEach-Object FullName)
    Exported     = @(Get-MtMailFolder | Export-MtMailbox -Path '$export' -Format Eml).Count
    Qualified    = @(MailTools\Get-MtMailFolder INBOX).Count
    FolderTab    = @(`$line = 'Export-MtMailbox -Path x -Folder '; (TabExpansion2 `$line `$line.Length).CompletionMatches.CompletionText)
    CommandTab   = @((TabExpansion2 'Get-MtMailF' 11).CompletionMatches.CompletionText)
    HelpName     = `$help.Name
    HelpSynopsis = `$help.Synopsis
    HelpExamples = @(`$help.examples.example).Count
    HelpParams   = @(`$help.parameters.parameter).Count
} | ConvertTo-Json -Compress
"@
    $lines = @(Invoke-FreshPwsh $script)
    try { $run = $lines[-1] | ConvertFrom-Json } catch { throw "The prefixed session failed: $($lines -join "`n")" }
}

AfterAll {
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Import-Module MailTools -Prefix Mt' {
    It 'exports every cmdlet under the prefix and none under the plain name' {
        $expected = (Read-ModuleManifest).CmdletsToExport | ForEach-Object { $_ -replace '-', '-Mt' }
        @($run.Commands | Sort-Object) | Should -Be @($expected | Sort-Object)
        $run.Unprefixed | Should -Be 0
    }

    It 'Get-MtMailFolder | Export-MtMailbox exports every folder with the server''s exact bytes' {
        $run.Folders | Should -Contain 'Steuer Belege für 2024'
        $run.Exported | Should -BeGreaterThan 0
        $serverHashes = @(foreach ($f in $run.Folders) { Get-ServerMessageHash -Server $server -Folder $f }) | Sort-Object
        $serverHashes.Count | Should -BeGreaterThan 10
        Get-FileHashList $export | Should -Be $serverHashes
    }

    It 'answers to the module-qualified name MailTools\Get-MtMailFolder' {
        $run.Qualified | Should -Be 1
    }

    It 'completes prefixed command names and folder names for prefixed cmdlets' {
        $run.CommandTab | Should -Contain 'Get-MtMailFolder'
        $run.FolderTab | Should -Contain 'INBOX'
        $run.FolderTab | Should -Contain "'Steuer Belege für 2024'"
    }

    It 'shows full help for Get-MtMailFolder' {
        $run.HelpName | Should -Be 'Get-MtMailFolder'
        $run.HelpSynopsis | Should -Match 'folders'
        $run.HelpExamples | Should -BeGreaterThan 0
        $run.HelpParams | Should -BeGreaterThan 0
    }
}
