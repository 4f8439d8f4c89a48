<#
.SYNOPSIS
    Publishes a laid-out MailTools module folder as MailTools.<version>.nupkg into a folder, with Publish-PSResource.

.DESCRIPTION
    Used by `./build.ps1 Package` (into out/packages) and by tests/Package.Tests.ps1 (into a temporary repository).
    The folder is registered as a PSResourceGet file repository for the duration of the call only. -Version packages
    a copy with another ModuleVersion (the tests use it to make an update).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,   # the built MailTools.psd1
    [Parameter(Mandatory)] [string] $Destination,  # the folder the .nupkg goes to (a file repository)
    [string] $Version
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$manifest = Test-ModuleManifest $ModulePath -ErrorAction Stop   # the gallery refuses what this refuses
$source = Split-Path $ModulePath
$staging = $null
if ($Version) {
    $staging = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-package-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    $copy = Join-Path $staging 'MailTools'
    Copy-Item $source $copy -Recurse
    $psd1 = Join-Path $copy 'MailTools.psd1'
    (Get-Content $psd1 -Raw) -replace "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`$1'$Version'" | Set-Content $psd1 -Encoding utf8
    $source = $copy
}
New-Item -ItemType Directory -Path $Destination -Force | Out-Null
$repository = 'MailToolsBuild-' + [Guid]::NewGuid().ToString('N').Substring(0, 8)
Register-PSResourceRepository -Name $repository -Uri (Resolve-Path $Destination).Path -Trusted
try {
    Publish-PSResource -Path $source -Repository $repository
}
finally {
    Unregister-PSResourceRepository -Name $repository
    if ($staging) { Remove-Item $staging -Recurse -Force -ErrorAction SilentlyContinue }
}
$published = if ($Version) { $Version } else { $manifest.Version.ToString() }
Get-Item (Join-Path $Destination "MailTools.$published.nupkg")
