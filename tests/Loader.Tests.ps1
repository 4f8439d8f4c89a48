# The PowerShell 7 loader (src/MailTools.Loader): which build it takes for the running .NET, ReadyToRun images where
# shipped for this platform, and the IL everywhere else (a copy of the module without the images, or without net10.0/).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    $moduleBase = Split-Path $ModulePath
    $platform = '{0}-{1}' -f $(if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }), ([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant())

    function Get-LoadedFrom([string] $Manifest) {
        # A fresh pwsh imports the module, uses Core, and says where MailTools' assemblies came from.
        $command = "Import-Module '$Manifest' -ErrorAction Stop; `$null = [MailTools.Core.Compare.ComparisonText]::Wrap('one two three', 5); " +
            "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'MailTools', 'MailTools.Core', 'MailKit', 'MimeKit' } | " +
            "ForEach-Object { 'LOADED ' + `$_.GetName().Name + '=' + `$_.Location }"
        $lines = @(Invoke-FreshPwsh $command)
        $map = @{}
        foreach ($line in $lines -like 'LOADED *') { $name, $path = ($line -replace '^LOADED ') -split '=', 2; $map[$name] = $path }
        if ($map.Count -lt 2) { throw "The module did not load: $($lines -join "`n")" }
        $map
    }

    function Test-ReadyToRunImage([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        try { $pe = [Reflection.PortableExecutable.PEReader]::new($stream); $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
        finally { $stream.Dispose() }
    }

    function Copy-Module([string] $Name) {
        $copy = Join-Path $TestDrive $Name
        Copy-Item $moduleBase $copy -Recurse
        Join-Path $copy 'MailTools.psd1'
    }
}

Describe 'The loader on PowerShell 7' -Skip:($PSEdition -ne 'Core') {
    It 'takes the newest build this .NET can load for Core (net10.0 on .NET 10); the cmdlets are the manifest''s net8.0' {
        $expected = if ([Environment]::Version.Major -ge 10) { 'net10.0' } else { 'net8.0' }
        $loaded = Get-LoadedFrom $ModulePath
        $loaded['MailTools.Core'] | Should -BeLike (Join-Path $moduleBase "$expected*")
        $loaded['MailTools'] | Should -Be (Join-Path $moduleBase 'net8.0/MailTools.dll')
    }

    It 'loads the ReadyToRun images shipped for this platform, and they hold precompiled code' {
        $images = Join-Path $moduleBase "net10.0/ReadyToRun/$platform"
        if ([Environment]::Version.Major -lt 10 -or -not (Test-Path $images)) {
            Set-ItResult -Inconclusive -Because "no .NET 10 ReadyToRun images are built for $platform"
            return
        }
        $loaded = Get-LoadedFrom $ModulePath
        $loaded['MailTools.Core'] | Should -Be (Join-Path $images 'MailTools.Core.dll')
        Test-ReadyToRunImage $loaded['MailTools.Core'] | Should -BeTrue
        Test-ReadyToRunImage (Join-Path $images 'MailKit.dll') | Should -BeTrue
        Test-ReadyToRunImage (Join-Path $moduleBase 'net10.0/Dependencies/MailKit.dll') | Should -BeFalse -Because 'Dependencies/ keeps the IL for other platforms'
    }

    It 'runs on the IL where no ReadyToRun image is shipped' {
        $manifest = Copy-Module 'no-r2r'
        Remove-Item (Join-Path (Split-Path $manifest) 'net10.0/ReadyToRun') -Recurse -Force -ErrorAction SilentlyContinue
        $loaded = Get-LoadedFrom $manifest
        $loaded['MailTools.Core'] | Should -Not -BeLike '*ReadyToRun*'
        Test-ReadyToRunImage $loaded['MailTools.Core'] | Should -BeFalse
    }

    It 'falls back to net8.0 when the module has no newer build' {
        $manifest = Copy-Module 'net8-only'
        Remove-Item (Join-Path (Split-Path $manifest) 'net10.0') -Recurse -Force -ErrorAction SilentlyContinue
        $loaded = Get-LoadedFrom $manifest
        $loaded['MailTools.Core'] | Should -BeLike (Join-Path (Split-Path $manifest) 'net8.0*')
        $loaded['MailTools'] | Should -BeLike (Join-Path (Split-Path $manifest) 'net8.0*')
    }

    It 'chooses net8.0 for a .NET 8 runtime and net10.0 for .NET 10 (the choice itself)' {
        $chooser = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'MailTools.Loader' } |
            ForEach-Object { $_.GetType('MailTools.Loading.RuntimeBuild') } | Select-Object -First 1
        $chooser | Should -Not -BeNullOrEmpty
        $choose = $chooser.GetMethod('Choose', [Reflection.BindingFlags]'Public, Static', $null, [type[]]@([string], [version], [string]), $null)
        [string] $loaderFolder = Join-Path $moduleBase 'net8.0'
        $choose.Invoke($null, @($loaderFolder, [version]'8.0', $null)).Folder | Should -Be $loaderFolder
        $choose.Invoke($null, @($loaderFolder, [version]'9.0', $null)).Folder | Should -Be $loaderFolder
        $choose.Invoke($null, @($loaderFolder, [version]'10.0', 'none-x64')).Folder | Should -Be (Join-Path $moduleBase 'net10.0')
        $choose.Invoke($null, @($loaderFolder, [version]'10.0', 'none-x64')).ReadyToRun | Should -BeNullOrEmpty
    }
}
