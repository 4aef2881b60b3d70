$o = [pscustomobject]@{ A = 1 }
$o.Count
$n = $null
$n.Count
(5).Count
