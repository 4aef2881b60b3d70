1 + 2 -eq 3
2 * 3 + 1
-not 1 -eq 2
1..3 -join '+'
