$o = [pscustomobject]@{ Zed = 1; Alpha = 2; Mid = 3 }
$o.PSObject.Properties.Name -join ','
