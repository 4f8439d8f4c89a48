# Reliability scenario 10: no password in any protocol log, -Verbose/-Debug line or error message (this file's own
# runs, and every capture the other reliability files left); STARTTLS requested but not offered is refused before any
# login; an untrusted certificate is refused unless -SkipCertificateCheck; exported names cannot escape -Path.
BeforeAll {
    . $PSScriptRoot/ReliabilityCommon.ps1
    $script:CaptureName = 'Security'
    Clear-Capture
    $server = Start-TestMailServer -Users alice -NoPop3 -ExtraConfig 'mail_location = maildir:~/Maildir:LAYOUT=fs'
    $plain = Start-TestMailServer -Users alice -NoPop3 -NoTls
    $untrusted = Start-TestMailServer -Users alice -NoPop3 -UntrustedCertificate
    $checks = [Collections.Generic.List[object]]::new()
}

AfterAll {
    Save-ScenarioResult -Scenario 'security' -Title 'Security: password never shown, STARTTLS downgrade refused, certificates checked, paths contained' -Trials $checks.Count `
        -Failures @($checks | Where-Object Failed).Count -Notes 'Every reliability file also greps its own captures; this file greps all of them (protocol logs, -Verbose/-Debug/warning lines, error messages).' -Rows @($checks)
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    foreach ($s in $server, $plain, $untrusted) { if ($s) { Stop-TestMailServer $s } }
}

Describe 'Scenario 10: security' {
    It 'STARTTLS requested but not offered (-Security <_>): refused, and no login reaches the server' -ForEach 'StartTls', 'Auto' {
        $log = Get-ProtocolLogPath
        $err = $null
        try { Connect-MailServer -Server 127.0.0.1 -Port $plain.ImapPort -Security $_ -Credential $plain.Users[0].Credential -ProtocolLogPath $log -Debug -Verbose -ErrorAction Stop 5>&1 4>&1 | Out-Null }
        catch { $err = $_ }
        Add-CapturedError $err
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsStartTlsNotOffered*'
        "$err" | Should -Match 'No password was sent'
        # The client never sent LOGIN/AUTHENTICATE, and Dovecot saw no login.
        Get-Content -LiteralPath $log | Where-Object { $_ -match '^\S+ C: \S+ (LOGIN|AUTHENTICATE)' } | Should -BeNullOrEmpty
        Get-Content -LiteralPath $plain.LogPath | Where-Object { $_ -match 'Login: user=|auth.*alice' } | Should -BeNullOrEmpty
        $checks.Add([pscustomobject]@{ Check = "STARTTLS not offered, -Security $_"; Result = "$(($err.FullyQualifiedErrorId -split ',')[0])"; Failed = $false })
    }

    It 'an untrusted certificate is refused, and accepted with -SkipCertificateCheck (with a warning)' {
        $cred = $untrusted.Users[0].Credential
        { Connect-MailServer -Server 127.0.0.1 -Port $untrusted.ImapsPort -Security SslOnConnect -Credential $cred -ErrorAction Stop } | Should -Throw -ErrorId 'MailToolsCertificateUntrusted*'
        $r = Invoke-Captured { Connect-MailServer -Server 127.0.0.1 -Port $untrusted.ImapsPort -Security SslOnConnect -Credential $cred -SkipCertificateCheck -ProtocolLogPath (Get-ProtocolLogPath) }
        $r.Output[0].IsConnected | Should -BeTrue
        $r.Text | Should -Match 'WarningRecord'
        @(Get-MailFolder -Session $r.Output[0]).Count | Should -BeGreaterThan 1
        Disconnect-MailServer -Session $r.Output[0]
        $checks.Add([pscustomobject]@{ Check = 'untrusted certificate'; Result = 'refused; accepted only with -SkipCertificateCheck'; Failed = $false })
    }

    It 'exported file names cannot escape -Path (<_>)' -ForEach 'Maildir', 'Mbox', 'Eml' {
        # Dovecot refuses a '..' folder-name part itself (SafePath's xunit tests cover it); these it accepts.
        foreach ($name in 'Dots..', 'x/..y/...z', 'con', 'a\b', 'nul.txt') {
            Save-DoveadmMessage -Server $server -User alice -Mailbox $name -Bytes ([Text.Encoding]::ASCII.GetBytes("From: a@example.com`r`nSubject: ../../../../tmp/evil`r`n`r`nx`r`n"))
        }
        Save-DoveadmMessage -Server $server -User alice -Bytes ([Text.Encoding]::ASCII.GetBytes("From: a@example.com`r`nSubject: /etc/passwd\..\..\boot.ini`r`n`r`nx`r`n"))
        $box = Join-Path $TestDrive "jail-$_"
        $root = Join-Path $box 'inside'
        $s = Connect-Rel -Server $server
        $r = Invoke-Captured { Export-Mailbox -Session $s -Path $root -Format $_ -ErrorAction Continue }
        Disconnect-MailServer -Session $s
        $r.Errors | Should -BeNullOrEmpty
        $full = [IO.Path]::GetFullPath($root) + '/'
        Get-ChildItem -LiteralPath $box -Recurse -Force | Where-Object { $_.FullName -notlike "$full*" -and $_.FullName -ne [IO.Path]::GetFullPath($root) } | Should -BeNullOrEmpty
        Test-Path /tmp/evil | Should -BeFalse
        $c = Compare-HashSet -Expected @(Get-ServerHash -Server $server) -Actual @(Get-ExportHash -Root $root -Format $_)
        $c.Lost + $c.Duplicated + $c.Foreign | Should -Be 0
        $checks.Add([pscustomobject]@{ Check = "path escape, $_"; Result = 'every file inside -Path'; Failed = $false })
    }

    It 'a wrong password with -Verbose -Debug: the error and every stream name the account, never the password' {
        $cred = [pscredential]::new('alice', (ConvertTo-SecureString "$($server.Users[0].Password)-wrong" -AsPlainText -Force))
        $r = Invoke-Captured { Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -Credential $cred -ProtocolLogPath (Get-ProtocolLogPath) -ErrorAction Continue }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed*'
        $r.Text | Should -Not -Match ([regex]::Escape($server.Users[0].Password))
    }

    It 'no password in any protocol log, -Verbose/-Debug line or error message of this file' {
        Find-SecretLeak -Servers $server, $plain, $untrusted | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $RelCaptureDir -Filter 'Security-protocol-*').Count | Should -BeGreaterThan 2
    }

    It 'no protocol log, -Verbose/-Debug line or error message of the whole suite contains a test password or its SASL form' {
        # Other files' servers are gone: their users' passwords follow the harness pattern "pw-<user>-<8 chars>".
        $files = @(Get-ChildItem -LiteralPath $RelCaptureDir -File)
        $hits = foreach ($f in $files) {
            $text = [IO.File]::ReadAllText($f.FullName)
            if ($text -match 'pw-[a-z0-9._-]+-[a-z2-9]{8}') { "$($f.Name): $($Matches[0])" }
            foreach ($m in [regex]::Matches($text, '[A-Za-z0-9+/]{16,}={0,2}')) {
                try { $decoded = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($m.Value)) } catch { continue }
                if ($decoded -match 'pw-[a-z0-9._-]+-[a-z2-9]{8}') { "$($f.Name): base64 of a password" }
            }
        }
        $checks.Add([pscustomobject]@{ Check = "password grep over $($files.Count) capture and protocol-log files"; Result = "$(@($hits).Count) hit(s)"; Failed = @($hits).Count -gt 0 })
        $hits | Should -BeNullOrEmpty
        $files.Count | Should -BeGreaterThan 5
    }
}
