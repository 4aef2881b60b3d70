$a = [string[]]@(1, 2)
$a[0].GetType().Name
$b = [int[]]'5'
$b.Count
[array]$x = 'one'
$x.Count
