$o = [pscustomobject]@{ A = 1; B = 2 }
$o.PSObject.Properties.Name -join ','
