# Select-Object -Index/-SkipLast and -ExpandProperty with -Property; Sort-Object -Top/-Bottom;
# Group-Object -AsHashTable.
(1..10 | Select-Object -Index 1, 3) -join ','
(1..100000 | Select-Object -Index 2)
(1..5 | Select-Object -SkipLast 2) -join ','
(1..5 | Select-Object -Skip 1 -SkipLast 1) -join ','
(1..5 | Select-Object -Last 2) -join ','
[pscustomobject]@{ Key = 'T-1'; Fields = [pscustomobject]@{ Votes = 3 } } |
    Select-Object -ExpandProperty Fields -Property Key
(5, 3, 9, 1 | Sort-Object -Top 2) -join ','
(5, 3, 9, 1 | Sort-Object -Bottom 2) -join ','
(5, 3, 9, 1 | Sort-Object -Descending -Top 1)
$byStatus = 'Open', 'Done', 'open', 'Review' | Group-Object -AsHashTable
$byStatus['OPEN'].Count
$byStatus.Keys -join ','
