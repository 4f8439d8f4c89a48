# MailTools module manifest. Kept in source; the build fills {{ModuleVersion}} from Directory.Build.props
# and lays the module out in out/MailTools/.
@{
    RootModule           = 'MailTools.dll'
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
        'Measure-Mailbox'
        'Export-MailReport'
        'Get-MailCleanupSuggestion'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('IMAP', 'POP3', 'Mail', 'Email', 'MailKit', 'Maildir', 'mbox', 'Archive', 'Cleanup')
            LicenseUri   = ''
            ProjectUri   = ''
            ReleaseNotes = 'See README.md.'
        }
    }
}
