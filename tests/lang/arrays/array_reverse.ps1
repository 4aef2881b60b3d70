# [array]::Reverse reverses an array in place.
$a = 1, 2, 3
[array]::Reverse($a)
$a -join ','
