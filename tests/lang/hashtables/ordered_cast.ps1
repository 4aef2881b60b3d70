$h = [ordered]@{ z = 1; y = 2 }
$h.Keys -join ','
