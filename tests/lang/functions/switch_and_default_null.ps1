function f($a) { $a -eq $null }
f
