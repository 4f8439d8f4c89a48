# Get-MailToolsOutputType for tests/Format.Tests.ps1: dot-sourced in BeforeDiscovery (test cases) and BeforeAll (run).
function Get-MailToolsOutputType {
    # Every type a MailTools cmdlet declares it writes, and the MailTools types nested in them (rows, probes).
    $declared = Get-Command -Module MailTools -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
        Where-Object { $_ -and $_.Namespace -eq 'MailTools' }
    $all = [Collections.Generic.Dictionary[string, type]]::new()
    $queue = [Collections.Generic.Queue[type]]::new()
    $declared | ForEach-Object { $queue.Enqueue($_) }
    while ($queue.Count) {
        $t = $queue.Dequeue()
        if ($all.ContainsKey($t.FullName)) { continue }
        $all[$t.FullName] = $t
        # Internal ones too: the comparison's probes and folders are hidden members, still shown by their views.
        foreach ($p in $t.GetProperties([Reflection.BindingFlags]'Instance,Public,NonPublic')) {
            $inner = if ($p.PropertyType.IsArray) { $p.PropertyType.GetElementType() }
            elseif ($p.PropertyType.IsGenericType) { $p.PropertyType.GenericTypeArguments[0] }   # ItemList<T>
            else { $p.PropertyType }
            if ($inner.Namespace -eq 'MailTools' -and $inner.IsClass -and $inner -ne [MailTools.ValueList]) { $queue.Enqueue($inner) }
        }
    }
    $all.Values | Sort-Object FullName
}
