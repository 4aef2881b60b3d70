$h = @{ A = 1 }
$h.Nope -eq $null
$h['nope'] -eq $null
