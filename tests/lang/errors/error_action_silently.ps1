Write-Error 'quiet' -ErrorAction SilentlyContinue
$Error.Count
$Error[0].Exception.Message
