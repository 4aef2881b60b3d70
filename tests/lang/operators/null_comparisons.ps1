$null -eq $null
$x = $null
$x -eq 0
0 -eq $null
$null -lt 1
