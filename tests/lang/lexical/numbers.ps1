0x1F
1kb
2mb
1.5
1e3
-7
