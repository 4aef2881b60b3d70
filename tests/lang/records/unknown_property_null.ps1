$o = [pscustomobject]@{ A = 1 }
$o.Nope -eq $null
