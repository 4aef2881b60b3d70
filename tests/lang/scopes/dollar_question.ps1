$x = 1
$?
Write-Error 'bad' 2>$null
$?
'ok'
$?
