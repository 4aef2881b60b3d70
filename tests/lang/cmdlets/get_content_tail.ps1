# Get-Content -Tail N: the last N lines (with -TotalCount, of those).
$f = "$HOME/tail.txt"
Set-Content $f 'l1', 'l2', 'l3'
Get-Content $f -Tail 2
Get-Content $f -Tail 2 -TotalCount 1
(Get-Content $f -Tail 10).Count
