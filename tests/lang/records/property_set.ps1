$o = [pscustomobject]@{ A = 1 }
$o.A = 5
$o.A
$o.B = 'new'
$o.B
