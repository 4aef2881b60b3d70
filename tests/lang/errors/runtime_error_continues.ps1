$a = $null
$a[0]
'next statement'
