function add($a, $b) { $a + $b }
add 1 2
add -b 10 -a 1
