$r = 1..10 | Select-Object -First 2
$r -join ','
'still running'
