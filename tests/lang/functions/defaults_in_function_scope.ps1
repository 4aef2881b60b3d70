$base = 10
function f { param($x = $base + 1) $x }
f
f 5
