# The built module as a user meets it: imports cleanly, exports what the manifest says, formats every output type.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    $manifest = Import-PowerShellDataFile $ModulePath
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
