Write-Output hello TEST-1
Write-Output a,b,c
