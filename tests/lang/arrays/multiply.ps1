$a = 1,2 * 2
$a -join ','
