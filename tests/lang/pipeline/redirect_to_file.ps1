$f = "$HOME/redirect-test.txt"
'line one' > $f
'line two' >> $f
Get-Content $f
1..2 > $f
Get-Content $f
