$a, $b = 1, 2
$a
$b
$x, $y = 1, 2, 3
$y -join ','
