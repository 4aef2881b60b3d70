$o = [pscustomobject]@{ A = 1 }
$o -is [pscustomobject]
$o.GetType().Name
