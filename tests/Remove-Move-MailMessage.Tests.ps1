# Remove-MailMessage and Move-MailMessage against a real Dovecot, proved by listing the folders with doveadm.
BeforeAll {
    . $PSScriptRoot/MailMessageCommon.ps1
    $server = Start-TestMailServer -Users alice, bob
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Remove-MailMessage and Move-MailMessage' {
    BeforeAll {
        $a = 1..4 | ForEach-Object { Add-Mail $server bob -Subject "bob-$_" -DaysOld (100 * $_) }
        $session = Connect-TestSession -Server $server -UserIndex 1
    }

    It 'removes exactly the piped messages' {
        Get-MailMessage -Session $session -OlderThan 250 | Remove-MailMessage -Confirm:$false
        Get-DoveUids $server bob INBOX | Should -Be @($a[0].Uid, $a[1].Uid)
    }

    It 'moves the piped messages to another folder' {
        Get-MailMessage -Session $session -Subject 'bob-1' | Move-MailMessage Archive
        Get-DoveUids $server bob INBOX | Should -Be @($a[1].Uid)
        Get-DoveSubjects $server bob Archive | Should -Be @('bob-1')
    }

    It 'changes nothing under -WhatIf' {
        Get-MailMessage -Session $session | Remove-MailMessage -WhatIf
        Get-DoveUids $server bob INBOX | Should -Be @($a[1].Uid)
    }
}

