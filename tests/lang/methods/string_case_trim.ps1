'Hello'.ToUpper()
'Hello'.ToLower()
'  x  '.Trim() + '|'
'xxabcxx'.TrimStart('x')
'xxabcxx'.TrimEnd('x')
