$r = Write-Error 'oops' 2>&1
$r.Exception.Message
