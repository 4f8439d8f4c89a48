# Dot-sourced by the report tests: opens an HTML file in headless Chromium with no network at all (its own empty network
# namespace when we are root, else a proxy that does not exist), and returns the rendered DOM and the console lines.
function Invoke-HeadlessChromium {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string] $Screenshot
    )
    $profileDir = Join-Path ([IO.Path]::GetTempPath()) ("mailtools-chromium-" + [guid]::NewGuid().ToString('N'))
    $flags = @('--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', "--user-data-dir=$profileDir", '--enable-logging=stderr', '--v=0',
        '--proxy-server=127.0.0.1:9', '--proxy-bypass-list=<-loopback>')
    $isRoot = (& id -u) -eq '0'
    $unshare = Get-Command unshare -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    function Start-Browser([string[]] $Arguments) {
        $errFile = Join-Path $profileDir 'stderr.txt'
        New-Item -ItemType Directory -Force -Path $profileDir | Out-Null
        $out = if ($isRoot -and $unshare) { & $unshare.Source -n /usr/bin/chromium @Arguments 2> $errFile }
               else { & /usr/bin/chromium @Arguments 2> $errFile }
        [pscustomobject]@{ Out = ($out -join "`n"); Err = @(Get-Content $errFile) }
    }
    try {
        $uri = [Uri]::new((Resolve-Path -LiteralPath $Path).ProviderPath, [UriKind]::Absolute).AbsoluteUri
        $dom = Start-Browser ($flags + @('--dump-dom', $uri))
        if ($Screenshot) {
            $null = Start-Browser ($flags + @('--window-size=1100,2400', '--hide-scrollbars', "--screenshot=$Screenshot", $uri))
        }
        [pscustomobject]@{
            Dom     = $dom.Out
            Console = @($dom.Err | Where-Object { $_ -match ':CONSOLE' -or $_ -match 'net::ERR' })
        }
    } finally {
        Remove-Item -Recurse -Force -LiteralPath $profileDir -ErrorAction Ignore
    }
}

function Get-ChartMarks {
    # Each chart of the rendered DOM: its id, the marks it says it drew, and the marks (bars, slices, areas) really in it.
    param([Parameter(Mandatory)] [string] $Dom)
    $charts = @{}
    foreach ($m in [regex]::Matches($Dom, '<figure class="chart" id="([^"]+)" data-kind="([^"]+)" data-marks="(\d+)">(.*?)</figure>', 'Singleline')) {
        $charts[$m.Groups[1].Value] = [pscustomobject]@{
            Kind     = $m.Groups[2].Value
            Declared = [int]$m.Groups[3].Value
            Marks    = [regex]::Matches($m.Groups[4].Value, 'class="mark"').Count
            HasTitle = $m.Groups[4].Value -match '<figcaption>[^<]+</figcaption>'
            HasAxis  = $m.Groups[4].Value -match 'class="axis"'
        }
    }
    $charts
}
