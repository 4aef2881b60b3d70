function f($A, $B) { "A=$A B=$B" }
$p = @{ A = 1; B = 2 }
f @p
$q = 'x', 'y'
f @q
