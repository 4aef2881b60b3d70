# [array]::IndexOf: the first position of a value (case-sensitive), or -1.
$a = 'x', 'y', 'Z', 'y'
[array]::IndexOf($a, 'y')
[array]::IndexOf($a, 'z')
[array]::IndexOf(@(10, 20, 30), 30)
