# An array becomes a string by joining its elements' own string forms: a nested array is
# System.Object[] (PowerShell's rule), whether by cast, expansion or -join.
$x = 1, (2, 3)
"$x"
[string]$x
$x -join '+'
