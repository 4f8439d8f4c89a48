# The bad-input table: every row a real mistake against a real Dovecot (or a real file), asserting the ErrorRecord's
# category, its stable ErrorId and a message that names the server/account/file and says what to do.
BeforeDiscovery {
    # Script: run with -ErrorAction Stop; Names: a regex the message (or recommendation) must match.
    $rows = @(
        @{ Row = 'wrong password'; ErrorId = 'MailToolsAuthenticationFailed'; Category = 'AuthenticationError'; Names = '127\.0\.0\.1.*alice|alice.*127\.0\.0\.1'
            Script = { Connect-MailServer -Server 127.0.0.1 -Port $server.ImapsPort -Security SslOnConnect -Credential ([pscredential]::new('alice', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))) -ProtocolLogPath (Get-ProtocolLogPath) } }
        @{ Row = 'unknown host'; ErrorId = 'MailToolsHostNotFound'; Category = 'ObjectNotFound'; Names = 'no-such-host\.invalid'
            Script = { Connect-MailServer -Server no-such-host.invalid -Port 993 -Credential $alice.Credential } }
        @{ Row = 'closed port'; ErrorId = 'MailToolsConnectionRefused'; Category = 'ConnectionError'; Names = "127\.0\.0\.1:\d+"
            Script = { Connect-MailServer -Server 127.0.0.1 -Port (Get-TestFreePort) -Security SslOnConnect -Credential $alice.Credential } }
        @{ Row = 'TLS to a plaintext port'; ErrorId = 'MailToolsTlsHandshakeFailed'; Category = 'SecurityError'; Names = "127\.0\.0\.1:\d+"
            Script = { Connect-MailServer -Server 127.0.0.1 -Port $server.ImapPort -Security SslOnConnect -Credential $alice.Credential -TimeoutSeconds 10 } }
        @{ Row = 'untrusted certificate'; ErrorId = 'MailToolsCertificateUntrusted'; Category = 'SecurityError'; Names = 'not trusted.*SkipCertificateCheck'
            Script = { Connect-MailServer -Server 127.0.0.1 -Port $untrusted.ImapsPort -Security SslOnConnect -Credential $untrusted.Users[0].Credential } }
        @{ Row = 'expired certificate'; ErrorId = 'MailToolsCertificateUntrusted'; Category = 'SecurityError'; Names = 'expired'
            Script = { New-TestServerCertificate -Server $certServer -Expired; Connect-MailServer -Server 127.0.0.1 -Port $certServer.ImapsPort -Security SslOnConnect -Credential $certServer.Users[0].Credential } }
        @{ Row = 'wrong-host certificate'; ErrorId = 'MailToolsCertificateUntrusted'; Category = 'SecurityError'; Names = 'mail\.elsewhere\.example'
            Script = { New-TestServerCertificate -Server $certServer -HostName mail.elsewhere.example; Connect-MailServer -Server localhost -Port $certServer.ImapsPort -Security SslOnConnect -Credential $certServer.Users[0].Credential } }
        @{ Row = 'folder not found'; ErrorId = 'MailToolsFolderNotFound'; Category = 'ObjectNotFound'; Names = 'No such folder'
            Script = { Export-Mailbox -Session $session -Folder 'No such folder' -Path (Join-Path $TestDrive 'nf') } }
        @{ Row = 'destination folder not found'; ErrorId = 'MailToolsFolderNotFound'; Category = 'ObjectNotFound'; Names = 'Nowhere'
            Script = { Invoke-MailCleanup -Session $session -Folder INBOX -OlderThan 1 -Action Move -Destination Nowhere -Confirm:$false } }
        @{ Row = 'unknown special-use role'; ErrorId = 'MailToolsInvalidArgument'; Category = 'InvalidArgument'; Names = '@Bogus.*@Trash'
            Script = { Get-MailMessage -Session $session -Folder '@Bogus' } }
        @{ Row = "invalid age '3x'"; ErrorId = 'MailToolsInvalidAge'; Category = 'InvalidArgument'; Names = "3x"
            Script = { Invoke-MailCleanup -Session $session -Folder INBOX -OlderThan '3x' -Action Delete -Confirm:$false } }
        @{ Row = "invalid size '10ZB'"; ErrorId = 'MailToolsInvalidSize'; Category = 'InvalidArgument'; Names = "10ZB"
            Script = { Invoke-MailCleanup -Session $session -Folder INBOX -LargerThan '10ZB' -Action Delete -Confirm:$false } }
        @{ Row = 'policy: syntax error (.json)'; ErrorId = 'MailToolsInvalidPolicy'; Category = 'InvalidData'; Names = 'syntax\.json'
            Script = { Invoke-MailCleanup -Session $session -Policy (New-Policy 'syntax.json' '{ "Rules": [ { "Folders": ["INBOX"], "OlderThan": "30d", ') -Confirm:$false } }
        @{ Row = 'policy: syntax error (.psd1)'; ErrorId = 'MailToolsInvalidPolicy'; Category = 'InvalidData'; Names = 'syntax\.psd1'
            Script = { Invoke-MailCleanup -Session $session -Policy (New-Policy 'syntax.psd1' "@{ Rules = @( @{ Folders = 'INBOX'; OlderThan = '30d' ") -Confirm:$false } }
        @{ Row = 'policy: unknown key'; ErrorId = 'MailToolsInvalidPolicy'; Category = 'InvalidData'; Names = 'unknown\.json.*OlderThen|OlderThen.*unknown\.json'
            Script = { Invoke-MailCleanup -Session $session -Policy (New-Policy 'unknown.json' '{ "Rules": [ { "Folders": ["INBOX"], "OlderThen": "30d", "Action": "Delete" } ] }') -Confirm:$false } }
        @{ Row = 'policy: wrong type'; ErrorId = 'MailToolsInvalidPolicy'; Category = 'InvalidData'; Names = 'type\.json.*LargerThan|LargerThan.*type\.json'
            Script = { Invoke-MailCleanup -Session $session -Policy (New-Policy 'type.json' '{ "Rules": [ { "Folders": ["INBOX"], "LargerThan": { "mb": 10 }, "Action": "Delete" } ] }') -Confirm:$false } }
        @{ Row = 'export path not writable'; ErrorId = 'MailToolsExportPathNotWritable'; Category = 'WriteError'; Names = '/proc/mailtools-export'
            Script = { Export-Mailbox -Session $session -Folder INBOX -Path /proc/mailtools-export } }
        @{ Row = 'export path is a file'; ErrorId = 'MailToolsExportPathNotWritable'; Category = 'WriteError'; Names = 'a-file\.txt'
            Script = { $f = Join-Path $TestDrive 'a-file.txt'; Set-Content $f 'x'; Export-Mailbox -Session $session -Folder INBOX -Path $f } }
        @{ Row = 'disk quota exceeded on the server during move'; ErrorId = 'MailToolsQuotaExceeded'; Category = 'QuotaExceeded'; Names = 'quota'
            Script = { Invoke-MailCleanup -Session $auxSession -Folder INBOX -OlderThan 30 -Action Move -Destination Archive -Confirm:$false } }
        @{ Row = 'read-only folder'; ErrorId = 'MailToolsFolderReadOnly'; Category = 'PermissionDenied'; Names = 'Locked.*read-only'
            Script = { Invoke-MailCleanup -Session $auxSession -Folder Locked -OlderThan 30 -Action Delete -Confirm:$false } }
        @{ Row = 'import file that is not a mailbox (mbox)'; ErrorId = 'MailToolsImportSourceInvalid'; Category = 'InvalidData'; Names = 'notes\.mbox'
            Script = { $f = Join-Path $TestDrive 'notes.mbox'; Set-Content $f "Shopping list`nmilk`neggs"; Import-Mailbox -Session $session -Path $f -Format Mbox -Folder Imported } }
        @{ Row = 'import folder that is not a mailbox (Maildir)'; ErrorId = 'MailToolsImportSourceInvalid'; Category = 'InvalidData'; Names = 'photos'
            Script = { $d = Join-Path $TestDrive 'photos'; $null = New-Item -ItemType Directory $d; Set-Content (Join-Path $d 'a.jpg') 'not a mail'; Import-Mailbox -Session $session -Path $d -Format Maildir -Folder Imported } }
    )
}

BeforeAll {
    . $PSScriptRoot/ReliabilityCommon.ps1
    $script:CaptureName = 'BadInput'
    Clear-Capture
    $server = Start-TestMailServer -Users alice
    $alice = $server.Users[0]
    $untrusted = Start-TestMailServer -Users alice -UntrustedCertificate -NoPop3
    $certServer = Start-TestMailServer -Users alice -NoPop3
    # Quota 40 KB, no MOVE (Dovecot does not count a MOVE against the quota; COPY + delete is what fills it); a folder
    # whose ACL lets its owner only look and read (RFC 4314 rights "lr").
    $aux = Start-TestMailServer -Users alice -NoPop3 -Quota 40k -ImapCapability 'IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SPECIAL-USE NAMESPACE UNSELECT CHILDREN LIST-EXTENDED LIST-STATUS ESEARCH UIDPLUS QUOTA' -ExtraConfig "mail_plugins = `$mail_plugins acl`nprotocol imap {`n  mail_plugins = `$mail_plugins acl imap_acl`n}`nplugin {`n  acl = vfile`n}"
    foreach ($i in 1..3) {
        $text = "From: a@example.com`r`nSubject: big $i`r`nMessage-ID: <big$i@test>`r`n`r`n" + ('z' * 12000) + "`r`n"
        $null = Add-TestMessage -Server $aux -User alice -Bytes ([Text.Encoding]::ASCII.GetBytes($text)) -Date (Get-Date).AddDays(-100)
    }
    $null = Add-TestMessage -Server $aux -User alice -Mailbox Locked -Bytes ([Text.Encoding]::ASCII.GetBytes("Subject: locked`r`n`r`nx`r`n")) -Date (Get-Date).AddDays(-100)
    $lockedDir = (Invoke-TestDoveadm $aux mailbox path -u alice Locked | Select-Object -First 1).Trim()
    Set-Content -LiteralPath (Join-Path $lockedDir 'dovecot-acl') -Value 'owner lr' -Encoding ascii
    if ($aux.MailUid) { & chown "$($aux.MailUid):$($aux.MailGid)" (Join-Path $lockedDir 'dovecot-acl') }

    $session = Connect-Rel -Server $server
    $auxSession = Connect-Rel -Server $aux
    function New-Policy([string] $Name, [string] $Text) {
        $p = Join-Path $TestDrive $Name; Set-Content -LiteralPath $p -Value $Text -Encoding utf8NoBOM; $p
    }
    $table = [Collections.Generic.List[object]]::new()
}

AfterAll {
    Save-ScenarioResult -Scenario 'bad-input' -Title 'Bad input: one ErrorRecord with category, ErrorId and a useful message' -Trials $table.Count `
        -Failures @($table | Where-Object { -not $_.Passed }).Count -Rows @($table)
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    foreach ($s in $server, $untrusted, $certServer, $aux) { if ($s) { Stop-TestMailServer $s } }
}

Describe 'Bad input' {
    It '<Row>: <Category>, <ErrorId>, a message naming what is wrong' -ForEach $rows {
        $err = $null
        try { $ErrorActionPreference = 'Stop'; $null = & $Script } catch { $err = $_ }
        $ErrorActionPreference = 'Continue'
        if ($err) { Add-CapturedError $err }
        $message = if ($err) { "$($err.Exception.Message)" } else { '(no error)' }
        $table.Add([pscustomobject]@{ Row = $Row; Category = "$($err.CategoryInfo.Category)"; ErrorId = "$(($err.FullyQualifiedErrorId -split ',')[0])"
                Message = ($message -replace '\s+', ' '); Recommended = "$($err.ErrorDetails.RecommendedAction)"
                Passed = $null -ne $err -and $err.FullyQualifiedErrorId -like "$ErrorId*" -and "$($err.CategoryInfo.Category)" -eq $Category -and "$message $($err.ErrorDetails.RecommendedAction)" -match $Names })
        $err | Should -Not -BeNullOrEmpty -Because "'$Row' must fail"
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        "$message $($err.ErrorDetails.RecommendedAction)" | Should -Match $Names
        # Never a raw stack trace in what the user reads.
        $message | Should -Not -Match '\s+at [\w.]+\(|--- End of'
        $err.ErrorDetails.RecommendedAction + $message | Should -Not -BeNullOrEmpty
    }

    It 'policy errors say each problem once, with its own line, in plain words' {
        $cases = @(
            @{ Name = 'twice.psd1'; Text = "@{ Rules = @( @{ Folders = 'INBOX'; OlderThan = '30d' " }
            @{ Name = 'types.json'; Text = '{ "Rules": [ { "Folders": "INBOX", "OlderThan": "30d", "From": 5, "Read": "yes" } ] }' }
            @{ Name = 'comma.json'; Text = "{ `"Rules`": [ { `"Folders`": [`"INBOX`",,], `"OlderThan`": `"30d`" } ] }" }
            @{ Name = 'age.json'; Text = '{ "Rules": [ { "Folders": "INBOX", "OlderThan": "99999y" } ] }' }
        )
        foreach ($case in $cases) {
            $err = $null
            try { Invoke-MailCleanup -Session $session -Policy (New-Policy $case.Name $case.Text) -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsInvalidPolicy*'
            $message = $err.Exception.Message
            $message | Should -Not -Match 'line \d+, line \d+' -Because $case.Name
            $message | Should -Not -Match 'reader options|LineNumber|System\.' -Because $case.Name
            $problems = @($message.Substring($message.IndexOf(': ') + 2) -split '; ')
            @($problems | Select-Object -Unique).Count | Should -Be $problems.Count -Because "$($case.Name) must not repeat a problem: $message"
        }
        # The age is named as too large, not as something that is not an age.
        $err = $null
        try { Invoke-MailCleanup -Session $session -Policy (New-Policy 'age2.json' $cases[3].Text) -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
        $err.Exception.Message | Should -Match "'99999y' is too large"
    }

    It 'never shows a password in any of these errors or protocol logs' {
        Find-SecretLeak -Servers $server, $untrusted, $certServer, $aux | Should -BeNullOrEmpty
        $table.Count | Should -BeGreaterThan 20
    }
}
