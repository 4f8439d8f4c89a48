# The package as a user meets it: built with Publish-PSResource into a temporary file repository, installed with
# Install-PSResource into a fresh pwsh whose HOME (so its module path and PSResourceGet's repository list) is in
# $TestDrive, imported BY NAME, used against Dovecot, updated to a higher version, uninstalled.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    $server = Start-TestMailServer -Users alice -Profile Small
    $user = $server.Users[0]
    $repo = Join-Path $TestDrive 'repo'
    $userHome = Join-Path $TestDrive 'home'
    $installRoot = Join-Path $userHome '.local/share/powershell/Modules/MailTools'
    $version = [version] (Read-ModuleManifest).ModuleVersion
    $higher = '{0}.{1}.{2}' -f $version.Major, $version.Minor, ($version.Build + 1)
    $connect = "Connect-MailServer -Server '$($server.Host)' -Port $($server.ImapsPort) -Security SslOnConnect " +
        "-Credential ([pscredential]::new('$($user.UserName)', (ConvertTo-SecureString '$($user.Password)' -AsPlainText -Force)))"

    function Invoke-UserPwsh([string] $Command) {
        # A fresh pwsh as a new user's: HOME holds its module path and PSResourceGet's settings (PSResourceGet
        # installs under HOME even when XDG_DATA_HOME is set, so that is unset); PSModulePath is left for pwsh to
        # compute, so nothing of this test run's module path leaks in. The last line is JSON.
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; PSModulePath = $env:PSModulePath }
        $null = New-Item -ItemType Directory -Force -Path $userHome
        $env:HOME = $userHome
        $env:XDG_DATA_HOME = $null
        $env:PSModulePath = $null
        # Run from inside that HOME: with no ~/.config, Publish-PSResource writes NuGet/NuGet.Config into the current
        # directory (NuGet finds no user settings folder), which was the repository's root.
        Push-Location $userHome
        try { $lines = @(Invoke-FreshPwsh "`$ErrorActionPreference = 'Stop'; $Command") }
        finally { Pop-Location; foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) } }
        try { return $lines[-1] | ConvertFrom-Json }
        catch { throw "The fresh pwsh did not finish: $($lines -join "`n")" }
    }

    $serverFolders = @(Invoke-TestDoveadm -Server $server mailbox list -u $user.UserName | ForEach-Object { "$_".Trim() } | Where-Object { $_ }) | Sort-Object
}

AfterAll {
    if ($server) { Stop-TestMailServer $server }
}

Describe 'MailTools as an installed package' {
    It 'builds MailTools.<version>.nupkg and a higher one with Publish-PSResource' {
        $script = Join-Path $RepoRoot 'tools/Package/Publish-ModulePackage.ps1'
        $made = Invoke-UserPwsh ("& '$script' -ModulePath '$ModulePath' -Destination '$repo' | Out-Null; " +
            "& '$script' -ModulePath '$ModulePath' -Destination '$repo' -Version '$higher' | Out-Null; " +
            "@(Get-ChildItem '$repo' -Filter *.nupkg).Name | Sort-Object | ConvertTo-Json -Compress")
        $made | Should -Be @("MailTools.$version.nupkg", "MailTools.$higher.nupkg")
    }

    It 'installs with Install-PSResource from a file repository' {
        $installed = Invoke-UserPwsh ("Register-PSResourceRepository -Name LocalTest -Uri '$repo' -Trusted; " +
            "Install-PSResource MailTools -Repository LocalTest -Version '$version' -Scope CurrentUser; " +
            "@(Get-InstalledPSResource MailTools).ForEach({ `$_.Version.ToString() }) | ConvertTo-Json -Compress")
        $installed | Should -Be "$version"
        Join-Path $installRoot "$version/MailTools.psd1" | Should -Exist
        Join-Path $installRoot "$version/LICENSE" | Should -Exist
    }

    It 'imports by name, has help with examples, and connects and lists folders' {
        $run = Invoke-UserPwsh ("Import-Module MailTools; `$m = Get-Module MailTools; " +
            "`$examples = @((Get-Help Connect-MailServer -Examples).examples.example); " +
            "`$s = $connect; " +
            "[ordered]@{ Base = `$m.ModuleBase; Version = `$m.Version.ToString(); Examples = `$examples.Count; " +
            "FirstExample = `$examples[0].code; Folders = @(Get-MailFolder -Session `$s | ForEach-Object FullName) } | ConvertTo-Json -Compress")
        $run.Base | Should -Be (Join-Path $installRoot "$version")
        $run.Version | Should -Be "$version"
        $run.Examples | Should -BeGreaterThan 0
        $run.FirstExample | Should -Match 'Connect-MailServer'
        @($run.Folders | Sort-Object) | Should -Be $serverFolders
    }

    It 'updates to the higher version with Update-PSResource, which then imports by name' {
        $updated = Invoke-UserPwsh ("Update-PSResource MailTools -Repository LocalTest; " +
            "@(Get-InstalledPSResource MailTools).ForEach({ `$_.Version.ToString() }) | Sort-Object | ConvertTo-Json -Compress")
        $updated | Should -Contain $higher
        $run = Invoke-UserPwsh ("Import-Module MailTools; `$s = $connect; " +
            "[ordered]@{ Version = (Get-Module MailTools).Version.ToString(); Folders = @(Get-MailFolder -Session `$s).Count } | ConvertTo-Json -Compress")
        $run.Version | Should -Be $higher
        $run.Folders | Should -Be $serverFolders.Count
    }

    It 'uninstalls with Uninstall-PSResource' {
        $left = Invoke-UserPwsh ("Uninstall-PSResource MailTools -Version '*' -Scope CurrentUser; " +
            "@(Get-Module MailTools -ListAvailable).Count | ConvertTo-Json -Compress")
        $left | Should -Be 0
        @(Get-ChildItem $installRoot -ErrorAction Ignore) | Should -BeNullOrEmpty
    }
}
