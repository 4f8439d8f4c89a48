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
        $results = @(Export-Mailbox -Path $root -Format $Format -Verify -Session $session)
    }

    It 'exports every message with the server''s exact bytes (SHA-256 of BODY[])' {
        $serverHashes.Count | Should -BeGreaterThan 20
        @(Get-ManifestHash $root | Sort-Object) | Should -Be $serverHashes
        ($results | Measure-Object Exported -Sum).Sum | Should -Be $serverHashes.Count
    }

    It 're-reads every file and finds it matches the manifest (-Verify)' {
        foreach ($r in $results) {
            # Only a message with no final newline can differ in mbox, and -Verify must then say so.
            $expected = -not ($Format -eq 'Mbox' -and $r.Folder -eq 'INBOX' -and $NoFinalNewline.Count -gt 0)
            $r.Verified | Should -Be $expected -Because $r.Folder
        }
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

Describe 'Export-Mailbox incremental and round trip' {
    It 'exports exactly the 10 new messages after 10 arrive' {
        $root = Join-Path $TestDrive 'incremental'
        $null = Export-Mailbox -Path $root -Folder INBOX -Session $session
        1..10 | ForEach-Object {
            $bytes = [Text.Encoding]::ASCII.GetBytes("From: a@example.com`r`nSubject: new $_`r`nMessage-ID: <new-$_@example.com>`r`n`r`nbody $_`r`n")
            $null = Add-TestMessage -Server $server -User $server.Users[0].UserName -Bytes $bytes
        }
        $second = Export-Mailbox -Path $root -Folder INBOX -Session $session -Verify
        $second.Exported | Should -Be 10
        $second.Verified | Should -BeTrue
    }

    It 'Export -> Import into an empty account -> Export gives the same message set' {
        $first = Join-Path $TestDrive 'rt-1'; $second = Join-Path $TestDrive 'rt-2'
        $null = Export-Mailbox -Path $first -Session $session
        $carol = Connect-TestSession -Server $server -UserIndex 2
        $imported = @(Import-Mailbox -Path $first -Session $carol)
        ($imported | Measure-Object Imported -Sum).Sum | Should -BeGreaterThan 20
        $null = Export-Mailbox -Path $second -Session $carol
        # carol has her own seeded mail too: every message of the first export must be in the second (by Message-ID
        # and count per folder). Byte equality after import is NOT asserted: MailKit's APPEND re-serialises a parsed
        # MimeMessage, and three malformed Edge messages come back with different bytes (known gap, see the report).
        $ids = { param($root) Get-Content (Join-Path $root 'manifest.jsonl') | ConvertFrom-Json | Where-Object messageId | ForEach-Object { "$($_.folder)|$($_.messageId)" } }
        $after = @(& $ids $second)
        @(& $ids $first | Where-Object { $_ -notin $after }) | Should -BeNullOrEmpty
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
