<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks MailTools.

.DESCRIPTION
    One script, one task per run (see -Task). Everything it needs it installs itself: Pester comes from
    NuGet (tools/Pester/Pester.proj), Dovecot from Debian packages when missing and running as root.
    The built module is laid out in out/MailTools/; tests, the demo and the benchmarks import it by path.

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test

.EXAMPLE
    dotnet pwsh ./build.ps1 Test -TestName Get-MailFolder   # only tests/*Get-MailFolder*.Tests.ps1, no xunit
#>
[CmdletBinding()]
param(
    # Build: compile and lay out out/MailTools. Test: Build, then xunit and Pester against a throwaway Dovecot.
    # Demo: Build, start a seeded Dovecot and run the main job. Docs: markdown help to MAML. Bench: peers vs MailTools.
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Docs', 'Bench', 'Package', 'Clean', 'Help')]
    [string] $Task = 'Build',

    # Test: run only the Pester files whose name contains one of these (skips xunit).
    [string[]] $TestName,

    # Bench: run only the benchmarks whose file name contains one of these (Foundation, Export, Cleanup, Accounts).
    [string[]] $BenchName,

    # Test/Bench: more trials for the randomised reliability scenarios and benchmarks.
    [switch] $Full
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'MailTools'
$ToolsOut = Join-Path $Out 'tools'
$Configuration = 'Release'

# One line per task: `./build.ps1 Help` prints this table.
$TaskSynopsis = [ordered]@{
    Build = 'Compile the C# projects and lay out the self-contained module in out/MailTools.'
    Docs  = 'Turn docs/en-US/*.md (PlatyPS layout) into out/MailTools/en-US/MailTools.dll-Help.xml.'
    Test  = 'Build, then run xunit and Pester (real Dovecot over TLS); ends with "Tests: N passed, N failed".'
    Demo  = 'Build, start a throwaway Dovecot with four seeded accounts, run the main job end to end.'
    Bench = 'Compare MailTools with mbsync, offlineimap and imapfilter; figures go to docs/benchmarks.md.'
    Package = 'Build, then publish out/packages/MailTools.<version>.nupkg (Publish-PSResource to a local file repository).'
    Clean = 'Remove out/ and the bin/obj folders.'
    Help  = 'List the tasks.'
}

function Write-Step([string] $Text) { Write-Host "==> $Text" -ForegroundColor Cyan }

function Invoke-Native {
    # Runs a program and fails the build when it fails.
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    [xml] $props = Get-Content (Join-Path $Root 'Directory.Build.props') -Raw
    return ($props.Project.PropertyGroup | Where-Object { $_['Version'] } | Select-Object -First 1).Version
}

function Invoke-Build {
    Write-Step 'Building the module'
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/MailTools/MailTools.csproj'), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:ErrorsOnly')
    $bin = Join-Path $Root "src/MailTools/bin/$Configuration"

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $ModuleOut | Out-Null
    $version = Get-ModuleVersion
    # Windows PowerShell 5.1 (netstandard2.0): every assembly side by side, as before. PowerShell 7 (net8.0): only the
    # cmdlet assembly and its loader in net8.0/, MailTools.Core and every dependency in net8.0/Dependencies/ (a private
    # load context). PowerShell 7.6+ (.NET 10): the loader takes net10.0/ instead, with ReadyToRun images per platform.
    Copy-FlatAssemblies -From (Join-Path $bin 'netstandard2.0') -To (Join-Path $ModuleOut 'netstandard2.0')
    Copy-IsolatedAssemblies -From (Join-Path $bin 'net8.0') -To (Join-Path $ModuleOut 'net8.0') -WithLoader
    Copy-IsolatedAssemblies -From (Join-Path $bin 'net10.0') -To (Join-Path $ModuleOut 'net10.0')
    Add-ReadyToRunImages -To (Join-Path $ModuleOut 'net10.0/ReadyToRun')
    Copy-Item (Join-Path $Root 'src/MailTools/MailTools.format.ps1xml'), (Join-Path $Root 'src/MailTools/MailTools.types.ps1xml'), (Join-Path $Root 'LICENSE') $ModuleOut
    Write-Manifest -Destination (Join-Path $ModuleOut 'MailTools.psd1') -Version $version
    Copy-Item (Join-Path $Root 'README.md') $ModuleOut -ErrorAction SilentlyContinue
    Invoke-Docs
    Write-FlatLayout -From (Join-Path $bin 'netstandard2.0') -Version $version
    Write-Host "Module $version laid out in $ModuleOut"
}

function Copy-FlatAssemblies([string] $From, [string] $To) {
    New-Item -ItemType Directory -Path $To -Force | Out-Null
    # Every assembly MailKit needs on Windows PowerShell 5.1; PowerShell's own reference assembly stays out.
    Get-ChildItem $From -Filter *.dll | Where-Object Name -ne 'System.Management.Automation.dll' | Copy-Item -Destination $To
}

function Copy-IsolatedAssemblies([string] $From, [string] $To, [switch] $WithLoader) {
    # Whatever the build put beside MailTools.dll (assemblies, runtimes/<os>/, culture folders) goes to Dependencies/:
    # a package added to MailTools.Core needs no change here or in the load context. The loader ships once, in net8.0/
    # (the folder the manifest names); it picks the newest build folder the running .NET can load.
    $dependencies = Join-Path $To 'Dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null
    Copy-Item (Join-Path $From 'MailTools.dll') $To
    if ($WithLoader) { Copy-Item (Join-Path $Root "src/MailTools.Loader/bin/$Configuration/net8.0/MailTools.Loader.dll") $To }
    Get-ChildItem $From | Where-Object { $_.Name -notin 'MailTools.dll', 'System.Management.Automation.dll' -and $_.Extension -notin '.pdb', '.json' } |
        Copy-Item -Destination $dependencies -Recurse
}

# Platforms that get ReadyToRun images (precompiled code, so a scheduled run does not JIT-compile MailKit, MimeKit and
# MailTools first). Any other platform runs the IL in Dependencies/. Which assemblies: ReadyToRunAssembly in
# src/MailTools/MailTools.csproj.
$ReadyToRunPlatforms = @('linux-x64', 'win-x64')

function Add-ReadyToRunImages([string] $To) {
    # crossgen2 through the SDK (PublishReadyToRun) against .NET 10, the runtime of PowerShell 7.6: .NET 10 does not use
    # images compiled for net8.0. Framework-dependent; only the compiled images are kept, each beside the IL it replaces.
    foreach ($platform in $ReadyToRunPlatforms) {
        Write-Step "ReadyToRun images for $platform"
        $publish = Join-Path $Root "src/MailTools/obj/ReadyToRun/$platform"
        if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
        Invoke-Native dotnet @('publish', (Join-Path $Root 'src/MailTools/MailTools.csproj'), '-c', $Configuration, '-f', 'net10.0',
            '-r', $platform, '--self-contained', 'false', '-p:PublishReadyToRun=true', '-o', $publish, '--nologo', '-v', 'q', '-clp:ErrorsOnly')
        $images = @(Get-ChildItem $publish -Filter *.dll | Where-Object { Test-ReadyToRunImage $_.FullName })
        if ($images.Count -eq 0) { throw "dotnet publish -r $platform made no ReadyToRun image in $publish." }
        $target = Join-Path $To $platform
        New-Item -ItemType Directory -Path $target -Force | Out-Null
        $images | Copy-Item -Destination $target
    }
}

function Test-ReadyToRunImage([string] $Path) {
    # A ReadyToRun image carries a managed native header in its CLI header; plain IL does not.
    $stream = [IO.File]::OpenRead($Path)
    try {
        $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
        try { return $pe.HasMetadata -and $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
        finally { $pe.Dispose() }
    }
    finally { $stream.Dispose() }
}

function Get-ReleaseNotes {
    # The newest section of CHANGELOG.md (Keep a Changelog: "## [version] - date"), without its heading.
    $text = Get-Content (Join-Path $Root 'CHANGELOG.md') -Raw
    $sections = [regex]::Matches($text, '(?ms)^## \[(?<version>[^\]]+)\][^\n]*\n(?<body>.*?)(?=^## |^\[[^\]]+\]:|\z)')
    $newest = $sections | Where-Object { $_.Groups['body'].Value.Trim() } | Select-Object -First 1
    if (-not $newest) { throw 'CHANGELOG.md has no section with content.' }
    return [pscustomobject]@{ Version = $newest.Groups['version'].Value; Notes = $newest.Groups['body'].Value.Trim() }
}

function Write-Manifest([string] $Destination, [string] $Version, [string] $RootModule) {
    $text = (Get-Content (Join-Path $Root 'MailTools.psd1') -Raw).Replace('{{ModuleVersion}}', $Version).
        Replace('{{ReleaseNotes}}', (Get-ReleaseNotes).Notes.Replace("'", "''"))
    if ($RootModule) {
        $text = $text -replace '(?m)^(\s*RootModule\s*=).*$', "`$1 '$RootModule'" -replace '(?m)^\s*NestedModules\s*=.*$', ''
    }
    Set-Content $Destination $text -Encoding utf8
}

function Write-FlatLayout([string] $From, [string] $Version) {
    # The layout before the load context (one folder, netstandard2.0, no isolation), kept beside the module so the
    # Foundation benchmark can time both imports in one run and the isolation test can show what it guards against.
    $flat = Join-Path $Out 'MailTools-flat'
    if (Test-Path $flat) { Remove-Item $flat -Recurse -Force }
    Copy-FlatAssemblies -From $From -To $flat
    Copy-Item (Join-Path $ModuleOut 'MailTools.format.ps1xml'), (Join-Path $ModuleOut 'MailTools.types.ps1xml'), (Join-Path $ModuleOut 'en-US') $flat -Recurse
    Write-Manifest -Destination (Join-Path $flat 'MailTools.psd1') -Version $Version -RootModule 'MailTools.dll'
}

function Invoke-Package {
    Invoke-Build
    $notes = Get-ReleaseNotes
    $version = Get-ModuleVersion
    if ($notes.Version -ne $version) {
        throw "CHANGELOG.md's newest section is [$($notes.Version)], but Directory.Build.props says ${version}: add a section for $version."
    }
    $packages = Join-Path $Out 'packages'
    Write-Step "Packaging MailTools $version"
    $null = & (Join-Path $Root 'tools/Package/Publish-ModulePackage.ps1') -ModulePath (Join-Path $ModuleOut 'MailTools.psd1') -Destination $packages
    Write-Host "Package: $(Join-Path $packages "MailTools.$version.nupkg")"
}

function Invoke-Docs {
    $builder = Join-Path $Root 'tools/MailTools.HelpBuilder/MailTools.HelpBuilder.csproj'
    if (-not (Test-Path $builder)) { Write-Warning 'tools/MailTools.HelpBuilder is missing: no MAML help built.'; return }
    Write-Step 'Building help (docs/en-US -> MAML)'
    $builderOut = Join-Path $ToolsOut 'HelpBuilder'
    Invoke-Native dotnet @('build', $builder, '-c', $Configuration, '-o', $builderOut, '--nologo', '-v', 'q', '-clp:ErrorsOnly')
    Invoke-Native dotnet @((Join-Path $builderOut 'MailTools.HelpBuilder.dll'), '--docs', (Join-Path $Root 'docs/en-US'),
        '--out', (Join-Path $ModuleOut 'en-US'), '--assembly', 'MailTools.dll')
}

function Test-IsRoot {
    if ($IsWindows) { return $false }
    return ((& id -u) -eq '0')
}

# Every program the tests, the demo or the benchmarks run, with the Debian package that brings it. build.ps1 installs
# what is missing (apt, as root); .ci/run removes the server packages first so a missing row cannot hide.
# A row is found when its command is on PATH or its path exists.
$Prerequisites = @(
    [pscustomobject]@{ Command = 'dovecot'; Path = '/usr/sbin/dovecot'; Package = 'dovecot-imapd'; For = 'Test', 'Demo', 'Bench' }
    [pscustomobject]@{ Command = 'doveadm'; Path = '/usr/bin/doveadm'; Package = 'dovecot-core'; For = 'Test', 'Demo', 'Bench' }
    [pscustomobject]@{ Command = $null; Path = '/usr/lib/dovecot/pop3'; Package = 'dovecot-pop3d'; For = 'Test', 'Demo', 'Bench' }
    [pscustomobject]@{ Command = 'openssl'; Path = '/usr/bin/openssl'; Package = 'openssl'; For = 'Test', 'Demo', 'Bench' }
    [pscustomobject]@{ Command = 'python3'; Path = '/usr/bin/python3'; Package = 'python3'; For = 'Test' }
    [pscustomobject]@{ Command = 'mbsync'; Path = '/usr/bin/mbsync'; Package = 'isync'; For = 'Bench' }
    [pscustomobject]@{ Command = 'imapfilter'; Path = '/usr/bin/imapfilter'; Package = 'imapfilter'; For = 'Bench' }
    [pscustomobject]@{ Command = 'offlineimap'; Path = '/usr/bin/offlineimap'; Package = 'offlineimap'; For = 'Bench' }
    [pscustomobject]@{ Command = $null; Path = '/usr/bin/time'; Package = 'time'; For = 'Bench' }
    [pscustomobject]@{ Command = 'kill'; Path = '/bin/kill'; Package = 'procps'; For = 'Test' }
    [pscustomobject]@{ Command = 'dnsmasq'; Path = '/usr/sbin/dnsmasq'; Package = 'dnsmasq-base'; For = 'Test' }
    [pscustomobject]@{ Command = $null; Path = '/usr/lib/dovecot/submission'; Package = 'dovecot-submissiond'; For = 'Test' }
    [pscustomobject]@{ Command = 'chromium'; Path = '/usr/bin/chromium'; Package = 'chromium'; For = 'Test' }
)

function Test-Prerequisite([pscustomobject] $Row) {
    # Under StrictMode a missing command must not be dereferenced: ask for it as a list.
    if ($Row.Command -and @(Get-Command $Row.Command -CommandType Application -ErrorAction Ignore).Count -gt 0) { return $true }
    return [bool] ($Row.Path -and (Test-Path $Row.Path))
}

function Install-Prerequisites {
    param([Parameter(Mandatory)] [string] $For)
    $missing = @($Prerequisites | Where-Object { $For -in $_.For -and -not (Test-Prerequisite $_) } |
        ForEach-Object Package | Sort-Object -Unique)
    if ($missing.Count -eq 0) { return }
    $list = $missing -join ' '
    if ($IsWindows -or $IsMacOS) {
        throw "The $For task needs Linux programs ($list; Dovecot runs on Linux). Run it on Linux or WSL."
    }
    if (-not (Test-IsRoot)) {
        throw "The $For task needs Debian packages that are missing: $list. Install them once with: sudo apt-get install -y --no-install-recommends $list"
    }
    Write-Step "Installing Debian packages: $list"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-Native apt-get @('update', '-qq')
    Invoke-Native apt-get (@('install', '-y', '-qq', '--no-install-recommends') + $missing)
    $still = @($Prerequisites | Where-Object { $For -in $_.For -and -not (Test-Prerequisite $_) } | ForEach-Object Package)
    if ($still.Count -gt 0) { throw "apt-get installed $list, but these are still missing: $($still -join ' ')." }
}

function Get-PesterManifest {
    $version = '5.7.1'
    $nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $manifest = Join-Path $nugetRoot "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        Write-Step "Fetching Pester $version from NuGet"
        Invoke-Native dotnet @('restore', (Join-Path $Root 'tools/Pester/Pester.proj'), '--nologo', '-v', 'q')
    }
    if (-not (Test-Path $manifest)) { throw "Pester was restored but $manifest is missing." }
    return $manifest
}

function Build-TestTools {
    $seeder = Join-Path $Root 'tests/TestServer/Seeder/MailTools.Seeder.csproj'
    if (Test-Path $seeder) {
        Write-Step 'Building the test mailbox seeder'
        Invoke-Native dotnet @('build', $seeder, '-c', $Configuration, '-o', (Join-Path $ToolsOut 'Seeder'), '--nologo', '-v', 'q', '-clp:ErrorsOnly')
        $env:MAILTOOLS_SEEDER = Join-Path $ToolsOut 'Seeder/MailTools.Seeder.dll'
    }
    $proxy = Join-Path $Root 'tests/TestServer/FaultProxy/MailTools.FaultProxy.csproj'
    if (Test-Path $proxy) {
        Write-Step 'Building the fault proxy'
        Invoke-Native dotnet @('build', $proxy, '-c', $Configuration, '-o', (Join-Path $ToolsOut 'FaultProxy'), '--nologo', '-v', 'q', '-clp:ErrorsOnly')
        $env:MAILTOOLS_FAULTPROXY = Join-Path $ToolsOut 'FaultProxy/MailTools.FaultProxy.dll'
    }
    $idp = Join-Path $Root 'tests/TestServer/IdentityProvider/MailTools.IdentityProvider.csproj'
    if (Test-Path $idp) {
        Write-Step 'Building the test identity provider'
        Invoke-Native dotnet @('build', $idp, '-c', $Configuration, '-o', (Join-Path $ToolsOut 'IdentityProvider'), '--nologo', '-v', 'q', '-clp:ErrorsOnly')
        $env:MAILTOOLS_IDP = Join-Path $ToolsOut 'IdentityProvider/MailTools.IdentityProvider.dll'
    }
}

function Get-ChildPwsh {
    # The pwsh we run in (a dotnet tool or an installed one), started again as a child so the built DLLs are never locked here.
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($process)
}

function Invoke-ChildPwsh {
    param([string] $Script, [string[]] $Arguments = @(), [hashtable] $Environment = @{})
    $saved = @{}
    foreach ($key in $Environment.Keys) {
        $saved[$key] = [Environment]::GetEnvironmentVariable($key)
        [Environment]::SetEnvironmentVariable($key, [string] $Environment[$key])
    }
    try {
        $pwsh = @(Get-ChildPwsh)
        $exe = $pwsh[0]
        $prefix = @($pwsh | Select-Object -Skip 1)
        & $exe @prefix -NoProfile -NonInteractive -File $Script @Arguments | Out-Host
        return $LASTEXITCODE
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
}

function New-TestEnvironment {
    # A fresh CA per run: test servers get certificates signed by it, and the child pwsh trusts it through
    # SSL_CERT_FILE, so tests connect WITH certificate validation.
    Import-Module (Join-Path $Root 'tests/TestServer/MailTestServer.psm1') -Force
    $runDir = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-run-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $runDir | Out-Null
    $ca = New-TestCertificateAuthority -Path (Join-Path $runDir 'ca')
    return [pscustomobject]@{
        RunDir      = $runDir
        Environment = @{
            MAILTOOLS_MODULE    = Join-Path $ModuleOut 'MailTools.psd1'
            MAILTOOLS_REPO_ROOT = $Root
            MAILTOOLS_TEST_CA   = Split-Path $ca.CertificatePath
            SSL_CERT_FILE       = $ca.CertificatePath
            MAILTOOLS_SEEDER    = $env:MAILTOOLS_SEEDER
            MAILTOOLS_FAULTPROXY = $env:MAILTOOLS_FAULTPROXY
            MAILTOOLS_FULL      = if ($Full) { '1' } else { '' }
        }
    }
}

function Invoke-UnitTests {
    # xunit projects under tests/: counts read from their TRX files.
    $projects = @(Get-ChildItem (Join-Path $Root 'tests') -Filter *.csproj -Recurse | Where-Object { $_.Name -like '*.Tests.csproj' })
    $resultsDir = Join-Path $Out 'test-results'
    $passed = 0; $failed = 0
    foreach ($project in $projects) {
        Write-Step "xunit: $($project.BaseName)"
        $trx = "$($project.BaseName).trx"
        & dotnet test $project.FullName -c $Configuration --nologo -v q --logger "trx;LogFileName=$trx" --logger 'console;verbosity=normal' --results-directory $resultsDir | Out-Host  # not into the function's return value
        $trxPath = Join-Path $resultsDir $trx
        if (-not (Test-Path $trxPath)) { $failed++; Write-Warning "$($project.BaseName) did not build or run."; continue }
        [xml] $result = Get-Content $trxPath -Raw
        $counters = $result.TestRun.ResultSummary.Counters
        $passed += [int] $counters.passed
        $failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
    }
    return [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = 0 }
}

function Invoke-PesterTests {
    param([pscustomobject] $TestEnvironment)
    $resultFile = Join-Path $TestEnvironment.RunDir 'pester-counts.json'
    $arguments = @('-PesterManifest', (Get-PesterManifest), '-CountsPath', $resultFile, '-ResultXml', (Join-Path $Out 'test-results/pester.xml'))
    if ($TestName) { $arguments += @('-TestName', ($TestName -join ',')) }
    $code = Invoke-ChildPwsh -Script (Join-Path $Root 'tests/Invoke-PesterRun.ps1') -Arguments $arguments -Environment $TestEnvironment.Environment
    if (-not (Test-Path $resultFile)) {
        Write-Warning "Pester did not finish (exit code $code)."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    return Get-Content $resultFile -Raw | ConvertFrom-Json
}

function Invoke-Test {
    Invoke-Build
    Install-Prerequisites -For Test
    Build-TestTools
    $total = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $started = Get-Date
    if (-not $TestName) {
        $unit = Invoke-UnitTests
        $total.Passed += $unit.Passed; $total.Failed += $unit.Failed
    }
    $testEnvironment = New-TestEnvironment
    try {
        $pester = Invoke-PesterTests -TestEnvironment $testEnvironment
        $total.Passed += $pester.Passed; $total.Failed += $pester.Failed; $total.Skipped += $pester.Skipped
        # The reliability suite's figures go to docs/reliability.md (its default or -Full section), from whole runs only.
        $relResults = Join-Path $Out 'test-results/reliability'
        if (-not $TestName -and (Test-Path $relResults)) {
            try { & (Join-Path $Root 'tests/Reliability/Write-ReliabilityReport.ps1') -ResultDir $relResults }
            catch { Write-Warning "docs/reliability.md was not refreshed: $_" }
        }
    }
    finally {
        Remove-Item $testEnvironment.RunDir -Recurse -Force -ErrorAction SilentlyContinue
    }
    Write-Host ("Test run took {0:mm\:ss}." -f ((Get-Date) - $started))
    $line = "Tests: $($total.Passed) passed, $($total.Failed) failed"
    if ($total.Skipped) { $line += ", $($total.Skipped) skipped" }
    Write-Host $line
    if ($total.Failed -gt 0 -or $total.Passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Install-Prerequisites -For Demo
    Build-TestTools
    $testEnvironment = New-TestEnvironment
    try {
        $code = Invoke-ChildPwsh -Script (Join-Path $Root 'tools/Demo/Invoke-Demo.ps1') -Environment $testEnvironment.Environment
        if ($code -ne 0) { throw "The demo failed (exit code $code)." }
    }
    finally {
        Remove-Item $testEnvironment.RunDir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-Bench {
    Invoke-Build
    Install-Prerequisites -For Bench
    Build-TestTools
    $script = Join-Path $Root 'bench/Invoke-Bench.ps1'
    if (-not (Test-Path $script)) { throw 'bench/Invoke-Bench.ps1 is missing.' }
    $testEnvironment = New-TestEnvironment
    try {
        $arguments = if ($BenchName) { @('-Name', ($BenchName -join ',')) } else { @() }
        $code = Invoke-ChildPwsh -Script $script -Arguments $arguments -Environment $testEnvironment.Environment
        if ($code -ne 0) { throw "The benchmark failed (exit code $code)." }
    }
    finally {
        Remove-Item $testEnvironment.RunDir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Docs' { Invoke-Docs }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' {
        Remove-Item $Out -Recurse -Force -ErrorAction SilentlyContinue
        Get-ChildItem $Root -Include bin, obj -Directory -Recurse | Remove-Item -Recurse -Force
    }
    'Help' { $TaskSynopsis.GetEnumerator() | ForEach-Object { '{0,-7} {1}' -f $_.Key, $_.Value } }
}
