$a = @{ A = 1 }
$b = @{ B = 2 }
$c = $a + $b
$c.Keys -join ','
