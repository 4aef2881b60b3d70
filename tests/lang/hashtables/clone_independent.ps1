$h = @{ A = 1 }
$c = $h.Clone()
$c.A = 2
$h.A
$c.A
