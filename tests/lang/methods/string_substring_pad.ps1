'Hello'.Substring(1)
'Hello'.Substring(1, 3)
'7'.PadLeft(3, '0')
'ab'.PadRight(4) + '|'
