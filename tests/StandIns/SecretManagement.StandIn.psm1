<#
    A STAND-IN for Microsoft.PowerShell.SecretManagement, for tests and the demo only.
    SecretManagement is not served on this build machine, so this module offers the same four commands with the
    same parameters MailTools uses (Set-Secret, Get-Secret, Remove-Secret, Get-SecretVault). It keeps secrets in
    plain JSON in $env:MAILTOOLS_STANDIN_VAULT (a throwaway folder): it is NOT a safe vault and must never be used
    for real passwords.
#>

function Get-StandInPath {
    $dir = if ($env:MAILTOOLS_STANDIN_VAULT) { $env:MAILTOOLS_STANDIN_VAULT } else { Join-Path ([IO.Path]::GetTempPath()) 'mailtools-standin-vault' }
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    Join-Path $dir 'secrets.json'
}

function Read-StandIn {
    $path = Get-StandInPath
    if (-not (Test-Path $path)) { return @{} }
    $table = @{}
    (Get-Content $path -Raw | ConvertFrom-Json).psobject.Properties | ForEach-Object { $table[$_.Name] = $_.Value }
    return $table
}

function Write-StandIn([hashtable] $Table) {
    $Table | ConvertTo-Json -Depth 3 | Set-Content -Path (Get-StandInPath) -Encoding utf8
}

function Set-Secret {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [object] $Secret, [string] $Vault = 'StandIn')
    $table = Read-StandIn
    $entry = switch ($Secret) {
        { $_ -is [pscredential] } { @{ Kind = 'PSCredential'; UserName = $_.UserName; Password = $_.GetNetworkCredential().Password } }
        { $_ -is [securestring] } { @{ Kind = 'SecureString'; Password = [pscredential]::new('x', $_).GetNetworkCredential().Password } }
        default { @{ Kind = 'String'; Password = [string] $_ } }
    }
    $entry.Vault = $Vault
    $table[$Name] = $entry
    Write-StandIn $table
}

function Get-Secret {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name, [string] $Vault, [switch] $AsPlainText)
    $entry = (Read-StandIn)[$Name]
    if (-not $entry) { Write-Error "The secret $Name was not found." -ErrorId 'GetSecretNotFound' -Category ObjectNotFound; return }
    $secure = ConvertTo-SecureString $entry.Password -AsPlainText -Force
    if ($AsPlainText) { return $entry.Password }
    if ($entry.Kind -eq 'PSCredential') { return [pscredential]::new($entry.UserName, $secure) }
    return $secure
}

function Remove-Secret {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name, [string] $Vault)
    $table = Read-StandIn
    $table.Remove($Name)
    Write-StandIn $table
}

function Get-SecretVault {
    [CmdletBinding()]
    param()
    [pscustomobject]@{ Name = 'StandIn'; ModuleName = 'SecretManagement.StandIn'; IsDefault = $true }
}

Export-ModuleMember -Function Set-Secret, Get-Secret, Remove-Secret, Get-SecretVault
