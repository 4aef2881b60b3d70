# Get-Content -Tail N (alias -Last): the last N lines (all of them when there are fewer);
# -TotalCount the first N. The two cannot be used together, as in PowerShell.
$f = "$HOME/tail.txt"
Set-Content $f 'l1', 'l2', 'l3'
Get-Content $f -Tail 2
(Get-Content $f -Last 1)
(Get-Content $f -Tail 10).Count
(Get-Content $f -Tail 9) -join ','
(Get-Content $f -TotalCount 1)
Get-Content $f -Tail 2 -TotalCount 1
'after'
