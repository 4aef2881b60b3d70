1 / 0
'next'
