$a = ,5
$a.Count
$n = ,(1,2)
$n.Count
