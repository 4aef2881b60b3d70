# Group-Object -AsHashTable: group name → the objects in it (always a collection).
$d = @(
    [pscustomobject]@{ N = 'a'; G = 'x' }
    [pscustomobject]@{ N = 'b'; G = 'y' }
    [pscustomobject]@{ N = 'c'; G = 'x' }
)
$h = $d | Group-Object G -AsHashTable -AsString
$h.x.N -join ','
$h['y'].Count
$h.Keys -join ','
