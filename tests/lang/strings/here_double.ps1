$n = 3
$t = @"
value: $n
sum: $($n + 1)
"@
$t
