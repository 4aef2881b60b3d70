'{1}' -f 'a'
'next'
