Write-Error 'one' -ErrorVariable ev -ErrorAction SilentlyContinue
Write-Error 'two' -ErrorVariable +ev -ErrorAction SilentlyContinue
$ev.Count
