$a = @()
$a.Count
$b = @(5)
$b.Count
$c = @(1,2; 3)
$c.Count
