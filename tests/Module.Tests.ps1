# The built module as a user meets it: imports cleanly, exports what the manifest says, formats every output type.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    $manifest = Read-ModuleManifest
}

Describe 'The built module' {
    It 'imports in a fresh pwsh with no error and no warning' {
        $out = Invoke-FreshPwsh "Import-Module '$ModulePath' -ErrorVariable e -WarningVariable w; 'errors=' + `$e.Count; 'warnings=' + `$w.Count; 'cmdlets=' + @(Get-Command -Module MailTools).Count"
        $out | Should -Contain 'errors=0'
        $out | Should -Contain 'warnings=0'
        $out | Should -Contain "cmdlets=$(@($manifest.CmdletsToExport).Count)"
    }

    It 'has a real version, runs on Windows PowerShell 5.1 and PowerShell 7' {
        $manifest.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        (Get-Module MailTools).Version.ToString() | Should -Be $manifest.ModuleVersion
    }

    It 'exports exactly the cmdlets the manifest lists' {
        $exported = @(Get-Command -Module MailTools).Name | Sort-Object
        $exported | Should -Be (@($manifest.CmdletsToExport) | Sort-Object)
    }

    It 'uses approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($c in Get-Command -Module MailTools) { $approved | Should -Contain $c.Verb }
    }

    It 'has a default view for every type a cmdlet outputs' {
        $types = Get-Command -Module MailTools | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ -and $_.Namespace -eq 'MailTools' } | Sort-Object FullName -Unique
        $types | Should -Not -BeNullOrEmpty
        foreach ($t in $types) {
            Get-FormatData -TypeName $t.FullName | Should -Not -BeNullOrEmpty -Because "$($t.FullName) needs a view in MailTools.format.ps1xml"
        }
    }

    It 'ships no PowerShell reference assembly of its own' {
        @(Get-ChildItem (Split-Path $ModulePath) -Recurse -Filter 'System.Management.Automation.dll') | Should -BeNullOrEmpty
    }
}

Describe 'The manifest is ready for a gallery' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest $ModulePath -ErrorAction Stop -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $info.Version.ToString() | Should -Be $manifest.ModuleVersion
    }

    It 'takes its version from Directory.Build.props' {
        [xml] $props = Get-Content (Join-Path $RepoRoot 'Directory.Build.props') -Raw
        $manifest.ModuleVersion | Should -Be (@($props.Project.PropertyGroup.Version) -ne $null)[0]
    }

    It 'has licence and project links, the tags, and the newest CHANGELOG section as release notes' {
        $data = $manifest.PrivateData.PSData
        $data.LicenseUri | Should -Match '^https://'
        $data.ProjectUri | Should -Match '^https://'
        $data.Tags | Should -Be @('IMAP', 'POP3', 'Mail', 'MailKit', 'Maildir', 'mbox', 'Export', 'Cleanup',
            'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
        $changelog = Get-Content (Join-Path $RepoRoot 'CHANGELOG.md') -Raw
        $at = $changelog.IndexOf($data.ReleaseNotes.Trim())
        $at | Should -BeGreaterThan 0 -Because 'the release notes are a section of CHANGELOG.md'
        $heading = $changelog.LastIndexOf('## [', $at)
        $changelog.Substring($heading, $at - $heading) | Should -Match '^## \[[^\]]+\][^\n]*\s*$'
        $changelog.Substring(0, $heading) | Should -Not -Match '(?m)^(- |### )' -Because 'no newer section has entries'
        $data.ReleaseNotes | Should -Match '### '
    }

    It 'ships the MIT licence' {
        $licence = Join-Path (Split-Path $ModulePath) 'LICENSE'
        $licence | Should -Exist
        Get-Content $licence -TotalCount 1 | Should -Be 'MIT License'
    }
}
