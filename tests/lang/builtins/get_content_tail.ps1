# Get-Content -Tail (alias -Last) outputs the last lines; -TotalCount the first.
$f = "$HOME/tail.txt"
'one', 'two', 'three' | Set-Content $f
(Get-Content $f -Tail 2) -join ','
(Get-Content $f -Last 1)
(Get-Content $f -Tail 9) -join ','
(Get-Content $f -TotalCount 1)
