Write-Error 'captured' -ErrorVariable ev -ErrorAction SilentlyContinue
$ev.Count
$ev[0].Exception.Message
