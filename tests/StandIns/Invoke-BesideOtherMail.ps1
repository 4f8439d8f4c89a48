<#
.SYNOPSIS
    Run by tests/Isolation.Tests.ps1 in a fresh pwsh: imports MailTools and the OtherMail stand-in in the given order,
    uses both, and writes what happened as JSON (errors are recorded, not thrown, so the test can say which side broke).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $StandInPath,
    [Parameter(Mandatory)] [string[]] $Order,
    [Parameter(Mandatory)] [string] $Server,
    [Parameter(Mandatory)] [int] $Port,
    [Parameter(Mandatory)] [string] $UserName,
    [Parameter(Mandatory)] [string] $Password,
    [Parameter(Mandatory)] [string] $MessagePath,
    [Parameter(Mandatory)] [string] $ExportPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
$Order = @($Order -split ',')   # -File passes "OtherMail,MailTools" as one string
$result = [ordered]@{ Order = $Order; Import = @(); StandIn = $null; StandInError = $null; Exported = 0; ExportError = $null }
foreach ($name in $Order) {
    try {
        if ($name -eq 'OtherMail') { Import-Module $StandInPath } else { Import-Module $ModulePath }
        $result.Import += "$name ok"
    }
    catch { $result.Import += "$name failed: $_" }
}
# Use both, in import order: the first one imported runs first, as in a real session.
foreach ($name in $Order) {
    if ($name -eq 'OtherMail') {
        try { $result.StandIn = ConvertFrom-OtherMailMessage $MessagePath -Server $Server -Port $Port | Select-Object * }
        catch { $result.StandInError = "$_" }
    }
    else {
        try {
            $credential = [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
            $session = Connect-MailServer -Server $Server -Port $Port -Security SslOnConnect -Credential $credential
            $result.Exported = @(Export-Mailbox -Path $ExportPath -Folder INBOX -Format Eml -Session $session).Count
            Disconnect-MailServer $session
        }
        catch { $result.ExportError = "$_" }
    }
}
# Which copy of each mail assembly is loaded, and in which load context.
$result.Assemblies = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'MailKit', 'MimeKit', 'MailTools.Core' } |
    ForEach-Object {
        [ordered]@{
            Name     = $_.GetName().Name
            Version  = $_.GetName().Version.ToString()
            Context  = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name
            Location = $_.Location
        }
    })
$result | ConvertTo-Json -Depth 5 | Set-Content $ResultPath -Encoding utf8
