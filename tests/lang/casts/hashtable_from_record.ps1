$o = [pscustomobject]@{ A = 1 }
$h = [hashtable]$o
$h.A
$h -is [hashtable]
