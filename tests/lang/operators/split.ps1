'a,b,,c' -split ','
'---'
'a1b22c' -split '\d+'
'---'
-split '  one two  three '
'---'
'a,b,c' -split ',', 2
