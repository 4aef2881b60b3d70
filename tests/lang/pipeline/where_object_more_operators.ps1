# The short form of Where-Object takes every operator of PowerShell 7, -Not and -Is included.
$o = [pscustomobject]@{ K = 'a'; F = $true; V = 1 },
     [pscustomobject]@{ K = 'B'; F = $false; V = 'x' },
     [pscustomobject]@{ K = 'c' }
($o | Where-Object -Not F).K -join ','
($o | Where-Object V -Is [int]).K
($o | Where-Object V -IsNot int).K -join ','
($o | Where-Object K -CIn 'a', 'b').K
($o | Where-Object K -CNotContains 'B').K -join ','
($o | Where-Object K -CEQ 'b').Count
($o | Where-Object K -GE 'b').K -join ','
