# MailTools beside another module that ships an older MailKit (tests/StandIns/OtherMail: MailKit 4.0.0 + MimeKit
# 4.18.0 from NuGet, a flat binary module like Mailozaurr). In both import orders, in a fresh pwsh each, both modules
# must work: MailTools' export is byte-exact, the stand-in parses a message and talks IMAP with its own MailKit.
# Against the old flat layout (out/MailTools-flat) the OtherMail-first order fails: MailKit 4.0.0 holds the name.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    $standInDir = Join-Path $TestDrive 'OtherMail'
    $project = Join-Path $PSScriptRoot 'StandIns/OtherMail/OtherMail.csproj'
    $build = & dotnet build $project -c Release -o $standInDir --nologo -v q -clp:ErrorsOnly 2>&1
    if ($LASTEXITCODE -ne 0) { throw "The OtherMail stand-in did not build: $build" }
    $standIn = Join-Path $standInDir 'OtherMail.dll'

    $server = Start-TestMailServer -Users alice -Profile Small
    $serverHashes = @(Get-ServerMessageHash -Server $server | Sort-Object)

    $message = Join-Path $TestDrive 'reservation.eml'
    $text = "From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.com>`r`nTo: alice@example.com`r`nSubject: =?UTF-8?Q?R=C3=A9servation_confirm=C3=A9e?=`r`n" +
        "MIME-Version: 1.0`r`nContent-Type: multipart/mixed; boundary=b`r`n`r`n--b`r`nContent-Type: text/plain`r`n`r`nhello`r`n" +
        "--b`r`nContent-Type: application/octet-stream; name=a.bin`r`nContent-Transfer-Encoding: base64`r`n`r`nAAEC`r`n--b--`r`n"
    [IO.File]::WriteAllText($message, $text)

    function Invoke-BesideOtherMail([string[]] $Order) {
        $tag = $Order -join '-'
        $resultPath = Join-Path $TestDrive "$tag.json"
        $user = $server.Users[0]
        $pwsh = @(Get-FreshPwshCommand)
        $prefix = @($pwsh | Select-Object -Skip 1)
        $output = & $pwsh[0] @prefix -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'StandIns/Invoke-BesideOtherMail.ps1') `
            -ModulePath $ModulePath -StandInPath $standIn -Order ($Order -join ',') -Server $server.Host -Port $server.ImapsPort `
            -UserName $user.UserName -Password $user.Password -MessagePath $message -ExportPath (Join-Path $TestDrive "export-$tag") `
            -ResultPath $resultPath 2>&1
        if (-not (Test-Path $resultPath)) { throw "The child pwsh wrote no result: $output" }
        $result = Get-Content $resultPath -Raw | ConvertFrom-Json
        $result | Add-Member ExportPath (Join-Path $TestDrive "export-$tag")
        return $result
    }
}

AfterAll {
    if ($server) { Stop-TestMailServer $server }
}

Describe 'MailTools beside a module with another MailKit, <Order> imported first' -ForEach @(
    @{ Order = 'OtherMail', 'MailTools' }
    @{ Order = 'MailTools', 'OtherMail' }
) {
    BeforeAll {
        $run = Invoke-BesideOtherMail -Order $Order
    }

    It 'imports both modules' {
        $run.Import | Should -Be @("$($Order[0]) ok", "$($Order[1]) ok")
    }

    It 'MailTools exports INBOX with the server''s exact bytes' {
        $run.ExportError | Should -BeNullOrEmpty
        $serverHashes.Count | Should -BeGreaterThan 10
        Get-FileHashList $run.ExportPath | Should -Be $serverHashes
    }

    It 'the stand-in parses a MIME message and talks IMAP over TLS' {
        $run.StandInError | Should -BeNullOrEmpty
        $run.StandIn.Subject | Should -BeExactly 'Réservation confirmée'
        $run.StandIn.From | Should -Match 'Jürgen'
        $run.StandIn.Parts | Should -Be 2
        $run.StandIn.ImapCapabilities | Should -Match 'IMAP4rev1'
    }

    It 'each module runs on its own MailKit and MimeKit' {
        $run.StandIn.MailKit | Should -Match '^4\.0\.0\.0 4\.0\.0\b'
        $run.StandIn.MimeKit | Should -Match '^4\.18\.0\.0 4\.18\.0\b'
        $ours = @($run.Assemblies | Where-Object Context -eq 'MailTools')
        # The loader's build for this runtime: net10.0/ on .NET 10 (its Dependencies/ or, for this platform, ReadyToRun/).
        $build = Join-Path (Split-Path $ModulePath) $(if ([Environment]::Version.Major -ge 10) { 'net10.0' } else { 'net8.0' })
        foreach ($name in 'MailKit', 'MimeKit', 'MailTools.Core') {
            ($ours | Where-Object Name -eq $name).Location | Should -BeLike (Join-Path $build "*$([IO.Path]::DirectorySeparatorChar)$name.dll")
        }
        ($ours | Where-Object Name -eq 'MailKit').Version | Should -Be '4.18.0.0'
    }
}

Describe 'The load-context boundary' {
    It 'the cmdlet assembly references no third-party assembly (only .NET, PowerShell and MailTools.Core)' {
        $cmdlets = (Get-Command Connect-MailServer).ImplementingType.Assembly
        $shipped = @(Get-ChildItem (Join-Path (Split-Path $ModulePath) 'net8.0/Dependencies') -Filter *.dll -Recurse).BaseName
        $crossing = @($cmdlets.GetReferencedAssemblies().Name | Where-Object { $_ -in $shipped -and $_ -ne 'MailTools.Core' })
        $crossing | Should -BeNullOrEmpty -Because 'a MailKit or MimeKit type in the cmdlets would bind to whatever copy the default context holds'
        $cmdlets.GetReferencedAssemblies().Name | Should -Contain 'MailTools.Core'
    }

    It 'keeps MailTools'' types reachable by name in PowerShell ([MailTools.MailFolder], Core helpers used by views and tests)' {
        [MailTools.MailFolder].Assembly.GetName().Name | Should -Be 'MailTools.Core'
        [Runtime.Loader.AssemblyLoadContext]::GetLoadContext([MailTools.MailFolder].Assembly).Name | Should -Be 'MailTools'
        [MailTools.Core.Compare.ComparisonText]::Wrap('one two three', 5) | Should -Not -BeNullOrEmpty
    }
}
