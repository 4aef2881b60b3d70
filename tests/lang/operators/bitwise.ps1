6 -band 3
6 -bor 3
-bnot 0
