# Saved account profiles, safe credentials, many accounts through one pipeline, and the run summary.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    $server = Start-TestMailServer -Users reiki, therapy, fhtgroup, pawsome -Profile Small
    $savedConfig = $env:MAILTOOLS_CONFIG
    $savedVault = $env:MAILTOOLS_STANDIN_VAULT

    function Use-FreshConfig {
        $dir = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $dir | Out-Null
        $env:MAILTOOLS_CONFIG = Join-Path $dir 'accounts.json'
        $env:MAILTOOLS_STANDIN_VAULT = Join-Path $dir 'vault'
        return $env:MAILTOOLS_CONFIG
    }

    function Register-TestAccount($User, [switch] $WithPassword) {
        $extra = @{}
        if ($WithPassword) { $extra.Credential = $User.Credential }
        Register-MailAccount -Name $User.UserName -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect `
            -UserName $User.UserName -Pop3Port $server.Pop3sPort @extra
    }

    function Get-StandInSecrets {
        $file = Join-Path $env:MAILTOOLS_STANDIN_VAULT 'secrets.json'
        if (Test-Path $file) { Get-Content $file -Raw | ConvertFrom-Json } else { $null }
    }
}

AfterAll {
    Disconnect-MailServer -All
    Remove-Module SecretManagement.StandIn -ErrorAction Ignore
    $env:MAILTOOLS_CONFIG = $savedConfig
    $env:MAILTOOLS_STANDIN_VAULT = $savedVault
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Account profiles' {
    BeforeEach {
        Remove-Module SecretManagement.StandIn -ErrorAction Ignore
        $config = Use-FreshConfig
    }

    It 'registers, gets (with wildcards), sets and unregisters an account' {
        Register-MailAccount -Name 'shop' -Server 'imap.pawsome.example' -UserName 'shop@pawsome.example' -Pop3Server 'pop.pawsome.example'
        Register-MailAccount -Name 'school' -Server 'imap.reiki.example' -UserName 'info@reiki.example' -Protocol Pop3 -Port 995

        $all = @(Get-MailAccount)
        $all.Name | Should -Be @('school', 'shop')
        (Get-MailAccount 'sh*').Server | Should -Be 'imap.pawsome.example'
        (Get-MailAccount school).Protocol | Should -Be 'Pop3'
        (Get-MailAccount school).Port | Should -Be 995

        Set-MailAccount -Name shop -Server 'mail.pawsome.example' -Port 10993
        $shop = Get-MailAccount shop
        $shop.Server | Should -Be 'mail.pawsome.example'
        $shop.Port | Should -Be 10993
        $shop.UserName | Should -Be 'shop@pawsome.example'   # untouched
        $shop.Pop3Server | Should -Be 'pop.pawsome.example'  # untouched

        Get-MailAccount shop | Unregister-MailAccount -Confirm:$false
        @(Get-MailAccount).Name | Should -Be @('school')
        # A fresh reader of the file sees the same thing (it was really written).
        ((Get-Content $config -Raw | ConvertFrom-Json).accounts).name | Should -Be @('school')
    }

    It 'refuses to register the same name twice unless -Force' {
        Register-MailAccount -Name 'shop' -Server 'a.example' -UserName 'u'
        Register-MailAccount -Name 'shop' -Server 'b.example' -UserName 'u' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAccountExists,*'
        (Get-MailAccount shop).Server | Should -Be 'a.example'
        Register-MailAccount -Name 'shop' -Server 'b.example' -UserName 'u' -Force
        (Get-MailAccount shop).Server | Should -Be 'b.example'
    }

    It 'reports an unknown account name clearly' {
        Get-MailAccount 'nobody' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAccountNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($config))
    }

    It 'honours -WhatIf' {
        Register-MailAccount -Name 'shop' -Server 'a.example' -UserName 'u' -WhatIf
        $config | Should -Not -Exist
    }

    It 'Unregister-MailAccount asks first (ConfirmImpact High), takes wildcards, and -WhatIf names each account' {
        foreach ($n in 'test-a', 'test-b', 'keep') { Register-MailAccount -Name $n -Server 'a.example' -UserName "$n@a.example" }
        (Get-Command Unregister-MailAccount).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $out = Invoke-FreshPwsh "`$env:MAILTOOLS_CONFIG = '$config'; Import-Module '$ModulePath'; Unregister-MailAccount 'test*' -WhatIf"
        @($out | Where-Object { $_ -match '^What if:' }).Count | Should -Be 2
        ($out -join "`n") | Should -Match 'test-a \(test-a@a\.example'
        ($out -join "`n") | Should -Match 'test-b \(test-b@a\.example'
        @(Get-MailAccount).Name | Should -Be @('keep', 'test-a', 'test-b')
        # Without -Confirm:$false a non-interactive session cannot be asked, so nothing is removed.
        $out = Invoke-FreshPwsh "`$env:MAILTOOLS_CONFIG = '$config'; Import-Module '$ModulePath'; Unregister-MailAccount 'test*'; 'left=' + (@(Get-MailAccount).Name -join ',')"
        ($out -join "`n") | Should -Match 'left=keep,test-a,test-b'
        Unregister-MailAccount 'test*', 'nobody' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        @(Get-MailAccount).Name | Should -Be @('keep')
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAccountNotFound,*'
    }

    It 'never writes a password into the profile file' {
        Import-Module (Join-Path $PSScriptRoot 'StandIns/SecretManagement.StandIn.psm1') -Force
        foreach ($u in $server.Users) { Register-TestAccount $u -WithPassword }
        Set-MailAccount -Name $server.Users[0].UserName -Credential $server.Users[0].Credential
        $text = Get-Content $config -Raw
        foreach ($u in $server.Users) {
            foreach ($secret in Get-SecretForms -UserName $u.UserName -Password $u.Password) {
                $text.Contains($secret) | Should -BeFalse
            }
        }
        (Get-MailAccount).CredentialStore | Sort-Object -Unique | Should -Be 'SecretManagement'
    }

    It 'keeps the password in a SecretManagement vault (stand-in module) and connects with it' {
        Import-Module (Join-Path $PSScriptRoot 'StandIns/SecretManagement.StandIn.psm1') -Force
        $u = $server.Users[1]
        Register-TestAccount $u -WithPassword
        $secrets = Get-StandInSecrets
        $secrets."MailTools/$($u.UserName)".Password | Should -Be $u.Password
        $session = Connect-MailServer -Account $u.UserName
        try {
            $session.IsConnected | Should -BeTrue
            $session.Account | Should -Be $u.UserName
            (Get-MailFolder INBOX).Account | Should -Be $u.UserName
        }
        finally { Disconnect-MailServer $session }

        Unregister-MailAccount $u.UserName -Confirm:$false
        (Get-StandInSecrets)."MailTools/$($u.UserName)" | Should -BeNullOrEmpty
    }

    It 'without a vault keeps no password, says how to get one, and asks for it when connecting' {
        $u = $server.Users[2]
        Register-MailAccount -Name $u.UserName -Server $server.Host -Port $server.ImapsPort -Security SslOnConnect `
            -UserName $u.UserName -Credential $u.Credential -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match 'SecretManagement'
        (Get-MailAccount $u.UserName).CredentialStore | Should -Be 'None'

        # The prompt path: Connect-MailServer asks through Get-Credential. A global function stands in for the
        # person answering the prompt (functions win over cmdlets in command lookup).
        $global:promptCount = 0
        $global:promptAnswer = $u.Credential
        function global:Get-Credential { $global:promptCount++; $global:promptAnswer }
        try {
            $session = Connect-MailServer -Account $u.UserName
            try { $session.IsConnected | Should -BeTrue } finally { Disconnect-MailServer $session }
            $global:promptCount | Should -Be 1

            # No prompt possible (a scheduled task) and no -Credential: a clear error that says how to get a vault.
            function global:Get-Credential { throw 'PowerShell is in NonInteractive mode.' }
            $null = Connect-MailServer -Account $u.UserName -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsCredentialMissing,*'
            $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Register-SecretVault'
        }
        finally {
            Remove-Item function:global:Get-Credential -ErrorAction Ignore
        }

        # -Credential always works.
        $session = Connect-MailServer -Account $u.UserName -Credential $u.Credential
        try { $session.IsConnected | Should -BeTrue } finally { Disconnect-MailServer $session }
    }

    It 'refuses a -Credential for another user beside a saved account: no login is tried, the password goes nowhere' {
        $owner = $server.Users[0]; $other = $server.Users[1]
        Register-TestAccount $owner
        Register-TestAccount $other
        $attempts = { @(Get-Content -LiteralPath $server.LogPath | Where-Object { $_ -match "passwd-file\($([regex]::Escape($other.UserName)),|user=<$([regex]::Escape($other.UserName))>" }).Count }
        $before = & $attempts

        $session = Connect-MailServer -Account $other.UserName -Credential $owner.Credential -ErrorAction SilentlyContinue -ErrorVariable refused
        $session | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsCredentialUserMismatch,*'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused[0].Exception.Message | Should -Match ([regex]::Escape($owner.UserName))
        $refused[0].Exception.Message | Should -Match ([regex]::Escape($other.UserName))
        $refused[0].Exception.Message | Should -Not -Match ([regex]::Escape($owner.Password))
        $refused[0].ErrorDetails.RecommendedAction | Should -Match 'Get-Credential'

        # One credential piped past every saved account opens only the account it belongs to.
        $sessions = @(Get-MailAccount | Connect-MailServer -Credential $owner.Credential -ErrorAction SilentlyContinue -ErrorVariable sprayed)
        try {
            $sessions.Count | Should -Be 1
            $sessions[0].UserName | Should -Be $owner.UserName
            @($sprayed | Where-Object FullyQualifiedErrorId -Like 'MailToolsCredentialUserMismatch,*').Count | Should -Be 1
        }
        finally { Disconnect-MailServer -All }

        # Test-MailAccount reports the refusal as its result.
        $result = Test-MailAccount -Name $other.UserName -Credential $owner.Credential
        $result.Success | Should -BeFalse
        $result.ErrorId | Should -Be 'MailToolsCredentialUserMismatch'

        Start-Sleep -Milliseconds 500
        & $attempts | Should -Be $before -Because "the server must never see $($other.UserName) with another user's password"

        # A credential for the account's own user (any case) still works.
        $same = [pscredential]::new($other.UserName.ToUpperInvariant(), $other.Credential.Password)
        $session = Connect-MailServer -Account $other.UserName -Credential $same
        try { $session.UserName | Should -Be $other.UserName } finally { Disconnect-MailServer $session }
    }

    It 'reports a hand-edited, broken file with its path and line, and never overwrites it' {
        Register-MailAccount -Name 'shop' -Server 'a.example' -UserName 'u'
        $lines = Get-Content $config
        $lines[3] = $lines[3] + ' oops'
        Set-Content -Path $config -Value $lines
        $before = (Get-FileHash $config).Hash

        # A broken profile file stops the command (nothing sensible can run without it).
        $err = $null
        try { Get-MailAccount } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsAccountFileInvalid,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match ([regex]::Escape($config))
        $err.Exception.Message | Should -Match 'line 4'

        Register-MailAccount -Name 'other' -Server 'b.example' -UserName 'u' -ErrorAction SilentlyContinue
        Set-MailAccount -Name 'shop' -Server 'c.example' -ErrorAction SilentlyContinue
        (Get-FileHash $config).Hash | Should -Be $before
    }

    It 'names an unknown key in a hand-edited file' {
        Register-MailAccount -Name 'shop' -Server 'a.example' -UserName 'u'
        (Get-Content $config -Raw) -replace '"server"', '"sever"' | Set-Content $config
        $err = $null
        try { Get-MailAccount } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MailToolsAccountFileInvalid,*'
        $err.Exception.Message | Should -Match 'sever'
    }

    It 'completes account names' {
        Register-MailAccount -Name 'pawsome-shop' -Server 'a.example' -UserName 'u'
        $completion = TabExpansion2 -inputScript 'Connect-MailServer -Account paw' -cursorColumn 'Connect-MailServer -Account paw'.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'pawsome-shop'
    }
}

Describe 'Many accounts through one pipeline' {
    BeforeAll {
        Remove-Module SecretManagement.StandIn -ErrorAction Ignore
        $null = Use-FreshConfig
        Import-Module (Join-Path $PSScriptRoot 'StandIns/SecretManagement.StandIn.psm1') -Force
        foreach ($u in $server.Users) { Register-TestAccount $u -WithPassword }
    }
    AfterAll { Disconnect-MailServer -All }

    It 'Test-MailAccount reports every account, a wrong password as a result and not an exception' {
        $bad = $server.Users[3]
        Set-MailAccount -Name $bad.UserName -Credential ([pscredential]::new($bad.UserName, (ConvertTo-SecureString 'wrong-password' -AsPlainText -Force)))
        try {
            $results = @(Test-MailAccount)
            $results.Count | Should -Be 4
            @($results | Where-Object Success).Count | Should -Be 3
            $failed = $results | Where-Object { -not $_.Success }
            $failed.Account | Should -Be $bad.UserName
            $failed.ErrorId | Should -Be 'MailToolsAuthenticationFailed'
            foreach ($ok in $results | Where-Object Success) {
                $expected = Get-TestMailboxStatus -Server $server -User $ok.Account
                $ok.Messages | Should -Be ($expected | Measure-Object Messages -Sum).Sum
                $ok.Folders | Should -Be @($expected).Count
                $ok.Capabilities | Should -Contain 'ListStatus'
            }
        }
        finally { Set-MailAccount -Name $bad.UserName -Credential $bad.Credential }
    }

    It 'Get-MailAccount | Connect-MailServer | Get-MailFolder gives per-account results; one wrong password fails alone and is counted' {
        $bad = $server.Users[0]
        Set-MailAccount -Name $bad.UserName -Credential ([pscredential]::new($bad.UserName, (ConvertTo-SecureString 'wrong-password' -AsPlainText -Force)))
        try {
            Get-MailRunSummary -Reset | Out-Null
            $folders = @(Get-MailAccount | Connect-MailServer -ErrorVariable connectErrors -ErrorAction SilentlyContinue | Get-MailFolder)
            $connectErrors.Count | Should -Be 1
            $connectErrors[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsAuthenticationFailed,*'
            $accounts = $folders.Account | Sort-Object -Unique
            $accounts | Should -Be @($server.Users[1..3].UserName | Sort-Object)
            foreach ($name in $accounts) {
                @($folders | Where-Object Account -eq $name).Count | Should -Be @(Get-TestMailboxStatus -Server $server -User $name).Count
            }
            $summary = Get-MailRunSummary
            $summary.Succeeded | Should -Be 3
            $summary.Failed | Should -Be 1
            $summary.FailedAccounts | Should -Be @($bad.UserName)
            $summary.Failures[0].ErrorId | Should -Be 'MailToolsAuthenticationFailed'
            $summary.ExitCode | Should -Be 1
        }
        finally {
            Set-MailAccount -Name $bad.UserName -Credential $bad.Credential
            Disconnect-MailServer -All
        }
    }

    It 'cleans and exports four accounts through one pipeline; one wrong password fails alone and the summary counts it' {
        $bad = $server.Users[2]
        Set-MailAccount -Name $bad.UserName -Credential ([pscredential]::new($bad.UserName, (ConvertTo-SecureString 'wrong-password' -AsPlainText -Force)))
        try {
            Get-MailRunSummary -Reset | Out-Null
            $good = @($server.Users | Where-Object UserName -ne $bad.UserName)
            $junkBefore = @{}
            foreach ($u in $server.Users) { $junkBefore[$u.UserName] = (Get-TestMailboxStatus -Server $server -User $u.UserName -Mailbox Junk).Messages }

            $sessions = @(Get-MailAccount | Connect-MailServer -ErrorVariable connectErrors -ErrorAction SilentlyContinue)
            $sessions.Count | Should -Be 3
            $cleaned = @($sessions | Invoke-MailCleanup -Folder '@Junk' -OlderThan 0 -Action Delete -Force)
            $exported = @($sessions | Export-Mailbox -Path (Join-Path $TestDrive 'all-accounts') -Folder INBOX)

            ($cleaned.Account | Sort-Object -Unique) | Should -Be @($good.UserName | Sort-Object)
            ($exported.Account | Sort-Object -Unique) | Should -Be @($good.UserName | Sort-Object)
            foreach ($u in $good) {
                # What the server says, not our counters: Junk emptied (nothing there is flagged in the seed), INBOX exported in full.
                $flaggedJunk = @(Invoke-TestDoveadm $server search -u $u.UserName mailbox Junk FLAGGED).Count
                (Get-TestMailboxStatus -Server $server -User $u.UserName -Mailbox Junk).Messages | Should -Be $flaggedJunk
                ($cleaned | Where-Object Account -eq $u.UserName | Measure-Object Acted -Sum).Sum | Should -Be ($junkBefore[$u.UserName] - $flaggedJunk)
                ($exported | Where-Object Account -eq $u.UserName).Exported | Should -Be (Get-TestMailboxStatus -Server $server -User $u.UserName -Mailbox INBOX).Messages
                Join-Path $TestDrive 'all-accounts' | Join-Path -ChildPath $u.UserName | Should -Exist
            }
            (Get-TestMailboxStatus -Server $server -User $bad.UserName -Mailbox Junk).Messages | Should -Be $junkBefore[$bad.UserName]

            $summary = Get-MailRunSummary
            $summary.Succeeded | Should -Be 3
            $summary.Failed | Should -Be 1
            $summary.FailedAccounts | Should -Be @($bad.UserName)
            $summary.ExitCode | Should -Be 1
        }
        finally {
            Set-MailAccount -Name $bad.UserName -Credential $bad.Credential
            Disconnect-MailServer -All
        }
    }

    It 'compares IMAP and POP3 for saved accounts from the pipeline, each result carrying its account' {
        $two = @(Get-MailAccount | Select-Object -First 2)
        $comparisons = @($two | Compare-MailProtocol)
        $comparisons.Count | Should -Be 2
        ($comparisons.Account | Sort-Object) | Should -Be @($two.Name | Sort-Object)
        foreach ($c in $comparisons) {
            $c.Pop3Count | Should -Be (Get-TestMailboxStatus -Server $server -User $c.Account -Mailbox INBOX).Messages
            $c.ImapMessageCount | Should -Be ((Get-TestMailboxStatus -Server $server -User $c.Account) | Measure-Object Messages -Sum).Sum
        }
    }

    It 'connects one account over POP3 with -Protocol, using its POP3 port' {
        $u = $server.Users[1]
        $pop = Connect-MailServer -Account $u.UserName -Protocol Pop3
        try {
            $pop.Protocol | Should -Be 'Pop3'
            $pop.Port | Should -Be $server.Pop3sPort
            (Get-MailFolder -Session $pop).Count | Should -Be (Get-TestMailboxStatus -Server $server -User $u.UserName -Mailbox INBOX).Messages
        }
        finally { Disconnect-MailServer $pop }
    }

    It 'works from ForEach-Object -Parallel: each runspace opens its own session' {
        $module = $ModulePath
        $standIn = Join-Path $PSScriptRoot 'StandIns/SecretManagement.StandIn.psm1'
        $results = Get-MailAccount | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:module
            Import-Module $using:standIn
            $session = Connect-MailServer -Account $_.Name -ErrorAction Stop
            [pscustomobject]@{ Account = $session.Account; Messages = (Get-MailFolder -Session $session | Measure-Object Count -Sum).Sum; Runspace = [runspace]::DefaultRunspace.Id }
            Disconnect-MailServer $session
        }
        @($results).Count | Should -Be 4
        ($results.Runspace | Sort-Object -Unique).Count | Should -BeGreaterThan 1
        foreach ($r in $results) {
            $r.Messages | Should -Be ((Get-TestMailboxStatus -Server $server -User $r.Account) | Measure-Object Messages -Sum).Sum
        }
    }

    It 'refuses to use one session from two threads at once' {
        $session = Connect-MailServer -Account $server.Users[1].UserName
        try {
            $outcomes = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:ModulePath
                try { Get-MailFolder -Session $using:session -ErrorAction Stop | Out-Null; 'ok' }
                catch { $_.FullyQualifiedErrorId }
            }
            # Every call either ran alone or was refused with the busy error: never a corrupted shared socket.
            $outcomes | Where-Object { $_ -ne 'ok' } | ForEach-Object { $_ | Should -BeLike 'MailToolsSessionBusy,*' }
            (Get-MailFolder -Session $session -Name INBOX).Count | Should -Be (Get-TestMailboxStatus -Server $server -User $server.Users[1].UserName -Mailbox INBOX).Messages
        }
        finally { Disconnect-MailServer $session }
    }
}

Describe 'Eight accounts in parallel' {
    It 'ForEach-Object -Parallel -ThrottleLimit 8 leaves the same server state as cleaning one by one' {
        # Two servers seeded identically (same users, profile and seed): one cleaned one account at a time, one in parallel.
        $names = 1..8 | ForEach-Object { "acct$_" }
        $sequential = Start-TestMailServer -Users $names -Profile Small
        $parallel = Start-TestMailServer -Users $names -Profile Small
        try {
            function Get-State($TestServer) {
                # Per account and folder: every remaining message's received date, size and flags, sorted.
                foreach ($n in $names) {
                    Invoke-TestDoveadm $TestServer -f tab fetch -u $n 'mailbox date.received size.virtual flags' all | Select-Object -Skip 1 |
                        ForEach-Object { "$n`t$_" } | Sort-Object
                }
            }
            (Get-State $sequential) | Should -Be (Get-State $parallel) -Because 'the two servers start identical'
            $rule = @{ Folder = 'INBOX', 'Newsletters'; OlderThan = '180d'; Action = 'Trash' }

            foreach ($u in $sequential.Users) {
                $s = Connect-MailServer -Server $sequential.Host -Port $sequential.ImapsPort -Security SslOnConnect -Credential $u.Credential
                $null = Invoke-MailCleanup -Session $s @rule -Force
                Disconnect-MailServer $s
            }
            $module = $ModulePath
            $outcome = $parallel.Users | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:module
                $rule = $using:rule
                $s = Connect-MailServer -Server ($using:parallel).Host -Port ($using:parallel).ImapsPort -Security SslOnConnect -Credential $_.Credential
                $r = @(Invoke-MailCleanup -Session $s @rule -Force)
                Disconnect-MailServer $s
                [pscustomobject]@{ Account = $s.Account; Acted = ($r | Measure-Object Acted -Sum).Sum }
            }
            @($outcome).Count | Should -Be 8
            ($outcome | Measure-Object Acted -Sum).Sum | Should -BeGreaterThan 0
            $after = Get-State $parallel
            $after | Should -Be (Get-State $sequential)
            $after | Should -Not -Be $null
        }
        finally {
            Stop-TestMailServer $sequential
            Stop-TestMailServer $parallel
        }
    }
}
