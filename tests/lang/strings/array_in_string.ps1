$a = 1,2,3
"items: $a"
