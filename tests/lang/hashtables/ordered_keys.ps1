$h = @{ b = 1; a = 2; c = 3 }
$h.Keys -join ','
$h.Values -join ','
