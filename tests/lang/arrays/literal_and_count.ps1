$a = 1,2,3
$a.Count
$a.Length
$a
