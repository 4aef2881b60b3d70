# A value that holds itself prints, converts and serialises without recursing forever.
$r = [pscustomobject]@{ Name = 'me'; Self = $null }
$r.Self = $r
"$r"
$r | ConvertTo-Json -Compress -Depth 1
$a = @(1, 2)
$a[1] = $a
"$a"
$a | Measure-Object | ForEach-Object Count
$h = @{}
$h.Me = $h
"$h"
'done'
