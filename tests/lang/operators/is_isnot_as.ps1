1 -is [int]
'1' -is [string]
1.5 -is [double]
1 -isnot [string]
@(1) -is [array]
@{} -is [hashtable]
('42' -as [int]) + 1
('x' -as [int]) -eq $null
{ } -is [scriptblock]
