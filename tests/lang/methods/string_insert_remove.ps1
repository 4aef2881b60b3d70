'Hello'.Insert(5, '!')
'Hello'.Remove(1, 2)
'Hello'.Remove(2)
