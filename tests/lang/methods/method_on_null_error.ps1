$n = $null
$n.ToUpper()
'after'
