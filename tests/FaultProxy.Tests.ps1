# The fault/delay proxy (tests/TestServer/FaultProxy) that the benchmarks and the reliability tests put between
# MailTools and Dovecot: pass-through keeps TLS validation intact, a cut and a stall become MailTools' own errors.
BeforeAll {
    . $PSScriptRoot/TestCommon.ps1
    Import-Module (Join-Path $PSScriptRoot 'TestServer/FaultProxy.psm1') -Force
    $server = Start-TestMailServer -Users alice -Profile Small
    $alice = $server.Users[0]

    function Connect-ThroughProxy($Proxy, [hashtable] $Extra = @{}) {
        # 127.0.0.1 is in the server certificate's SANs: validation against the run's CA stays on.
        Connect-MailServer -Server $Proxy.Host -Port $Proxy.Port -Security SslOnConnect -Credential $alice.Credential @Extra
    }

    function Get-ProxyBytesToClient($Proxy, [int] $Connection = 1) {
        # From the proxy's event log: "conn N: closed, X bytes to server, Y bytes to client".
        $deadline = [datetime]::UtcNow.AddSeconds(10)
        while ([datetime]::UtcNow -lt $deadline) {
            $line = Get-Content -LiteralPath $Proxy.LogPath | Where-Object { $_ -match "conn ${Connection}: closed, \d+ bytes to server, (\d+) bytes to client" } | Select-Object -First 1
            if ($line) { return [long]([regex]::Match($line, '(\d+) bytes to client').Groups[1].Value) }
            Start-Sleep -Milliseconds 50
        }
        throw "The proxy log $($Proxy.LogPath) has no close line for connection $Connection."
    }

    # Where to inject faults: past the TLS handshake and LOGIN, inside Get-MailFolder's LIST-STATUS answer.
    # Measured through a pass-through proxy: connect+logout (X) and connect+list+logout (Y) server->client bytes.
    $probe = Start-TestFaultProxy -TargetPort $server.ImapsPort
    try {
        Disconnect-MailServer -Session (Connect-ThroughProxy $probe)
        $connectBytes = Get-ProxyBytesToClient $probe 1
        $s = Connect-ThroughProxy $probe
        $null = Get-MailFolder -Session $s
        Disconnect-MailServer -Session $s
        $listBytes = Get-ProxyBytesToClient $probe 2
    }
    finally { Stop-TestFaultProxy $probe }
    $midList = [long](($connectBytes + $listBytes) / 2)
}

AfterAll {
    Disconnect-MailServer -All -ErrorAction SilentlyContinue
    if ($server) { Stop-TestMailServer $server }
}

Describe 'FaultProxy' {
    It 'measured a LIST answer to cut into' {
        # Without this the fault tests below would cut during login and test nothing about Get-MailFolder.
        $listBytes - $connectBytes | Should -BeGreaterThan 500
    }

    It 'passes TLS through with certificate validation: Get-MailFolder through it equals a direct connection' {
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -DelayMs 10
        try {
            $direct = Connect-TestSession -Server $server
            $through = Connect-ThroughProxy $proxy
            $through.IsConnected | Should -BeTrue
            $expected = @(Get-MailFolder -Session $direct | Sort-Object FullName)
            $actual = @(Get-MailFolder -Session $through | Sort-Object FullName)
            $actual.Count | Should -Be $expected.Count
            $expected.Count | Should -BeGreaterThan 5
            for ($i = 0; $i -lt $expected.Count; $i++) {
                $actual[$i].FullName | Should -BeExactly $expected[$i].FullName
                $actual[$i].Count | Should -Be $expected[$i].Count
                $actual[$i].Unread | Should -Be $expected[$i].Unread
                $actual[$i].Size | Should -Be $expected[$i].Size
            }
            Disconnect-MailServer -Session $direct
            Disconnect-MailServer -Session $through
        }
        finally { Stop-TestFaultProxy $proxy }
    }

    It 'still validates the certificate: a server the run''s CA did not sign is refused through the proxy' {
        $untrusted = Start-TestMailServer -Users alice -UntrustedCertificate
        $proxy = Start-TestFaultProxy -TargetPort $untrusted.ImapsPort
        try {
            { Connect-MailServer -Server $proxy.Host -Port $proxy.Port -Security SslOnConnect -Credential $untrusted.Users[0].Credential -ErrorAction Stop } |
                Should -Throw -ErrorId 'MailToolsCertificateUntrusted*'
        }
        finally { Stop-TestFaultProxy $proxy; Stop-TestMailServer $untrusted }
    }

    It 'turns a cut connection into MailToolsConnectionLost (a ConnectionError naming the server)' {
        # Every connection is cut in the listing: the listing reconnects (it changes nothing) and gives up after
        # MailOperation.MaxReconnects with the error. (Cut only once, the reconnect lists: ServerFaults tests that.)
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -CutAfterBytes "$midList"
        try {
            $session = Connect-ThroughProxy $proxy
            $err = $null
            $null = Get-MailFolder -Session $session -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsConnectionLost,*'
            $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $err[0].Exception.Message | Should -BeLike "*127.0.0.1:$($proxy.Port)*"
            (Get-Content -LiteralPath $proxy.LogPath -Raw) | Should -Match "conn 1: cut after $midList bytes"
            Disconnect-MailServer -Session $session -ErrorAction SilentlyContinue
        }
        finally { Stop-TestFaultProxy $proxy }
    }

    It 'turns a stalled server into MailToolsTimeout with -TimeoutSeconds 2' {
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -StallAfterBytes "$midList" -OnlyConnection 1
        try {
            $session = Connect-ThroughProxy $proxy -Extra @{ TimeoutSeconds = 2 }
            $err = $null
            $null = Get-MailFolder -Session $session -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MailToolsTimeout,*'
            $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            (Get-Content -LiteralPath $proxy.LogPath -Raw) | Should -Match "conn 1: stall after $midList bytes"
            Disconnect-MailServer -Session $session -ErrorAction SilentlyContinue
        }
        finally { Stop-TestFaultProxy $proxy }
    }

    It 'cuts at a plaintext command: STARTTLS never reaches the server' {
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapPort -CutAtCommand 'STARTTLS'
        try {
            $err = $null
            $null = Connect-MailServer -Server $proxy.Host -Port $proxy.Port -Security StartTls -Credential $alice.Credential -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -HaveCount 1
            $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            (Get-Content -LiteralPath $proxy.LogPath -Raw) | Should -Match "conn 1: cut at client line containing 'STARTTLS'"
        }
        finally { Stop-TestFaultProxy $proxy }
    }

    It 'applies faults only to the chosen connection: the second connection passes' {
        $proxy = Start-TestFaultProxy -TargetPort $server.ImapsPort -CutAfterBytes 100 -OnlyConnection 1
        try {
            $err = $null
            $null = Connect-MailServer -Server $proxy.Host -Port $proxy.Port -Security SslOnConnect -Credential $alice.Credential -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -HaveCount 1
            $second = Connect-ThroughProxy $proxy
            @(Get-MailFolder -Session $second).Count | Should -BeGreaterThan 5
            Disconnect-MailServer -Session $second
        }
        finally { Stop-TestFaultProxy $proxy }
    }

    It 'rejects a bad option with a usage message' {
        { Start-TestFaultProxy -TargetPort $server.ImapsPort -CutAtCommand '' -CutAfterBytes '9-1' } | Should -Throw '*--cut-after-bytes takes a byte count*'
    }
}
