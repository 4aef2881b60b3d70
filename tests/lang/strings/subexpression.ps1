$a = 2
"two plus two is $($a + $a)"
"len $('abc'.Length)"
