$sb = { param($x) "x is $x" }
& $sb 5
$sb2 = { "args: $args" }
& $sb2 1 2
