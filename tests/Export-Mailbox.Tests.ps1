# Export-Mailbox against a real Dovecot (Edge profile: From_ lines, 8-bit, binary, a >20 MB message, odd folder names).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestCommon.ps1')
    $server = Start-TestMailServer -Users alice, bob, carol -Profile Edge
    $session = Connect-TestSession -Server $server

    # The server's own bytes: BODY[] of every message of every folder, by a separate MailKit client.
    function Get-ServerBodyHash([object] $Server, [int] $UserIndex = 0) {
        $client = [MailKit.Net.Imap.ImapClient]::new()
        $client.CheckCertificateRevocation = $false   # the test CA publishes no CRL
        try {
            $client.Connect($Server.Host, $Server.ImapsPort, [MailKit.Security.SecureSocketOptions]::SslOnConnect)
            $client.Authenticate($Server.Users[$UserIndex].Credential.GetNetworkCredential())
            $sha = [Security.Cryptography.SHA256]::Create()
            foreach ($folder in $client.GetFolders($client.PersonalNamespaces[0])) {
                if ($folder.Attributes.HasFlag([MailKit.FolderAttributes]::NoSelect) -or $folder.Attributes.HasFlag([MailKit.FolderAttributes]::NonExistent)) { continue }
                $null = $folder.Open([MailKit.FolderAccess]::ReadOnly)
                foreach ($uid in $folder.Search([MailKit.Search.SearchQuery]::All)) {
                    $stream = $folder.GetStream($uid, '')
                    try {
                        $hash = [Convert]::ToHexString($sha.ComputeHash($stream)).ToLowerInvariant()
                        $null = $stream.Seek(-1, 'End')
                        # mbox cannot hold a message without a final newline (the From_ separator needs one): noted per message.
                        if ($stream.ReadByte() -ne 10) { $script:NoFinalNewline += $hash }
                        "$($folder.FullName)`t$hash"
                    } finally { $stream.Dispose() }
                }
            }
        } finally { $client.Disconnect($true); $client.Dispose() }
    }

    # The newest manifest line per folder + UID.
    function Get-ManifestHash([string] $Root) {
        $entries = @{}
        foreach ($line in Get-Content (Join-Path $Root 'manifest.jsonl')) {
            $e = $line | ConvertFrom-Json
            $entries["$($e.folder)|$($e.uidValidity)|$($e.uid)$($e.uidl)"] = $e
        }
        $entries.Values | ForEach-Object { "$($_.folder)`t$($_.sha256)" }
    }

    $script:NoFinalNewline = @()
    $serverHashes = @(Get-ServerBodyHash $server | Sort-Object)
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction Ignore
    if ($server) { Stop-TestMailServer $server }
}

Describe 'Export-Mailbox <Format>' -ForEach @(@{ Format = 'Maildir' }, @{ Format = 'Mbox' }, @{ Format = 'Eml' }) {
    BeforeAll {
        $root = Join-Path $TestDrive $Format
        # mbox cannot hold a message without a final newline (see below): -Verify reports that one as an error.
        $results = @(Export-Mailbox -Path $root -Format $Format -Verify -Session $session -ErrorAction SilentlyContinue -ErrorVariable exportErrors)
        $tree = Get-ExportTree $root $session   # one tree per account under -Path
    }

    It 'exports every message with the server''s exact bytes (SHA-256 of BODY[])' {
        $serverHashes.Count | Should -BeGreaterThan 20
        @(Get-ManifestHash $tree | Sort-Object) | Should -Be $serverHashes
        ($results | Measure-Object Exported -Sum).Sum | Should -Be $serverHashes.Count
    }

    It 're-reads every file and finds it matches the manifest (-Verify)' {
        foreach ($r in $results) {
            # Only a message with no final newline can differ in mbox, and -Verify must then say so.
            $expected = -not ($Format -eq 'Mbox' -and $r.Folder -eq 'INBOX' -and $NoFinalNewline.Count -gt 0)
            $r.Verified | Should -Be $expected -Because $r.Folder
        }
        $expectedErrors = if ($Format -eq 'Mbox' -and $NoFinalNewline.Count -gt 0) { 1 } else { 0 }
        @($exportErrors).Count | Should -Be $expectedErrors
        foreach ($e in $exportErrors) { $e.FullyQualifiedErrorId | Should -BeLike 'MailToolsExportVerifyFailed*' }
        $results[0].PSObject.TypeNames[0] | Should -Be 'MailTools.ExportResult'
    }

    It 'writes every file inside -Path, whatever the folder names' {
        $full = [IO.Path]::GetFullPath($root) + [IO.Path]::DirectorySeparatorChar
        Get-ChildItem -LiteralPath $TestDrive -Recurse -File | Where-Object FullName -notlike "$full*" | Where-Object FullName -notlike '*Maildir*' |
            Where-Object FullName -notlike '*Mbox*' | Where-Object FullName -notlike '*Eml*' | Should -BeNullOrEmpty
        Get-ChildItem -LiteralPath $root -Recurse -File | ForEach-Object { $_.FullName | Should -BeLike "$full*" }
        Get-ChildItem -LiteralPath $root -Recurse -Filter '*.tmp' | Should -BeNullOrEmpty
    }

    It 'transfers no message body on a second run of an unchanged mailbox' {
        $again = @(Export-Mailbox -Path $root -Format $Format -Session $session)
        ($again | Measure-Object Exported -Sum).Sum | Should -Be 0
        ($again | Measure-Object Bytes -Sum).Sum | Should -Be 0
        ($again | Measure-Object Skipped -Sum).Sum | Should -Be $serverHashes.Count
    }
}

Describe 'Export-Mailbox read by other programs' {
    BeforeAll {
        $md = Join-Path $TestDrive 'py-maildir'; $mb = Join-Path $TestDrive 'py-mbox'
        $null = Export-Mailbox -Path $md -Folder INBOX -Session $session
        $null = Export-Mailbox -Path $mb -Folder INBOX -Format Mbox -Session $session
        $md = Get-ExportTree $md $session; $mb = Get-ExportTree $mb $session
        $inbox = @($serverHashes | Where-Object { $_ -like "INBOX`t*" } | ForEach-Object { ($_ -split "`t")[1] } | Sort-Object)
    }

    It 'Python''s mailbox module opens the Maildir and the mbox and finds the same messages' {
        $py = @'
import sys, mailbox, hashlib, re
md = mailbox.Maildir(sys.argv[1], factory=None)
mb = mailbox.mbox(sys.argv[2])
for k in md.keys(): print("md", hashlib.sha256(md.get_bytes(k)).hexdigest())
for k in mb.keys(): print("mb", hashlib.sha256(re.sub(rb"(?m)^>(>*From )", rb"\1", mb.get_bytes(k))).hexdigest())
'@
        $out = @(& python3 -c $py $md (Join-Path $mb 'INBOX.mbox'))
        $LASTEXITCODE | Should -Be 0
        @($out | Where-Object { $_ -like 'md *' } | ForEach-Object { $_.Substring(3) } | Sort-Object) | Should -Be $inbox
        $mbox = @($out | Where-Object { $_ -like 'mb *' } | ForEach-Object { $_.Substring(3) })
        $mbox.Count | Should -Be $inbox.Count
        @($inbox | Where-Object { $_ -notin $mbox }) | ForEach-Object { $_ | Should -BeIn $NoFinalNewline }
    }
}

Describe 'Export-Mailbox loaded by Dovecot itself' {
    It 'doveadm import loads the Maildir export into another user and doveadm fetch gives the same bytes' {
        $md = Join-Path $TestDrive 'dove-maildir'
        $null = Export-Mailbox -Path $md -Session $session
        $md = Get-ExportTree $md $session
        # Dovecot keeps its uidlist in CONTROL and its index in memory, so it writes nothing into the export;
        # UTF-8: our Maildir++ folder names are UTF-8 on disk (Dovecot's default is modified UTF-7).
        $control = Join-Path $TestDrive 'dove-control'
        $null = New-Item -ItemType Directory -Path $control
        if ((id -u) -eq '0') { & chown "$($server.MailUid):$($server.MailGid)" $control }
        $bob = $server.Users[1].UserName
        $null = Invoke-TestDoveadm $server import -u $bob "maildir:${md}:INDEX=MEMORY:CONTROL=${control}:UTF-8" restored all
        # doveadm fetch prints "size.physical: N", "text:", then N bytes as stored (LF line ends); IMAP serves them as CRLF.
        $py = @'
import sys, subprocess, hashlib, re
out = subprocess.run(sys.argv[1:], capture_output=True, check=True).stdout
head = re.compile(rb'size\.physical: (\d+)\ntext:\n')
pos = 0
while pos < len(out):
    m = head.match(out, pos)
    if not m: sys.exit("unparsed doveadm output at %d: %r" % (pos, out[pos:pos+60]))
    text = out[m.end():m.end() + int(m.group(1))]
    pos = m.end() + len(text)
    while out[pos:pos+1] in (b"\n", b"\x0c"): pos += 1
    print(hashlib.sha256(re.sub(rb"(?<!\r)\n", b"\r\n", text)).hexdigest())
'@
        $doveadm = (Get-Command doveadm).Source
        $fetched = @(& python3 -c $py $doveadm -c $server.ConfigPath -f pager fetch -u $bob 'size.physical text' mailbox 'restored/*' | Sort-Object)
        $LASTEXITCODE | Should -Be 0
        $fetched | Should -Be @($serverHashes | ForEach-Object { ($_ -split "`t")[1] } | Sort-Object)
    }
}

Describe 'Export-Mailbox incremental and round trip' {
    It 'exports exactly the 10 new messages after 10 arrive' {
        $root = Join-Path $TestDrive 'incremental'
        $null = Export-Mailbox -Path $root -Folder INBOX -Session $session
        # Ten new mails, delivered with one MULTIAPPEND by Import-Mailbox.
        $new = Join-Path $TestDrive 'ten-new'
        $null = New-Item -ItemType Directory -Path $new
        1..10 | ForEach-Object {
            [IO.File]::WriteAllText((Join-Path $new "$_.eml"), "From: a@example.com`r`nSubject: new $_`r`nMessage-ID: <new-$_@example.com>`r`n`r`nbody $_`r`n")
        }
        (Import-Mailbox -Path $new -Folder INBOX -Session $session).Imported | Should -Be 10
        $second = Export-Mailbox -Path $root -Folder INBOX -Session $session -Verify
        $second.Exported | Should -Be 10
        $second.Verified | Should -BeTrue
    }

    It 'Export -> Import into an empty account -> Export gives byte-identical message sets, Edge messages included' {
        $first = Join-Path $TestDrive 'rt-1'; $second = Join-Path $TestDrive 'rt-2'
        $null = Export-Mailbox -Path $first -Session $session
        $carolName = $server.Users[2].UserName
        $null = Invoke-TestDoveadm $server expunge -u $carolName mailbox '*' all   # an empty account
        $carol = Connect-TestSession -Server $server -UserIndex 2
        $imported = @(Import-Mailbox -Path (Get-ExportTree $first $session) -Session $carol)
        ($imported | Measure-Object Failed -Sum).Sum | Should -Be 0
        $null = Export-Mailbox -Path $second -Session $carol
        $before = @(Get-ManifestHash (Get-ExportTree $first $session) | Sort-Object)
        $before.Count | Should -BeGreaterThan 20
        @(Get-ManifestHash (Get-ExportTree $second $carol) | Sort-Object) | Should -Be $before
        ($imported | Measure-Object Imported -Sum).Sum | Should -Be $before.Count
    }

    It 'detects a UIDVALIDITY change, reports it, and re-synchronises without duplicates or losses' {
        $root = Join-Path $TestDrive 'uidvalidity'
        $null = Export-Mailbox -Path $root -Folder INBOX -Session $session
        $files = @(Get-ChildItem -LiteralPath (Join-Path (Get-ExportTree $root $session) 'cur') -File).Count
        $old = (Get-TestMailboxStatus -Server $server -User $server.Users[0].UserName -Mailbox INBOX).UidValidity
        $null = Invoke-TestDoveadm $server mailbox update -u $server.Users[0].UserName --uid-validity ($old + 1000) INBOX
        $fresh = Connect-TestSession -Server $server
        $r = Export-Mailbox -Path $root -Folder INBOX -Session $fresh -Verify -WarningVariable warnings -WarningAction SilentlyContinue -Verbose 4>&1 |
            Where-Object { $_ -is [MailTools.ExportResult] }
        $r.UidValidityChanged | Should -BeTrue
        $r.UidValidity | Should -Be ($old + 1000)
        "$warnings" | Should -Match 'UIDVALIDITY of .INBOX. .* changed from'
        $r.Exported | Should -Be 0          # every message is already there (Message-ID + size, or size + SHA-256)
        $r.Verified | Should -BeTrue
        @(Get-ChildItem -LiteralPath (Join-Path (Get-ExportTree $root $session) 'cur') -File).Count | Should -Be $files
        $r.Skipped | Should -Be (Get-TestMailboxStatus -Server $server -User $server.Users[0].UserName -Mailbox INBOX).Messages
    }

    It 'exports exactly the messages piped from Get-MailMessage' {
        $root = Join-Path $TestDrive 'piped'
        $picked = @(Get-MailMessage -Folder Clients -Session $session | Select-Object -First 2)
        $picked.Count | Should -Be 2
        $r = @($picked | Export-Mailbox -Path $root -Format Eml)
        $r.Count | Should -Be 1
        $r[0].Exported | Should -Be 2
        $tree = Get-ExportTree $root $session
        $manifest = @(Get-Content (Join-Path $tree 'manifest.jsonl') | ConvertFrom-Json)
        @($manifest.uid | Sort-Object) | Should -Be @($picked.Uid | Sort-Object)
        @(Get-ChildItem -LiteralPath $tree -Recurse -Filter *.eml).Count | Should -Be 2
    }
}

Describe 'Export-Mailbox over several connections' {
    BeforeAll {
        # Every file of an export tree by its path inside the tree, with its SHA-256; the manifest as its sorted lines
        # (folders exported at once append to it in another order).
        function Get-TreeDigest([string] $Tree) {
            $full = [IO.Path]::GetFullPath($Tree).TrimEnd([IO.Path]::DirectorySeparatorChar) + [IO.Path]::DirectorySeparatorChar
            foreach ($f in Get-ChildItem -LiteralPath $Tree -Recurse -File -Force | Sort-Object FullName) {
                $relative = $f.FullName.Substring($full.Length)
                if ($f.Name -eq 'manifest.jsonl') {
                    foreach ($line in Get-Content -LiteralPath $f.FullName | Sort-Object) { "manifest`t$line" }
                } else {
                    "$relative`t$((Get-FileHash -LiteralPath $f.FullName -Algorithm SHA256).Hash)"
                }
            }
        }
    }

    It 'writes the same <Format> export over its default 4 connections as over 1: every file byte for byte, the same manifest and state' -ForEach @(@{ Format = 'Mbox' }, @{ Format = 'Maildir' }) {
        $one = Join-Path $TestDrive "one-$Format"
        $four = Join-Path $TestDrive "four-$Format"
        $s = Connect-TestSession -Server $server
        $a = @(Export-Mailbox -Path $one -Format $Format -Session $s -ConnectionCount 1 -ErrorAction SilentlyContinue)
        Disconnect-MailServer -Session $s
        # Over loopback a folder exports in about the time a connection takes to log in, so which connection takes which
        # folder is a race. 25 ms each way (50 ms round trips) makes it a count of round trips: a further connection logs
        # in after about three, the session's own needs at least three per folder (EXAMINE, UID SEARCH, UID FETCH) for
        # some 15 folders, so the further connections log in early and each takes some folders. No -ConnectionCount:
        # the default is what is tested.
        Import-Module (Join-Path $PSScriptRoot 'TestServer/FaultProxy.psm1') -Force
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs 25
        $protocolLog = Join-Path $TestDrive "lanes-$Format.imap.log"
        try {
            $s = Connect-MailServer -Server 127.0.0.1 -Port $proxy.Port -Security SslOnConnect -Credential $server.Users[0].Credential -ProtocolLogPath $protocolLog
            $b = @(Export-Mailbox -Path $four -Format $Format -Session $s -ErrorAction SilentlyContinue)
            Disconnect-MailServer -Session $s
        } finally { Stop-TestFaultProxy $proxy }
        $a.Count | Should -BeGreaterThan 3
        # Results in the folders' order, whichever connection exported them.
        $b.Folder | Should -Be $a.Folder
        $b.Exported | Should -Be $a.Exported
        # The three further connections logged in once each and exported folders (their protocol logs sit beside the
        # session's, .conn2 to .conn4); no fifth.
        Join-Path $TestDrive "lanes-$Format.imap.conn5.log" | Should -Not -Exist
        foreach ($lane in 2, 3, 4) {
            $log = Join-Path $TestDrive "lanes-$Format.imap.conn$lane.log"
            $log | Should -Exist -Because "the default -ConnectionCount 4 opens connection $lane"
            @(Select-String -LiteralPath $log -Pattern ' S: \S+ OK .*Logged in').Count | Should -Be 1 -Because "connection $lane logs in once"
            @(Select-String -LiteralPath $log -Pattern ' C: \S+ EXAMINE ').Count | Should -BeGreaterThan 0 -Because "connection $lane exports some folders"
        }
        $digestOne = @(Get-TreeDigest (Get-ExportTree $one $session))
        $digestFour = @(Get-TreeDigest (Get-ExportTree $four $session))
        $digestFour.Count | Should -Be $digestOne.Count
        $digestFour | Should -Be $digestOne
        # And the server's bytes (the mailbox as it is now: earlier tests added to it).
        @(Get-ManifestHash (Get-ExportTree $four $session) | Sort-Object) | Should -Be @(Get-ServerBodyHash $server | Sort-Object)
    }

    It 'goes on with the other folders when one fails on its connection, and reports that one' {
        $root = Join-Path $TestDrive 'one-fails'
        $tree = Get-ExportTree $root $session
        $folders = @(Get-MailFolder -Session $session | Where-Object { $_.Count -gt 0 } | ForEach-Object FullName)
        $victim = $folders | Where-Object { $_ -match '^[A-Za-z]+$' -and $_ -ne 'INBOX' } | Select-Object -First 1
        $victim | Should -Not -BeNullOrEmpty
        # A file where that folder's Maildir directory belongs: writing it fails, the other folders must not care.
        $null = New-Item -ItemType Directory -Path $tree -Force
        Set-Content -LiteralPath (Join-Path $tree ".$victim") -Value 'not a directory'
        $r = @(Export-Mailbox -Path $root -Format Maildir -Session $session -Folder $folders -ConnectionCount 2 -ErrorAction SilentlyContinue -ErrorVariable failed)
        @($failed).Count | Should -Be 1
        $failed[0].Exception.Message | Should -BeLike "*$victim*"
        $r.Folder | Should -Be @($folders | Where-Object { $_ -ne $victim })
        @(Get-ManifestHash $tree | Sort-Object) | Should -Be @(Get-ServerBodyHash $server | Sort-Object | Where-Object { $_ -notlike "$victim`t*" })
    }
}

Describe 'Export-Mailbox -WhatIf' {
    BeforeAll {
        $bob = $server.Users[1]
        function Invoke-WhatIf([string] $Root, [string] $Body, [string] $Protocol = 'Imap') {
            # A fresh pwsh: its console host prints the "What if:" lines to stdout.
            $port = if ($Protocol -eq 'Imap') { $server.ImapsPort } else { $server.Pop3sPort }
            @(Invoke-FreshPwsh ("Import-Module '$ModulePath'; " +
                "`$c = [pscredential]::new('$($bob.UserName)', (ConvertTo-SecureString '$($bob.Password)' -AsPlainText -Force)); " +
                "`$s = Connect-MailServer -Server '$($server.Host)' -Port $port -Protocol $Protocol -Security SslOnConnect -Credential `$c; " +
                "`$root = '$Root'; " + $Body) | Where-Object { $_ -match '^What if:' })
        }
    }

    It 'writes nothing under -Path and says per folder how many messages it would export' {
        $root = Join-Path $TestDrive 'whatif'
        $status = @(Get-TestMailboxStatus -Server $server -User $bob.UserName)
        $lines = @(Invoke-WhatIf $root 'Export-Mailbox -Session $s -Path $root -WhatIf; Export-Mailbox -Session $s -Path $root -Folder INBOX -Format Mbox -WhatIf:$true')
        Test-Path -LiteralPath $root | Should -BeFalse -Because '-WhatIf must create no folder, state or manifest'
        $lines.Count | Should -Be ($status.Count + 1)
        $total = 0
        foreach ($line in $lines[0..($status.Count - 1)]) {
            $line | Should -Match "Export (\d+) message\(s\), .* as Maildir"
            $line | Should -Match ([regex]::Escape("$($bob.UserName)@$($server.Host)"))
            $total += [int]([regex]::Match($line, 'Export (\d+) message').Groups[1].Value)
        }
        $total | Should -Be ($status | Measure-Object Messages -Sum).Sum
        $inbox = ($status | Where-Object Mailbox -eq 'INBOX').Messages
        $lines[-1] | Should -Match "Export $inbox message\(s\), .* as Mbox.*'INBOX' of"
    }

    It 'after a real export, previews only what is new and leaves the export untouched' {
        $root = Join-Path $TestDrive 'whatif-after'
        $s = Connect-TestSession -Server $server -UserIndex 1
        try { $null = Export-Mailbox -Session $s -Path $root -Folder INBOX } finally { Disconnect-MailServer $s }
        $null = Add-TestMessage -Server $server -User $bob.UserName -Bytes ([Text.Encoding]::ASCII.GetBytes("From: a@example.org`r`nSubject: new`r`n`r`nnew`r`n"))
        $before = @(Get-ChildItem -LiteralPath $root -Recurse -File | ForEach-Object { "$($_.FullName)|$($_.Length)|$($_.LastWriteTimeUtc.Ticks)" })
        $lines = @(Invoke-WhatIf $root 'Export-Mailbox -Session $s -Path $root -Folder INBOX -WhatIf')
        $lines.Count | Should -Be 1
        $lines[0] | Should -Match 'Export 1 message\(s\).*already exported are skipped'
        @(Get-ChildItem -LiteralPath $root -Recurse -File | ForEach-Object { "$($_.FullName)|$($_.Length)|$($_.LastWriteTimeUtc.Ticks)" }) | Should -Be $before
    }

    It 'previews messages piped from Get-MailMessage, and the POP3 inbox, writing nothing' {
        $root = Join-Path $TestDrive 'whatif-piped'
        $lines = @(Invoke-WhatIf $root 'Get-MailMessage -Session $s -Folder INBOX | Select-Object -First 3 | Export-Mailbox -Path $root -WhatIf')
        $lines.Count | Should -Be 1
        $lines[0] | Should -Match 'Export 3 message\(s\)'
        $pop = @(Invoke-WhatIf $root 'Export-Mailbox -Session $s -Path $root -WhatIf' -Protocol Pop3)
        $pop.Count | Should -Be 1
        $pop[0] | Should -Match "Export $((Get-TestMailboxStatus -Server $server -User $bob.UserName -Mailbox INBOX).Messages) message"
        Test-Path -LiteralPath $root | Should -BeFalse
    }
}

Describe 'Export-Mailbox over POP3' {
    It 'leaves the server untouched by default and deletes only verified copies with -DeleteAfterExport' {
        $pop = Connect-TestSession -Server $server -Protocol Pop3
        $before = (Get-TestMailboxStatus -Server $server -User $server.Users[0].UserName -Mailbox INBOX).Messages
        $root = Join-Path $TestDrive 'pop'
        $r = Export-Mailbox -Path $root -Session $pop -Format Mbox
        $r.Exported | Should -Be $before
        (Get-TestMailboxStatus -Server $server -User $server.Users[0].UserName -Mailbox INBOX).Messages | Should -Be $before
        $d = Export-Mailbox -Path $root -Session $pop -Format Mbox -DeleteAfterExport -Confirm:$false
        $d.Verified | Should -BeTrue
        $d.Deleted | Should -Be $before
        (Get-TestMailboxStatus -Server $server -User $server.Users[0].UserName -Mailbox INBOX).Messages | Should -Be 0
    }

    It 'refuses -DeleteAfterExport over IMAP with a stable ErrorId' {
        Export-Mailbox -Path (Join-Path $TestDrive 'x') -Session $session -DeleteAfterExport -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsInvalidArgument*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Export-Mailbox interrupted' {
    BeforeAll {
        # Random cut points, reproducible from the printed seed ($env:MAILTOOLS_CUT_SEED replays a run).
        $seed = if ($env:MAILTOOLS_CUT_SEED) { [int]$env:MAILTOOLS_CUT_SEED } else { Get-Random -Maximum 1000000 }
        Write-Host "Interruption cut points: seed $seed"
        $rng = [Random]::new($seed)
        $user = $server.Users[0]

        # A separate pwsh that exports alice; killed from here while it runs.
        $childScript = Join-Path $TestDrive 'child-export.ps1'
        Set-Content -LiteralPath $childScript -Value @'
param($ModulePath, $HostName, $Port, $User, $Root, $Format)
Import-Module $ModulePath
$cred = [pscredential]::new($User, (ConvertTo-SecureString $env:MAILTOOLS_CHILD_PASSWORD -AsPlainText -Force))
$s = Connect-MailServer -Server $HostName -Port $Port -Security SslOnConnect -Credential $cred
Export-Mailbox -Path $Root -Format $Format -Session $s | Out-Null
'@

        function Stop-ExportMidway([string] $Root, [string] $Format) {
            $pwsh = @(Get-FreshPwshCommand)
            $psi = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
            foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $childScript, $ModulePath, $server.Host, $server.ImapsPort, $user.UserName, $Root, $Format)) { $psi.ArgumentList.Add("$a") }
            $psi.Environment['MAILTOOLS_CHILD_PASSWORD'] = $user.Password
            $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
            $p = [Diagnostics.Process]::Start($psi)
            try {
                # Wait until it writes, then cut at a random point of the body transfer.
                $deadline = [datetime]::UtcNow.AddSeconds(30)
                while (-not (Test-Path (Join-Path (Get-ExportTree $Root $session) 'mailtools-state')) -and -not $p.HasExited -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
                Start-Sleep -Milliseconds ($rng.Next(0, 600))
            } finally {
                if (-not $p.HasExited) { $p.Kill($true) }
                $p.WaitForExit()
            }
        }

        function Assert-ExportEqualsServer([string] $Root, [string] $Format) {
            $tree = Get-ExportTree $Root $session
            @(Get-ManifestHash $tree | Sort-Object) | Should -Be $serverNow
            # No duplicate: one message on disk per server message, and no half-written file.
            switch ($Format) {
                'Maildir' {
                    @(Get-ChildItem -LiteralPath $tree -Recurse -File -Force | Where-Object { $_.Directory.Name -in 'cur', 'new' }).Count | Should -Be $serverNow.Count
                    @(Get-ChildItem -LiteralPath $tree -Recurse -File -Force | Where-Object { $_.Directory.Name -eq 'tmp' }) | Should -BeNullOrEmpty
                }
                'Mbox' {
                    $count = 0
                    foreach ($f in Get-ChildItem -LiteralPath $tree -Recurse -Filter *.mbox) {
                        $count += @(& python3 -c 'import sys, mailbox; print(len(mailbox.mbox(sys.argv[1])))' $f.FullName)[0]
                    }
                    $count | Should -Be $serverNow.Count
                }
            }
            @(Get-ChildItem -LiteralPath $tree -Recurse -File -Force | Where-Object Name -like '*.tmp') | Should -BeNullOrEmpty
            # The re-read check: every file matches the manifest (a new session: doveadm kick closes every connection of the user).
            Export-Mailbox -Path $Root -Format $Format -Session (Connect-TestSession -Server $server) -Verify -ErrorAction SilentlyContinue |
                Where-Object { -not ($Format -eq 'Mbox' -and $_.Folder -eq 'INBOX') } | ForEach-Object { $_.Verified | Should -BeTrue -Because $_.Folder }
        }
        $serverNow = @(Get-ServerBodyHash $server | Sort-Object)
    }

    It 'finishes the job after the exporting process is killed at random points (<Format>)' -ForEach @(@{ Format = 'Mbox' }, @{ Format = 'Maildir' }) {
        $root = Join-Path $TestDrive "killed-$Format"
        Stop-ExportMidway -Root $root -Format $Format
        $null = Export-Mailbox -Path $root -Format $Format -Session $session -ErrorAction SilentlyContinue
        Assert-ExportEqualsServer -Root $root -Format $Format
    }

    It 'finishes the job after the server drops the connection mid-export (doveadm kick)' {
        $root = Join-Path $TestDrive 'kicked'
        $delay = $rng.Next(50, 400)
        $kick = Start-ThreadJob -ScriptBlock {
            param($conf, $user, $delay)
            Start-Sleep -Milliseconds $delay
            & doveadm -c $conf kick $user 2>&1
        } -ArgumentList $server.ConfigPath, $user.UserName, $delay
        $fresh = Connect-TestSession -Server $server
        $first = @(Export-Mailbox -Path $root -Format Mbox -Session $fresh -ErrorAction SilentlyContinue -ErrorVariable cut)
        $null = $kick | Wait-Job | Receive-Job
        Remove-Job $kick
        Write-Host "kick after $delay ms: $($first.Count) folder(s) done before the cut, $(@($cut).Count) error(s)"
        $null = Export-Mailbox -Path $root -Format Mbox -Session $fresh -ErrorAction SilentlyContinue
        Assert-ExportEqualsServer -Root $root -Format Mbox
    }
}
