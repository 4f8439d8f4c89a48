# MailTools module manifest. Kept in source; the build fills the version from Directory.Build.props and
# the release notes from CHANGELOG.md's newest section, and lays the module out in out/MailTools/.
@{
    # PowerShell 7: the net8.0 cmdlet assembly, which loads Core and every dependency in a private load context.
    # Windows PowerShell 5.1: the netstandard2.0 build, every assembly side by side.
    RootModule           = if ($PSEdition -eq 'Core') { 'net8.0/MailTools.dll' } else { 'netstandard2.0/MailTools.dll' }
    # PowerShell 7: imported first, it sets up that load context (src/MailTools.Loader).
    NestedModules        = if ($PSEdition -eq 'Core') { @('net8.0/MailTools.Loader.dll') } else { @() }
    ModuleVersion        = '{{ModuleVersion}}'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5d2f6c1e-8a43-4f57-9b0e-3c7a1d9e4b21'
    Author               = 'MailTools contributors'
    CompanyName          = 'MailTools'
    Copyright            = '(c) MailTools contributors. MIT licence.'
    Description          = 'Look after IMAP and POP3 mail accounts from PowerShell: see what fills the server, compare IMAP and POP3, export to Maildir/mbox/EML, and clean up on a schedule without losing mail. Compiled cmdlets over MailKit.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('MailTools.format.ps1xml')
    # Session/Duration (hidden) and enum names for PowerShell, kept out of JSON/CSV: see src/MailTools/OutputMembers.cs.
    TypesToProcess       = @('MailTools.types.ps1xml')
    CmdletsToExport      = @(
        'Connect-MailServer'
        'Disconnect-MailServer'
        'Get-MailSession'
        'Get-MailFolder'
        'Register-MailAccount'
        'Get-MailAccount'
        'Set-MailAccount'
        'Unregister-MailAccount'
        'Test-MailAccount'
        'Get-MailRunSummary'
        'Export-Mailbox'
        'Import-Mailbox'
        'Get-MailMessage'
        'Remove-MailMessage'
        'Move-MailMessage'
        'Invoke-MailCleanup'
        'Compare-MailProtocol'
        'Find-MailServer'
        'Measure-Mailbox'
        'Export-MailReport'
        'Get-MailCleanupSuggestion'
        'Get-MailQuota'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('IMAP', 'POP3', 'Mail', 'MailKit', 'Maildir', 'mbox', 'Export', 'Cleanup',
                'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/MailTools/MailTools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/MailTools/MailTools'
            ReleaseNotes = '{{ReleaseNotes}}'
        }
    }
}
