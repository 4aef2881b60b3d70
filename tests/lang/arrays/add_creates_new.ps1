$a = 1,2
$b = $a + 3
$a.Count
$b.Count
$a += 4
$a -join ','
