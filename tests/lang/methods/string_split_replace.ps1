'a,b,c'.Split(',') -join '|'
'a-b'.Replace('-', '+')
